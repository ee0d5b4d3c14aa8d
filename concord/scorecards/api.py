"""API: two-way scorecards, their explained scores per period and overall, and back-tests."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from concord.access.roles import Visibility
from concord.audit.selectors import history_for
from concord.core import filtering
from concord.core.api import MAX_ID, AuditEventOut, Version, responses
from concord.core.paging import Paged, PageParams, page
from concord.partnerships.selectors import partnership_get
from concord.scorecards import compute, selectors, services
from concord.scorecards.charts import history_chart
from concord.scorecards.filters import ScorecardFilter
from concord.scorecards.models import Scorecard, ScoreDirection

router = Router(tags=["scorecards"])
Id = Path(..., ge=1, le=MAX_ID)


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


class ScorecardIn(Schema):
    name: str = Field(min_length=1, max_length=120)
    visibility: Visibility = Visibility.SHARED
    definition: dict[str, Any] = Field(
        description="See docs/goals.md: period, recency, kpis, criteria, standings."
    )


class ScorecardPatch(Schema):
    version: Version
    name: str | None = Field(None, min_length=1, max_length=120)
    visibility: Visibility | None = None
    definition: dict[str, Any] | None = None


class BacktestIn(Schema):
    definition: dict[str, Any]


class BacktestOut(Schema):
    current: ResultOut
    proposed: ResultOut


def _result(result: compute.Result | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "overall": result.overall,
        "standing": result.standing,
        "weighted": result.weighted,
        "periods": result.periods,
    }


def _out(card: Scorecard, result: compute.Result | None) -> dict[str, Any]:
    return {
        **{
            k: getattr(card, k)
            for k in ("id", "partnership_id", "direction", "visibility", "name", "definition")
        },
        **{k: getattr(card, k) for k in ("version", "created_at", "updated_at")},
        "owner": card.owner.name,
        "result": _result(result),
    }


def _one(request: HttpRequest, scorecard_id: int) -> dict[str, Any]:
    card = selectors.scorecard_get(actor=request.user, pk=scorecard_id).obj
    return _out(card, selectors.results(actor=request.user, cards=[card]).get(card.pk))


class ScorecardFilters(filtering.query_schema(ScorecardFilter)):  # type: ignore[misc]
    """The scorecards' filters (filters.ScorecardFilter)."""


@router.get(
    "/partnerships/{partnership_id}/scorecards",
    response=responses(200, Paged[ScorecardOut], 404),
    summary="Both sides' scorecards with their explained scores",
)
def scorecard_list(
    request: HttpRequest,
    filters: Query[ScorecardFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        ScorecardFilter, filters, selectors.scorecard_list(actor=request.user, partnership=partnership)
    )
    answer = page(found.qs, paging)
    scores = selectors.results(actor=request.user, cards=answer["results"])
    answer["results"] = [_out(c, scores.get(c.pk)) for c in answer["results"]]
    return answer


@router.post(
    "/partnerships/{partnership_id}/scorecards",
    response=responses(201, ScorecardOut, 403, 404),
    summary="Set up your side's scorecard of the other side",
)
def scorecard_create(request: HttpRequest, payload: ScorecardIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    card = services.scorecard_create(actor=request.user, partnership=partnership, **payload.dict())
    return Status(201, _one(request, card.pk))


@router.get("/scorecards/{scorecard_id}", response=responses(200, ScorecardOut, 404), summary="A scorecard")
def scorecard_detail(request: HttpRequest, scorecard_id: int = Id) -> Any:
    return _one(request, scorecard_id)


@router.patch(
    "/scorecards/{scorecard_id}",
    response=responses(200, ScorecardOut, 403, 404, 409),
    summary="Change a scorecard",
)
def scorecard_update(request: HttpRequest, payload: ScorecardPatch, scorecard_id: int = Id) -> Any:
    card = selectors.scorecard_get(actor=request.user, pk=scorecard_id).obj
    services.scorecard_update(
        actor=request.user,
        scorecard=card,
        **payload.dict(exclude_unset=True, exclude={"version"}),
        version=payload.version,
    )
    return _one(request, scorecard_id)


@router.post(
    "/scorecards/{scorecard_id}/backtest",
    response=responses(200, BacktestOut, 404),
    summary="Score the history with a proposed definition beside the saved one (saves nothing)",
)
def scorecard_backtest(request: HttpRequest, payload: BacktestIn, scorecard_id: int = Id) -> Any:
    card = selectors.scorecard_get(actor=request.user, pk=scorecard_id).obj
    found = services.backtest(actor=request.user, scorecard=card, definition=payload.definition)
    return {"current": _result(found.current), "proposed": _result(found.proposed)}


@router.get(
    "/scorecards/{scorecard_id}/chart",
    response=responses(200, dict[str, Any], 404),
    summary="Score history and standings as a Vega-Lite spec (the page renders the same spec)",
)
def scorecard_chart(request: HttpRequest, scorecard_id: int = Id) -> Any:
    card = selectors.scorecard_get(actor=request.user, pk=scorecard_id).obj
    result = selectors.results(actor=request.user, cards=[card]).get(card.pk)
    return history_chart(result, card.name) if result else {}


@router.get(
    "/scorecards/{scorecard_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="Scorecard history",
)
def scorecard_history(request: HttpRequest, paging: Query[PageParams], scorecard_id: int = Id) -> Any:
    return page(
        history_for(
            actor=request.user, instance=selectors.scorecard_get(actor=request.user, pk=scorecard_id).obj
        ),
        paging,
    )
