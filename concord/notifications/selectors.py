"""Reads of a person's own notifications."""

from typing import Any

from django.db.models import QuerySet

from concord.access.policy import require_self
from concord.core.errors import NotFound
from concord.notifications.models import Notification


def notification_list(*, actor: Any, unread_only: bool = False) -> QuerySet[Notification]:
    found = Notification.objects.filter(user_id=actor.pk).select_related("partnership")
    return found.filter(read_at__isnull=True) if unread_only else found


def unread_count(actor: Any) -> int:
    if not getattr(actor, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user_id=actor.pk, read_at__isnull=True).count()


def notification_get(*, actor: Any, pk: int) -> Notification:
    found = Notification.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    require_self(actor, found.user_id)
    return found
