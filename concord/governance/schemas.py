"""The API's bodies and answers for governance. Inputs are generated from the pages' forms
(core.inputs), filters from the lists' FilterSets (core.filtering)."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema

from concord.core import filtering, inputs
from concord.governance.filters import DecisionLogFilter, IssueFilter
from concord.governance.forms import (
    ActivityForm,
    AssignmentForm,
    CommitteeEditForm,
    CommitteeForm,
    DecisionForm,
    IssueForm,
    KeyPersonEditForm,
    KeyPersonForm,
    LevelForm,
    ReopenForm,
    ResolveForm,
    RightEditForm,
    RightForm,
    SupersedeForm,
)

# ---- bodies: the pages' forms ---------------------------------------------------------------------


class KeyPersonIn(inputs.input_schema(KeyPersonForm, name="KeyPersonIn")):  # type: ignore[misc]
    """Name a colleague in the directory (forms.KeyPersonForm)."""


class LevelIn(inputs.input_schema(LevelForm, name="LevelIn")):  # type: ignore[misc]
    """Rename a level or change its response time (forms.LevelForm)."""


class ActivityIn(inputs.input_schema(ActivityForm, name="ActivityIn")):  # type: ignore[misc]
    """Add an activity to the RACI matrix (forms.ActivityForm)."""


class AssignmentIn(inputs.input_schema(AssignmentForm, name="AssignmentIn")):  # type: ignore[misc]
    """Set a person's letter in an activity (forms.AssignmentForm); an empty role clears it."""


class CommitteeIn(inputs.input_schema(CommitteeForm, name="CommitteeIn")):  # type: ignore[misc]
    """Form a joint committee (forms.CommitteeForm)."""


class RightIn(inputs.input_schema(RightForm, name="RightIn")):  # type: ignore[misc]
    """Give a committee a decision right (forms.RightForm)."""


class GovernanceDecisionIn(inputs.input_schema(DecisionForm, name="GovernanceDecisionIn")):  # type: ignore[misc]
    """Record a decision taken outside a meeting (forms.DecisionForm)."""


class IssueIn(inputs.input_schema(IssueForm, name="IssueIn")):  # type: ignore[misc]
    """Raise an issue (forms.IssueForm)."""


class KeyPersonPatch(inputs.input_schema(KeyPersonEditForm, name="KeyPersonPatch", partial=True)):  # type: ignore[misc]
    """Change a directory entry: what is sent changes (forms.KeyPersonEditForm)."""


class CommitteePatch(inputs.input_schema(CommitteeEditForm, name="CommitteePatch", partial=True)):  # type: ignore[misc]
    """Change a committee: what is sent changes; `members` replaces the members (forms.CommitteeEditForm)."""


class RightPatch(inputs.input_schema(RightEditForm, name="RightPatch", partial=True)):  # type: ignore[misc]
    """Change a decision right: what is sent changes (forms.RightEditForm)."""


class SupersedeIn(inputs.input_schema(SupersedeForm, name="SupersedeIn")):  # type: ignore[misc]
    """Mark a decision superseded by a later one of the log (forms.SupersedeForm)."""


class ReopenIn(inputs.input_schema(ReopenForm, name="ReopenIn")):  # type: ignore[misc]
    """Open a resolved issue again, with the reason (forms.ReopenForm)."""


class ResolveIn(inputs.input_schema(ResolveForm, name="ResolveIn")):  # type: ignore[misc]
    """Resolve an issue citing what it serves (forms.ResolveForm): `citation` is
    "objective:<id>" or "principle:<name>"."""


class DecisionLogFilters(filtering.query_schema(DecisionLogFilter)):  # type: ignore[misc]
    """The decision log's filters (filters.DecisionLogFilter)."""


class IssueFilters(filtering.query_schema(IssueFilter)):  # type: ignore[misc]
    """The issues' filters (filters.IssueFilter)."""


class LevelOut(Schema):
    id: int
    rank: int
    name: str
    response_days: int
    version: int


class KeyPersonOut(Schema):
    id: int
    person_id: int
    name: str
    organisation_id: int
    role_title: str
    level_id: int | None
    left: bool

    @staticmethod
    def resolve_name(obj: object) -> str:
        user = obj.person  # type: ignore[attr-defined]
        return str(user.get_full_name() or user.email)

    @staticmethod
    def resolve_left(obj: object) -> bool:
        return bool(getattr(obj, "left", False))


class RaciRowOut(Schema):
    activity_id: int
    activity: str
    cells: dict[str, str]  # key person id → R, A, C or I
    problems: list[str]


class RaciOut(Schema):
    people: list[KeyPersonOut]
    rows: list[RaciRowOut]
    problem_count: int


class ActivityOut(Schema):
    id: int
    title: str
    position: int
    version: int


class RightOut(Schema):
    id: int
    scope: str
    value_limit: Decimal | None
    version: int


class CommitteeOut(Schema):
    id: int
    name: str
    purpose: str
    cadence_days: int
    member_ids: list[int]
    rights: list[RightOut]
    version: int

    @staticmethod
    def resolve_member_ids(obj: object) -> list[int]:
        return [m.pk for m in obj.members.all()]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_rights(obj: object) -> list[object]:
        return list(obj.rights.all())  # type: ignore[attr-defined]


class LogEntryOut(Schema):
    entry: str  # "meeting" or "record"
    id: int
    text: str
    rationale: str
    day: date
    decided_by: str  # meeting, committee or managers
    source: str  # the meeting's title, the committee's name, or "The partnership managers"
    source_id: int
    visibility: str
    recorded_by: str
    superseded_by: int | None = None  # the later decision (outside meetings) that replaced it


class GovernanceDecisionOut(Schema):
    id: int
    text: str
    rationale: str
    decided_on: date
    decided_by: str
    committee_id: int | None
    right_id: int | None
    value: Decimal | None
    principle: str
    visibility: str
    owner_id: int
    superseded_by_id: int | None
    version: int


class IssueOut(Schema):
    id: int
    title: str
    description: str
    severity: str
    status: str
    level_id: int | None
    level_name: str | None
    level_since: date
    escalations: int
    owner_id: int
    visibility: str
    goal_ids: list[int]
    resolution: str
    cited_objective_id: int | None
    cited_principle: str
    cited_text: str
    resolved_on: date | None
    created_at: datetime
    version: int

    @staticmethod
    def resolve_level_name(obj: object) -> str | None:
        level = obj.level  # type: ignore[attr-defined]
        return level.name if level else None

    @staticmethod
    def resolve_goal_ids(obj: object) -> list[int]:
        return [g.pk for g in obj.goals.all()]  # type: ignore[attr-defined]


def log_entry(row: dict[str, object]) -> dict[str, object]:
    """A row of the decision log (log.ROW) as LogEntryOut."""
    return {
        "entry": row["entry"],
        "id": row["pk"],
        "text": row["text"],
        "rationale": row["rationale"],
        "day": row["day"],
        "decided_by": row["by"],
        "source": row["source"],
        "source_id": row["source_id"],
        "visibility": row["visibility"],
        "recorded_by": row["who"],
        "superseded_by": row["superseded_by"],
    }
