"""The Reviews tab's daily work: survey invitations and reminders go with the notifications'
daily reminders (notifications.tasks.a_reminders runs them with the others, before the digest,
so they reach the same day's e-mail); rounds whose closing day has passed are closed. Registered
when the app is ready."""

import datetime

from concord.core.schedule import daily
from concord.notifications.services import reminder_source
from concord.reviews.services.invitations import survey_reminders
from concord.reviews.services.survey import close_due

reminder_source(survey_reminders)


@daily
def close_surveys(day: datetime.date) -> int:
    """Close the rounds whose closing day is before `day`."""
    return close_due(day)
