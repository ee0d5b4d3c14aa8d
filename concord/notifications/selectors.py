"""Reads of a person's own notifications."""

from typing import Any

from django.db.models import QuerySet

from concord.access.policy import get_for
from concord.notifications.models import Notification


def notification_list(*, actor: Any) -> QuerySet[Notification]:
    """The actor's notifications, newest first (filtered by filters.NotificationFilter, read in
    pages)."""
    found = Notification.objects.restrict(actor).select_related("partnership")
    return found.order_by("-created_at", "-pk")


def unread_count(actor: Any) -> int:
    if not getattr(actor, "is_authenticated", False):
        return 0
    return Notification.objects.restrict(actor).filter(read_at__isnull=True).count()


def notification_get(*, actor: Any, pk: int) -> Notification:
    return get_for(actor, Notification, pk=pk).obj
