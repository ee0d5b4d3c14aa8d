"""API: the wins feed (and kudos) and action plans, with their items and reviews — the rest of the
Demands & commitments tab beside api.py, whose conventions these follow."""

from typing import Any

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from concord.accounts.requests import AuthedRequest
from concord.audit.api import HistoryFilters, history_answer
from concord.commitments import exports as sheets
from concord.commitments import selectors
from concord.commitments.filters import PlanFilter, WinFilter
from concord.commitments.forms import KudosForm, PlanForm, PlanItemForm, ReviewForm
from concord.commitments.schemas import (
    KudosIn,
    PlanDetailOut,
    PlanFilters,
    PlanIn,
    PlanItemIn,
    PlanOut,
    ReviewIn,
    WinFilters,
    WinOut,
    plan_out,
)
from concord.commitments.services import plans, wins
from concord.core import exports, filtering, inputs
from concord.core.api import AuditEventOut, responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.goals.selectors import visible_goals
from concord.partnerships.selectors import partnership_get

router = Router(tags=["demands and commitments"])
Id = Path(..., ge=1, le=MAX_ID)


@router.get(
    "/partnerships/{partnership_id}/wins",
    response=responses(200, Paged[WinOut], 404),
    summary="Wins feed, newest first",
)
def win_list(
    request: AuthedRequest, filters: Query[WinFilters], paging: Query[PageParams], partnership_id: int = Id
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(WinFilter, filters, selectors.wins(actor=request.user, partnership=partnership))
    return page(found.qs, paging)


@router.post(
    "/partnerships/{partnership_id}/wins",
    response=responses(201, WinOut, 403, 404),
    summary="Give kudos to the other side",
)
def kudos_give(request: AuthedRequest, payload: KudosIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(KudosForm, payload)
    return Status(201, wins.kudos_give(actor=request.user, partnership=partnership, **data))


@router.get(
    "/partnerships/{partnership_id}/plans",
    response=responses(200, Paged[PlanOut], 404),
    summary="Action plans by title, with their items and stale flag",
)
def plan_list(
    request: AuthedRequest, filters: Query[PlanFilters], paging: Query[PageParams], partnership_id: int = Id
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        PlanFilter, filters, selectors.plan_list(actor=request.user, partnership=partnership)
    )
    answer = page(selectors.stale_only(found.qs, filtering.cleaned(found, "stale")), paging)
    answer["results"] = [plan_out(v) for v in selectors.plan_views(answer["results"])]
    return answer


@router.get(
    "/partnerships/{partnership_id}/plans/export",
    response=responses(200, None, 404),
    summary="Every action plan you can see, filtered as the list, as .csv or .xlsx (one row per plan)",
)
def plans_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[PlanFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        PlanFilter, filters, selectors.plan_list(actor=request.user, partnership=partnership)
    )
    plans_found = selectors.stale_only(found.qs, filtering.cleaned(found, "stale"))
    table = exports.table(sheets.plan_columns(), plans_found)
    return exports.download(params.format, f"plans-{partnership_id}", table, "Action plans")


@router.post(
    "/partnerships/{partnership_id}/plans",
    response=responses(201, PlanDetailOut, 403, 404),
    summary="Start an action plan",
)
def plan_create(request: AuthedRequest, payload: PlanIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    goals = visible_goals(actor=request.user, partnership=partnership)
    data = inputs.validated(lambda d: PlanForm(d, goals=goals), payload)
    plan = plans.plan_create(actor=request.user, partnership=partnership, **data)
    return Status(201, plan_out(selectors.plan_get(actor=request.user, pk=plan.pk), reviews=True))


@router.get(
    "/plans/{plan_id}", response=responses(200, PlanDetailOut, 404), summary="A plan with its reviews"
)
def plan_get(request: AuthedRequest, plan_id: int = Id) -> Any:
    return plan_out(selectors.plan_get(actor=request.user, pk=plan_id), reviews=True)


@router.post(
    "/plans/{plan_id}/items",
    response=responses(201, PlanDetailOut, 403, 404),
    summary="Add an item (a commitment of its owner's organisation)",
)
def plan_item_add(request: AuthedRequest, payload: PlanItemIn, plan_id: int = Id) -> Any:
    plan = selectors.plan_get(actor=request.user, pk=plan_id, items=False).plan
    people = selectors.plan_people(actor=request.user, plan=plan)
    data = inputs.validated(lambda d: PlanItemForm(d, people=people), payload)
    plans.item_add(actor=request.user, plan=plan, **data)
    return Status(201, plan_out(selectors.plan_get(actor=request.user, pk=plan_id), reviews=True))


@router.post(
    "/plans/{plan_id}/reviews",
    response=responses(201, PlanDetailOut, 403, 404, 409),
    summary="Record a review: who, a note, and what changed since the last one",
)
def plan_review(request: AuthedRequest, payload: ReviewIn, plan_id: int = Id) -> Any:
    plan = selectors.plan_get(actor=request.user, pk=plan_id).plan
    plans.plan_review(actor=request.user, plan=plan, **inputs.validated(ReviewForm, payload))
    return Status(201, plan_out(selectors.plan_get(actor=request.user, pk=plan_id), reviews=True))


@router.get(
    "/plans/{plan_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="History of a plan",
)
def plan_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], plan_id: int = Id
) -> Any:
    return history_answer(
        actor=request.user,
        instance=selectors.plan_get(actor=request.user, pk=plan_id).plan,
        filters=filters,
        paging=paging,
    )
