"""The API's bodies and answers for partnerships, parties and notes. Inputs are generated from the
pages' forms (core.inputs), filters from the lists' FilterSets (core.filtering)."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from concord.access.roles import Side, Visibility
from concord.core import filtering, inputs
from concord.partnerships.filters import NoteFilter, PartnershipFilter
from concord.partnerships.forms import NoteEditForm, NoteForm, PartnershipCreateForm, PartnershipEditForm
from concord.partnerships.models import PartnershipStatus, RelationshipType


class PartyOut(Schema):
    id: int
    organisation_id: int
    organisation: str = Field(alias="organisation.name")
    side: Side
    manager_id: int | None
    manager: str | None = None

    @staticmethod
    def resolve_manager(obj: Any) -> str | None:
        return obj.manager.get_full_name() if obj.manager else None


class PartnershipOut(Schema):
    id: int
    name: str
    category: str
    relationship_type: RelationshipType
    relationship_rationale: str
    status: PartnershipStatus
    start_date: date | None
    description: str
    check_in_every_days: int
    review_every_days: int
    version: int
    parties: list[PartyOut]

    @staticmethod
    def resolve_parties(obj: Any) -> list[Any]:
        return list(obj.parties.all())


class PartnershipFilters(filtering.query_schema(PartnershipFilter)):  # type: ignore[misc]
    """The portfolio's filters (filters.PartnershipFilter)."""


class NoteFilters(filtering.query_schema(NoteFilter)):  # type: ignore[misc]
    """The notes' filters (filters.NoteFilter)."""


class NoteOut(Schema):
    id: int
    partnership_id: int
    owner_id: int
    owner: str = Field(alias="owner.name")
    visibility: Visibility
    title: str
    body: str
    author: str | None = None
    created_at: datetime
    updated_at: datetime
    version: int

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return obj.created_by.get_full_name() if obj.created_by else None


# The bodies are the pages' forms (core.inputs): the same fields, limits and checks.
class PartnershipIn(inputs.input_schema(PartnershipCreateForm, name="PartnershipIn")):  # type: ignore[misc]
    """Open a partnership (forms.PartnershipCreateForm)."""


class PartnershipPatch(inputs.input_schema(PartnershipEditForm, name="PartnershipPatch", partial=True)):  # type: ignore[misc]
    """Change a partnership: only what is sent changes (forms.PartnershipEditForm)."""


class NoteIn(inputs.input_schema(NoteForm, name="NoteIn")):  # type: ignore[misc]
    """Post a note (forms.NoteForm)."""


class NotePatch(inputs.input_schema(NoteEditForm, name="NotePatch", partial=True)):  # type: ignore[misc]
    """Change a note: only what is sent changes (forms.NoteEditForm)."""


VersionQuery = inputs.VersionQuery
