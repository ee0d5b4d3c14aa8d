"""Reads of a person's own notifications."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from concord.access.policy import get_for
from concord.accounts.models import User
from concord.notifications.models import Notification


def notification_list(*, actor: User) -> QuerySet[Notification]:
    """The actor's notifications, newest first (filtered by filters.NotificationFilter, read in
    pages)."""
    found = Notification.objects.restrict(actor).select_related("partnership")
    return found.order_by("-created_at", "-pk")


def unread_count(actor: User | AnonymousUser) -> int:
    """The navigation's count of unread notifications (none for a visitor who is not signed in)."""
    if not getattr(actor, "is_authenticated", False):
        return 0
    return Notification.objects.restrict(actor).filter(read_at__isnull=True).count()


def notification_get(*, actor: User, pk: int) -> Notification:
    return get_for(actor, Notification, pk=pk).obj
