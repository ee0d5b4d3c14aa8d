"""The API's bodies and answers for selection. Inputs are generated from the pages' forms
(core.inputs), filters from the lists' FilterSets (core.filtering)."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema

from concord.core import filtering, inputs
from concord.selection.filters import CandidateFilter, NeedFilter
from concord.selection.forms import (
    CandidateForm,
    CloseForm,
    ComparisonForm,
    CriterionForm,
    DecideForm,
    NeedEditForm,
    NeedForm,
    ScoreForm,
)

# ---- bodies: the pages' forms ---------------------------------------------------------------------


class NeedIn(inputs.input_schema(NeedForm, name="NeedIn")):  # type: ignore[misc]
    """Record a need (forms.NeedForm); `organisation`: the buying organisation's id."""


class NeedPatch(inputs.input_schema(NeedEditForm, name="NeedPatch", partial=True)):  # type: ignore[misc]
    """Change a need: only what is sent changes (forms.NeedEditForm)."""


class CloseIn(inputs.input_schema(CloseForm, name="NeedCloseIn")):  # type: ignore[misc]
    """Close a need without a partner, saying why (forms.CloseForm)."""


class CriterionIn(inputs.input_schema(CriterionForm, name="CriterionIn")):  # type: ignore[misc]
    """Add a criterion (forms.CriterionForm)."""


class CriterionPatch(inputs.input_schema(CriterionForm, name="CriterionPatch", partial=True)):  # type: ignore[misc]
    """Change a criterion: only what is sent changes."""


class ComparisonIn(inputs.input_schema(ComparisonForm, name="ComparisonIn")):  # type: ignore[misc]
    """One AHP judgment (forms.ComparisonForm): `first` and `second` are criteria ids."""


class CandidateIn(inputs.input_schema(CandidateForm, name="CandidateIn")):  # type: ignore[misc]
    """Name a candidate: `organisation` (a known supplier's id) or `name` (a new one)."""


class ScoreIn(inputs.input_schema(ScoreForm, name="ScoreIn")):  # type: ignore[misc]
    """Your score of a candidate on a criterion, 1–5, with the evidence (forms.ScoreForm)."""


class DecideIn(inputs.input_schema(DecideForm, name="DecideIn")):  # type: ignore[misc]
    """Choose the partner (forms.DecideForm)."""


# ---- filters --------------------------------------------------------------------------------------


class NeedFilters(filtering.query_schema(NeedFilter)):  # type: ignore[misc]
    """The needs' filters (filters.NeedFilter)."""


class CandidateFilters(filtering.query_schema(CandidateFilter)):  # type: ignore[misc]
    """The candidates' filters (filters.CandidateFilter)."""


# ---- answers --------------------------------------------------------------------------------------


class NeedOut(Schema):
    id: int
    organisation_id: int
    title: str
    purpose: str
    gaps: str
    category: str
    annual_spend: Decimal | None
    currency: str
    needed_by: date | None
    weighting: str
    status: str
    chosen_id: int | None
    rationale: str
    decided_at: datetime | None
    partnership_id: int | None
    created_at: datetime
    version: int

    @staticmethod
    def resolve_organisation_id(obj: object) -> int:
        return int(obj.owner_id)  # type: ignore[attr-defined]


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    position: int
    points: int


class ComparisonOut(Schema):
    id: int
    first_id: int
    second_id: int
    favours: str
    intensity: int


class CandidateOut(Schema):
    id: int
    name: str
    organisation_id: int | None
    contact_email: str
    note: str


class ScoreOut(Schema):
    id: int
    candidate_id: int
    criterion_id: int
    evaluator_id: int
    value: int
    evidence: str


class ScoreCellOut(Schema):
    criterion_id: int
    mean: float | None
    spread: int | None
    std: float | None
    count: int
    disagreement: bool


class RankedOut(Schema):
    """A candidate in the ranking: its weighted score (1–5; null until every weighted criterion
    has a score), its rank, and its aggregate on each criterion."""

    candidate: CandidateOut
    rank: int | None
    score: float | None
    cells: list[ScoreCellOut]


class WeightOut(Schema):
    criterion_id: int
    name: str
    weight: float | None


class JudgmentOut(Schema):
    first_id: int
    second_id: int
    given: float
    implied: float


class ConsistencyOut(Schema):
    lambda_max: float
    ci: float
    cr: float | None
    acceptable: bool
    judged: int
    pairs: int
    inconsistent: list[JudgmentOut]


class ShiftOut(Schema):
    criterion_id: int
    weight: float | None
    to: float | None
    change: float | None
    challenger_id: int | None


class EvaluationOut(Schema):
    method: str
    weights: list[WeightOut]
    consistency: ConsistencyOut | None
    leader_id: int | None
    sensitivity: list[ShiftOut]
