"""Daily jobs of the lifecycle app (registered when the app is ready). Named `a_…` so they run
before the notifications' digest (`b_digest`): today's reminders go out in today's digest."""

import datetime

from concord.core.schedule import daily
from concord.lifecycle.services import reminders


@daily
def a_lifecycle_reminders(day: datetime.date) -> int:
    """Due diligence expiring or expired, and segmentations due for review."""
    return reminders.remind(day)
