"""The daily reminders and digest (registered when the app is ready). Reminders run before the
digest (jobs run in name order: `a_` then `b_`)."""

import datetime

from concord.core.schedule import daily
from concord.notifications.services import remind, send_digests


@daily
def a_reminders(day: datetime.date) -> int:
    return remind(day)


@daily
def b_digest(day: datetime.date) -> int:
    return send_digests(day)
