"""The scorecard API's shapes: scorecards with their explained scores per period and overall, and
back-tests."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from concord.access.roles import Visibility
from concord.core import filtering, inputs
from concord.scorecards import compute
from concord.scorecards.filters import ScorecardFilter
from concord.scorecards.forms import ScorecardEditForm, ScorecardForm
from concord.scorecards.models import Scorecard, ScoreDirection

DEFINITION = "See docs/goals.md: period, recency, kpis, criteria, standings."


class LineOut(Schema):
    criterion: str
    inputs: dict[str, float | None] = Field(description="The KPI values the criterion read for the period.")
    rule: str
    points: float | None
    weight: int
    effective_weight: float | None = Field(description="Weight after leaving out criteria without data.")
    contribution: float | None = Field(description="Points × effective weight / 100.")
    note: str


class PeriodOut(Schema):
    start: date
    label: str
    score: float | None = Field(description="None: no data (left out of the overall score).")
    standing: str
    lines: list[LineOut]


class WeightedOut(Schema):
    label: str
    score: float
    weight: float
    share: float


class ResultOut(Schema):
    overall: float | None
    standing: str
    weighted: list[WeightedOut] = Field(description="The periods behind the overall score, latest first.")
    periods: list[PeriodOut] = Field(description="Oldest first.")


class ScorecardOut(Schema):
    id: int
    partnership_id: int
    owner: str
    direction: ScoreDirection
    visibility: Visibility
    name: str
    definition: dict[str, Any]
    result: ResultOut | None
    version: int
    created_at: datetime
    updated_at: datetime


# The scorecard's own fields come from the page's form (core.inputs); its definition is a JSON
# document validated by definition.py, whose shape differs from the editor's rows, so it is
# declared here by hand.
class ScorecardIn(inputs.input_schema(ScorecardForm, name="ScorecardIn")):  # type: ignore[misc]
    """Set up your side's scorecard (forms.ScorecardForm and a definition)."""

    definition: dict[str, Any] = Field(description=DEFINITION)


class ScorecardPatch(inputs.input_schema(ScorecardEditForm, name="ScorecardPatch", partial=True)):  # type: ignore[misc]
    """Change a scorecard: only what is sent changes (forms.ScorecardEditForm and a definition)."""

    definition: dict[str, Any] | None = Field(None, description=DEFINITION)


# Hand-written: a proposed definition only (see ScorecardIn).
class BacktestIn(inputs.Body):
    definition: dict[str, Any] = Field(description=DEFINITION)


class BacktestOut(Schema):
    current: ResultOut
    proposed: ResultOut


class ScorecardFilters(filtering.query_schema(ScorecardFilter)):  # type: ignore[misc]
    """The scorecards' filters (filters.ScorecardFilter)."""


def result_out(result: compute.Result | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "overall": result.overall,
        "standing": result.standing,
        "weighted": result.weighted,
        "periods": result.periods,
    }


def scorecard_out(card: Scorecard, result: compute.Result | None) -> dict[str, Any]:
    return {
        **{
            k: getattr(card, k)
            for k in ("id", "partnership_id", "direction", "visibility", "name", "definition")
        },
        **{k: getattr(card, k) for k in ("version", "created_at", "updated_at")},
        "owner": card.owner.name,
        "result": result_out(result),
    }
