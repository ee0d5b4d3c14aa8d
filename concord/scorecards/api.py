"""API: two-way scorecards, their explained scores per period and overall, and back-tests. The
shapes are in schemas.py."""

from typing import Any

from ninja import Path, Query, Router, Status

from concord.accounts.requests import AuthedRequest
from concord.audit.api import HistoryFilters, history_answer
from concord.core import filtering, inputs
from concord.core.api import AuditEventOut, responses
from concord.core.inputs import MAX_ID, UNSET
from concord.core.paging import Paged, PageParams, page
from concord.partnerships.selectors import partnership_get
from concord.scorecards import selectors, services
from concord.scorecards.charts import history_chart
from concord.scorecards.filters import ScorecardFilter
from concord.scorecards.forms import ScorecardEditForm, ScorecardForm
from concord.scorecards.schemas import (
    BacktestIn,
    BacktestOut,
    ScorecardFilters,
    ScorecardIn,
    ScorecardOut,
    ScorecardPatch,
    result_out,
    scorecard_out,
)

router = Router(tags=["scorecards"])
Id = Path(..., ge=1, le=MAX_ID)


def _one(request: AuthedRequest, scorecard_id: int) -> dict[str, Any]:
    card = selectors.scorecard_get(actor=request.user, pk=scorecard_id).obj
    return scorecard_out(card, selectors.results(actor=request.user, cards=[card]).get(card.pk))


@router.get(
    "/partnerships/{partnership_id}/scorecards",
    response=responses(200, Paged[ScorecardOut], 404),
    summary="Both sides' scorecards with their explained scores",
)
def scorecard_list(
    request: AuthedRequest,
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
    answer["results"] = [scorecard_out(c, scores.get(c.pk)) for c in answer["results"]]
    return answer


@router.post(
    "/partnerships/{partnership_id}/scorecards",
    response=responses(201, ScorecardOut, 403, 404),
    summary="Set up your side's scorecard of the other side",
)
def scorecard_create(request: AuthedRequest, payload: ScorecardIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(ScorecardForm, payload)  # name and visibility; the definition below
    card = services.scorecard_create(
        actor=request.user, partnership=partnership, definition=payload.definition, **data
    )
    return Status(201, _one(request, card.pk))


@router.get("/scorecards/{scorecard_id}", response=responses(200, ScorecardOut, 404), summary="A scorecard")
def scorecard_detail(request: AuthedRequest, scorecard_id: int = Id) -> Any:
    return _one(request, scorecard_id)


@router.patch(
    "/scorecards/{scorecard_id}",
    response=responses(200, ScorecardOut, 403, 404, 409),
    summary="Change a scorecard",
)
def scorecard_update(request: AuthedRequest, payload: ScorecardPatch, scorecard_id: int = Id) -> Any:
    card = selectors.scorecard_get(actor=request.user, pk=scorecard_id).obj
    current = inputs.stored(card, ScorecardEditForm.base_fields)
    data = inputs.validated(ScorecardEditForm, payload, current=current)
    definition = UNSET if payload.definition is None else payload.definition
    services.scorecard_update(actor=request.user, scorecard=card, definition=definition, **data)
    return _one(request, scorecard_id)


@router.post(
    "/scorecards/{scorecard_id}/backtest",
    response=responses(200, BacktestOut, 403, 404),
    summary="Score the history with a proposed definition beside the saved one (saves nothing)",
)
def scorecard_backtest(request: AuthedRequest, payload: BacktestIn, scorecard_id: int = Id) -> Any:
    card = selectors.scorecard_get(actor=request.user, pk=scorecard_id).obj
    found = services.backtest(actor=request.user, scorecard=card, definition=payload.definition)
    return {"current": result_out(found.current), "proposed": result_out(found.proposed)}


@router.get(
    "/scorecards/{scorecard_id}/chart",
    response=responses(200, dict[str, Any], 404),
    summary="Score history and standings as a Vega-Lite spec (the page renders the same spec)",
)
def scorecard_chart(request: AuthedRequest, scorecard_id: int = Id) -> Any:
    card = selectors.scorecard_get(actor=request.user, pk=scorecard_id).obj
    result = selectors.results(actor=request.user, cards=[card]).get(card.pk)
    return history_chart(result, card.name) if result else {}


@router.get(
    "/scorecards/{scorecard_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="Scorecard history",
)
def scorecard_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], scorecard_id: int = Id
) -> Any:
    return history_answer(
        actor=request.user,
        instance=selectors.scorecard_get(actor=request.user, pk=scorecard_id).obj,
        filters=filters,
        paging=paging,
    )
