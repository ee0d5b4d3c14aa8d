"""The risks' daily work: reminders of overdue reviews, registered with the notifications' daily
reminders (notifications.tasks.a_reminders runs them with the others, before the digest, so
they reach the same day's digest; a job of our own would run after it: jobs run in name order).
Registered when the app is ready."""

from concord.notifications.services import reminder_source
from concord.risks.services import review_reminders

reminder_source(review_reminders)
