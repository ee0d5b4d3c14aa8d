"""The API's bodies and answers for the vision: rounds, blind submissions, the alignment report,
the document, its objectives and comments.

The objective's and the comment's bodies are generated from the pages' forms (core.inputs). A
round's dimensions, a party's answers and the vision's sections keep hand-written schemas: their
pages' forms have another shape. Their rules are the models' (vision.answers), checked on every
save. Resolving a comment and signing have no page form (their pages post a button).
"""

from datetime import datetime
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator

from concord.access.roles import Visibility
from concord.core import filtering, inputs
from concord.core.api import Version
from concord.core.inputs import MAX_ID
from concord.vision import selectors
from concord.vision.answers import MAX_DIMENSIONS, MAX_OUTCOMES, TEXT_LIMIT
from concord.vision.filters import CommentFilter, RoundFilter, SubmissionFilter
from concord.vision.forms import CommentForm, ObjectiveForm


class PartyStatusOut(Schema):
    organisation: str
    side: str
    submitted: bool


class RoundOut(Schema):
    id: int
    number: int
    status: str
    dimensions: list[str]
    created_at: datetime
    revealed_at: datetime | None
    parties: list[PartyStatusOut] = Field(description="Only whether each party has submitted.")

    @staticmethod
    def resolve_parties(obj: Any) -> list[Any]:
        return selectors.party_statuses(round_=obj)


class RoundFilters(filtering.query_schema(RoundFilter)):  # type: ignore[misc]
    """The rounds' filters (filters.RoundFilter)."""


class SubmissionFilters(filtering.query_schema(SubmissionFilter)):  # type: ignore[misc]
    """The submissions' filters (filters.SubmissionFilter)."""


class CommentFilters(filtering.query_schema(CommentFilter)):  # type: ignore[misc]
    """The comments' filters (filters.CommentFilter)."""


# Hand-written: the page's form (forms.RoundForm) takes the dimensions as lines of one text; the
# SubmissionRound model checks them either way.
class RoundIn(inputs.Body):
    """Open a round on these priority dimensions."""

    dimensions: list[str] | None = Field(
        None, max_length=MAX_DIMENSIONS, description="Default: the eight standard dimensions."
    )


class Outcome(inputs.Body):
    # Never blank: the schema says so, and the answers' own check (vision.answers) refuses it with
    # the round's other complaints in one answer.
    outcome: str = Field(max_length=TEXT_LIMIT, json_schema_extra={"pattern": r"\S"})
    measure: str = Field("", max_length=TEXT_LIMIT, description="How we would know.")


# Hand-written: the answers are one JSON document here and one field per dimension on the page
# (forms.SubmissionForm); the Submission model checks both against the round (vision.answers).
class SubmissionIn(inputs.Body):
    """Your organisation's answers: outcomes, points per dimension, ways of working."""

    version: Version | None = None
    outcomes: list[Outcome] = Field(default_factory=list, max_length=MAX_OUTCOMES)
    priorities: dict[str, int] = Field(default_factory=dict)
    prediction: dict[str, int] = Field(
        default_factory=dict, description="Your guess of the other party's points."
    )
    ways: dict[str, str] = Field(default_factory=dict)
    ways_note: str = Field("", max_length=4000)


class SubmissionOut(Schema):
    id: int
    organisation: str = Field(alias="owner.name")
    outcomes: list[dict[str, str]]
    priorities: dict[str, int]
    prediction: dict[str, int]
    ways: dict[str, str]
    ways_note: str
    submitted_at: datetime | None
    version: int


class VersionIn(inputs.Body):
    version: Version


class ReportOut(Schema):
    parties: list[str]
    alignment: float = Field(description="100 − ½·Σ|a−b| over the dimensions.")
    rank_correlation: float | None = Field(description="Spearman; null when a side has no order.")
    rows: list[dict[str, Any]]
    misalignments: list[str]
    perception: dict[str, Any]
    ways: list[str]


def report_out(report: Any) -> dict[str, Any]:
    return {
        "parties": [report.a_name, report.b_name],
        "alignment": report.alignment,
        "rank_correlation": report.rank_correlation,
        "rows": [{"dimension": r.dimension, "points": [r.a, r.b], "gap": r.gap} for r in report.rows],
        "misalignments": report.misalignments,
        "perception": report.perception,
        "ways": report.ways,
    }


class SignatureOut(Schema):
    organisation: str = Field(alias="organisation.name")
    signed_by: str
    signed_at: datetime

    @staticmethod
    def resolve_signed_by(obj: Any) -> str:
        return str(obj.signed_by.get_full_name())


class RevisionOut(Schema):
    number: int
    sections: dict[str, str]
    objectives: list[dict[str, Any]]
    author: str | None
    created_at: datetime
    superseded: bool

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return obj.author.get_full_name() if obj.author else None


class VisionOut(Schema):
    status: str
    current: RevisionOut | None
    signatures: list[SignatureOut]
    waiting_for: list[str]
    objectives: list[dict[str, Any]]


def vision_out(view: Any) -> dict[str, Any]:
    return {
        "status": view.status,
        "current": view.current,
        "signatures": view.signatures,
        "waiting_for": view.waiting_for,
        "objectives": [
            {"id": o.pk, "code": o.code, "title": o.title, "description": o.description, "retired": o.retired}
            for o in view.objectives
        ],
    }


class VisionSections(inputs.Body):
    """The sections that change (Markdown); a section left out stays as it is. The schema names the
    four sections, so another key is refused as the schema says (models.SECTIONS)."""

    purpose: str | None = None
    outcomes: str | None = None
    principles: str | None = None
    behaviours: str | None = None


# Hand-written: the sections are an object here and four fields on the page (forms.VisionForm);
# the VisionRevision model checks them either way.
class VisionIn(inputs.Body):
    """The next revision of the vision: the sections that change."""

    base: Annotated[int, Field(ge=0, le=MAX_ID), BeforeValidator(inputs.whole_number)] | None = Field(
        None, description="The revision you edited (null for the first)."
    )
    sections: VisionSections = Field(description="purpose, outcomes, principles, behaviours (Markdown).")


class ObjectiveIn(inputs.input_schema(ObjectiveForm, name="ObjectiveIn")):  # type: ignore[misc]
    """Add an objective (forms.ObjectiveForm)."""


class SignIn(inputs.Body):
    revision: inputs.ID = Field(description="The exact revision you read and sign.")


class DiffOut(Schema):
    section: str
    lines: list[str]


class CommentOut(Schema):
    id: int
    section: str
    revision_number: int | None = Field(description="The revision the comment was written against.")
    body: str
    visibility: Visibility
    owner: str = Field(alias="owner.name")
    author: str | None = None
    resolved: bool
    version: int
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return obj.created_by.get_full_name() if obj.created_by else None


class CommentIn(inputs.input_schema(CommentForm, name="CommentIn")):  # type: ignore[misc]
    """Comment on a section of the vision (forms.CommentForm)."""


# Hand-written: the page posts a button, not a form, and `resolved` must be said either way (a
# form's checkbox cannot require a false answer).
class CommentPatch(inputs.Body):
    """Resolve (true) or reopen (false) a comment."""

    version: Version
    resolved: bool
