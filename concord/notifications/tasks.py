"""The daily reminders and digest (registered when the app is ready; reminders run before the
digest: jobs run in name order, `a_` then `b_`), and the delivery of what just happened."""

import datetime

from django.tasks import task

from concord.audit.models import AuditEvent
from concord.core.schedule import daily
from concord.notifications import services
from concord.notifications.events import watched
from concord.notifications.services import remind, send_digests


@daily
def a_reminders(day: datetime.date) -> int:
    return remind(day)


@daily
def b_digest(day: datetime.date) -> int:
    return send_digests(day)


@task()
def deliver(event_ids: list[int]) -> int:
    """Notify who should hear of these audit events (services.deliver); queued after the commit."""
    return services.deliver(event_ids)


def on_committed(sender: object, events: list[AuditEvent], **kwargs: object) -> None:
    """audit.signals.committed: queue the delivery of the events someone should hear of."""
    ids = watched(events)
    if ids:
        deliver.enqueue(ids)
