"""The API's answers and filters for a person's notifications (no bodies: reading one is a POST
without input)."""

from datetime import datetime

from ninja import Schema

from concord.core import filtering
from concord.notifications.filters import NotificationFilter


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
