"""The agreement API's shapes: agreements and their gate, clauses, imports, the traceability
matrix and negotiation positions. Input bodies come from the pages' forms (core.inputs)."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from concord.access.roles import Visibility
from concord.agreements import services
from concord.agreements.filters import AgreementFilter, ClauseFilter, ClauseNoteFilter
from concord.agreements.forms import (
    AgreementEditForm,
    AgreementForm,
    ClauseEditForm,
    ClauseForm,
    MoveForm,
    PositionForm,
)
from concord.agreements.models import AgreementKind, AgreementStatus, NegotiationStatus
from concord.core import filtering, inputs
from concord.core.paging import Paged


class GateOut(Schema):
    vision_agreed: bool
    override_reason: str
    override_by: str | None
    override_at: datetime | None


class AgreementOut(Schema):
    id: int
    partnership_id: int
    kind: AgreementKind
    title: str
    reference: str
    status: AgreementStatus
    start_date: date | None
    end_date: date | None
    renewal_notice_date: date | None
    signed_on: date | None
    gate: GateOut
    next_statuses: list[str]
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_gate(obj: Any) -> dict[str, Any]:
        return {
            "vision_agreed": services.vision_agreed(obj.partnership),
            "override_reason": obj.gate_override_reason,
            "override_by": obj.gate_override_by.get_full_name() if obj.gate_override_by else None,
            "override_at": obj.gate_override_at,
        }

    @staticmethod
    def resolve_next_statuses(obj: Any) -> list[str]:
        return list(services.MOVES[obj.status])


class AgreementSummary(Schema):
    id: int
    kind: AgreementKind
    title: str
    status: AgreementStatus
    end_date: date | None
    renewal_notice_date: date | None
    clause_count: int
    orphan_count: int = Field(description="Clauses that support no objective of the vision.")


class ClauseOut(Schema):
    id: int
    agreement_id: int
    position: int
    number: str
    heading: str
    text: str
    negotiation_status: NegotiationStatus
    objectives: list[str] = Field(description="Codes of the vision objectives the clause supports.")
    objective_ids: list[int]
    version: int

    @staticmethod
    def resolve_objectives(obj: Any) -> list[str]:
        return [o.code for o in obj.objectives.all()]

    @staticmethod
    def resolve_objective_ids(obj: Any) -> list[int]:
        return [o.pk for o in obj.objectives.all()]


# The page's import form takes pasted text or a file and previews before committing; the API has
# two operations for it (JSON text here, a multipart file in api.py), each with a dry run.
class BulkIn(inputs.Body):
    text: str = Field(min_length=1, max_length=2_000_000, description="Plain text or Markdown.")
    dry_run: bool = Field(True, description="Preview only (the default); false imports, all or nothing.")


class ParsedOut(Schema):
    line: int
    number: str
    heading: str
    text: str


class ClauseImportOut(Schema):
    dry_run: bool
    clauses: list[ParsedOut]
    created: list[ClauseOut]


class MatrixRowOut(Schema):
    clause_id: int
    number: str
    heading: str
    objective_ids: list[int]
    orphan: bool


class ObjectiveRef(Schema):
    id: int
    code: str
    title: str


class MatrixOut(Paged[MatrixRowOut]):
    """One page of the matrix's rows (clauses, filtered like the clause list) under all of its
    columns (the objectives in force), with what is out of line in the whole agreement."""

    objectives: list[ObjectiveRef]
    uncovered_objectives: list[ObjectiveRef]
    orphan_count: int = Field(description="Clauses of the agreement that support no objective.")


class SuggestionOut(Schema):
    objective: ObjectiveRef
    score: float = Field(description="Cosine similarity of TF-IDF weighted word stems, 0-1.")
    words: list[str] = Field(description="The words that matched, heaviest first.")


class ClauseNoteOut(Schema):
    id: int
    clause_id: int
    owner_id: int = Field(description="The organisation that stated it (the `owner` filter takes it).")
    owner: str = Field(alias="owner.name")
    visibility: Visibility
    body: str
    author: str | None = None
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return obj.created_by.get_full_name() if obj.created_by else None


class AgreementFilters(filtering.query_schema(AgreementFilter)):  # type: ignore[misc]
    """The agreements' filters (filters.AgreementFilter)."""


class ClauseFilters(filtering.query_schema(ClauseFilter)):  # type: ignore[misc]
    """The clauses' filters (filters.ClauseFilter), for the clause list and the matrix's rows."""


class ClauseNoteFilters(filtering.query_schema(ClauseNoteFilter)):  # type: ignore[misc]
    """The negotiation positions' filters (filters.ClauseNoteFilter)."""


# The bodies are the pages' forms (core.inputs): the same fields, limits and checks.
class AgreementIn(inputs.input_schema(AgreementForm, name="AgreementIn")):  # type: ignore[misc]
    """Start drafting an agreement (forms.AgreementForm)."""


class AgreementPatch(inputs.input_schema(AgreementEditForm, name="AgreementPatch", partial=True)):  # type: ignore[misc]
    """Change an agreement: only what is sent changes (forms.AgreementEditForm)."""


class MoveIn(inputs.input_schema(MoveForm, name="MoveIn")):  # type: ignore[misc]
    """Move along the lifecycle (forms.MoveForm); leaving drafting before the vision is agreed
    takes an admin's reason."""


class ClauseIn(inputs.input_schema(ClauseForm, name="ClauseIn")):  # type: ignore[misc]
    """Add a clause at the end (forms.ClauseForm)."""


class ClausePatch(inputs.input_schema(ClauseEditForm, name="ClausePatch", partial=True)):  # type: ignore[misc]
    """Change a clause: only what is sent changes (forms.ClauseEditForm); `objective_ids` is the whole set."""


class ClauseNoteIn(inputs.input_schema(PositionForm, name="ClauseNoteIn")):  # type: ignore[misc]
    """State your organisation's position on a clause (forms.PositionForm)."""
