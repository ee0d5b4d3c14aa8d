"""The API's bodies and answers for meetings, decisions, actions and calendar feeds. Inputs are
generated from the pages' forms (core.inputs), filters from the lists' FilterSets (core.filtering)."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from concord.access.roles import Visibility
from concord.core import filtering, inputs
from concord.core.forms import VersionForm
from concord.meetings.filters import FeedFilter, MeetingFilter
from concord.meetings.forms import (
    ActionForm,
    AttendeesForm,
    DecisionForm,
    MeetingEditForm,
    MeetingForm,
    RecordForm,
)
from concord.meetings.models import MeetingKind, MeetingStatus

# ---- bodies: the pages' forms ---------------------------------------------------------------------


class MeetingIn(inputs.input_schema(MeetingForm, name="MeetingIn")):  # type: ignore[misc]
    """Schedule a meeting (forms.MeetingForm); `attendee_ids`: colleagues to invite."""


class MeetingPatch(inputs.input_schema(MeetingEditForm, name="MeetingPatch", partial=True)):  # type: ignore[misc]
    """Change a meeting: only what is sent changes (forms.MeetingEditForm)."""


class RecordIn(inputs.input_schema(RecordForm, name="RecordIn", partial=True)):  # type: ignore[misc]
    """Edit the agenda or write the minutes: only what is sent changes (forms.RecordForm)."""


class VersionIn(inputs.input_schema(VersionForm, name="VersionIn")):  # type: ignore[misc]
    """Act on the version you have (core.forms.VersionForm)."""


class AttendeesIn(inputs.input_schema(AttendeesForm, name="AttendeesIn")):  # type: ignore[misc]
    """Invite colleagues of your own organisation (forms.AttendeesForm)."""


class DecisionIn(inputs.input_schema(DecisionForm, name="DecisionIn")):  # type: ignore[misc]
    """Log a decision with its rationale, and what it touches (forms.DecisionForm)."""


class ActionIn(inputs.input_schema(ActionForm, name="ActionIn")):  # type: ignore[misc]
    """Record an action of a person (forms.ActionForm)."""


# ---- filters: the lists' FilterSets ---------------------------------------------------------------


class MeetingFilters(filtering.query_schema(MeetingFilter)):  # type: ignore[misc]
    """The meetings' filters (filters.MeetingFilter)."""


class FeedFilters(filtering.query_schema(FeedFilter)):  # type: ignore[misc]
    """The calendar feeds' filters (filters.FeedFilter)."""


# ---- answers --------------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    name: str
    organisation_ids: list[int] = Field(default_factory=list)


class MeetingOut(Schema):
    id: int
    partnership_id: int
    owner: str = Field(alias="owner.name")
    visibility: Visibility
    kind: MeetingKind
    title: str
    starts_at: datetime
    time_zone: str = Field(description="The organiser's zone: invitations give the time in it.")
    duration_minutes: int
    location: str
    status: MeetingStatus
    agenda: str
    minutes: str
    attendees: list[PersonOut]
    sequence: int
    version: int

    @staticmethod
    def resolve_attendees(obj: Any) -> list[dict[str, Any]]:
        return [{"id": a.user.pk, "name": a.user.get_full_name()} for a in obj.attendance.all()]


class DecisionOut(Schema):
    id: int
    meeting_id: int
    text: str
    rationale: str
    goal_id: int | None
    demand_id: int | None
    recorded_by: str | None
    created_at: datetime

    @staticmethod
    def resolve_recorded_by(obj: Any) -> str | None:
        return obj.recorded_by.get_full_name() if obj.recorded_by else None


class ActionOut(Schema):
    commitment_id: int
    title: str
    organisation: str
    promised_on: date


class FeedOut(Schema):
    id: int
    hint: str
    created_at: datetime
    revoked_at: datetime | None


class FeedCreated(FeedOut):
    url: str = Field(description="The secret feed address; shown only now.")
