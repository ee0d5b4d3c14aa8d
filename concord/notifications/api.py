"""API: your own notifications."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema

from concord.core.api import MAX_ID, responses
from concord.notifications import selectors, services

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    partnership_id: int | None
    kind: str
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None


class NotificationFilters(Schema):
    unread: bool = False


class ReadAllOut(Schema):
    marked: int


@router.get("/me/notifications", response=responses(200, list[NotificationOut]), summary="Your notifications")
def notification_list(request: HttpRequest, filters: Query[NotificationFilters]) -> Any:
    return list(selectors.notification_list(actor=request.user, unread_only=filters.unread)[:200])


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
