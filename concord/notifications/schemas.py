"""The API's answers and filters for a person's notifications, and the body of their settings
(generated from the settings page's form)."""

from datetime import datetime

from ninja import Schema

from concord.core import filtering, inputs
from concord.notifications.filters import NotificationFilter
from concord.notifications.forms import PreferencesForm


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


class PreferencesIn(inputs.input_schema(PreferencesForm, name="PreferencesIn", partial=True)):  # type: ignore[misc]
    """Per kind of notification, how you want it (forms.PreferencesForm); kinds left out stay."""


class PreferenceOut(Schema):
    kind: str
    label: str
    delivery: str
    choices: list[str]
