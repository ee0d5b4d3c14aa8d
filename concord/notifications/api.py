"""API: your own notifications."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema

from concord.core import filtering
from concord.core.api import MAX_ID, responses
from concord.core.paging import Paged, PageParams, page
from concord.notifications import selectors, services
from concord.notifications.filters import NotificationFilter

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    partnership_id: int | None
    kind: str
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None


class NotificationFilters(filtering.query_schema(NotificationFilter)):  # type: ignore[misc]
    """The notifications' filters (filters.NotificationFilter)."""


class ReadAllOut(Schema):
    marked: int


@router.get(
    "/me/notifications",
    response=responses(200, Paged[NotificationOut]),
    summary="Your notifications, newest first",
)
def notification_list(
    request: HttpRequest, filters: Query[NotificationFilters], paging: Query[PageParams]
) -> Any:
    found = filtering.apply(NotificationFilter, filters, selectors.notification_list(actor=request.user))
    return page(found.qs, paging)


@router.post(
    "/me/notifications/{notification_id}/read",
    response=responses(200, NotificationOut, 404),
    summary="Mark one read",
)
def notification_read(request: HttpRequest, notification_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    found = selectors.notification_get(actor=request.user, pk=notification_id)
    return services.mark_read(actor=request.user, notification=found)


@router.post("/me/notifications/read-all", response=responses(200, ReadAllOut), summary="Mark all read")
def notifications_read_all(request: HttpRequest) -> Any:
    return {"marked": services.mark_all_read(actor=request.user)}
