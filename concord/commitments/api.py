"""API: demands and their yes / no / maybe answers, the commitment ledger with both sides'
reliability (the wins feed and action plans: api_plans.py). The bodies are the pages' forms (schemas.py): each
handler reads what it is given through the selectors (outside the caller's reach: 404), runs the
page's form over the body (core.inputs.validated) and calls the service with the cleaned values."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpResponse
from django.utils import timezone
from ninja import Path, Query, Router, Status

from concord.access.pages import per_reader_api
from concord.accounts.requests import AuthedRequest
from concord.audit.api import HistoryFilters, history_answer
from concord.commitments import exports as sheets
from concord.commitments import selectors
from concord.commitments.filters import CommitmentFilter, DemandFilter
from concord.commitments.forms import (
    AnswerForm,
    CommitmentForm,
    DeliverForm,
    DemandForm,
    GiveUpForm,
    RenegotiateForm,
)
from concord.commitments.schemas import (
    AnswerIn,
    CommitmentFilters,
    CommitmentIn,
    CommitmentOut,
    DeliverIn,
    DemandFilters,
    DemandIn,
    DemandOut,
    GiveUpIn,
    LedgerPage,
    LedgerParams,
    RenegotiateIn,
    VersionIn,
    demand_out,
    reliability_out,
)
from concord.commitments.services import demands, ledger
from concord.core import exports, filtering, inputs
from concord.core.api import AuditEventOut, responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.lessons.forms import LessonForm
from concord.lessons.schemas import LessonIn
from concord.partnerships.selectors import colleagues, partnership_get

router = Router(tags=["demands and commitments"])
Id = Path(..., ge=1, le=MAX_ID)


def _demand(request: AuthedRequest, demand_id: int) -> dict[str, Any]:
    return demand_out(selectors.describe(selectors.demand_get(actor=request.user, pk=demand_id).obj))


@router.get(
    "/partnerships/{partnership_id}/demands",
    response=responses(200, Paged[DemandOut], 404),
    summary="Demands both ways, newest first, with their answers, age and response time",
)
@per_reader_api
def demand_list(
    request: AuthedRequest,
    filters: Query[DemandFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        DemandFilter, filters, selectors.demand_list(actor=request.user, partnership=partnership)
    )
    answer = page(found.qs, paging)
    answer["results"] = [demand_out(v) for v in selectors.described(answer["results"])]
    return answer


@router.get(
    "/partnerships/{partnership_id}/demands/export",
    response=responses(200, None, 404),
    summary="Every demand you can see, filtered as the list, as .csv or .xlsx (one row per demand)",
)
def demands_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[DemandFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        DemandFilter, filters, selectors.demand_list(actor=request.user, partnership=partnership)
    )
    table = exports.table(sheets.DEMAND_COLUMNS, found.qs)
    return exports.download(params.format, f"demands-{partnership_id}", table, "Demands")


@router.post(
    "/partnerships/{partnership_id}/demands",
    response=responses(201, DemandOut, 403, 404),
    summary="Raise a demand to the other side",
)
def demand_raise(request: AuthedRequest, payload: DemandIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    recipients = selectors.recipients(actor=request.user, partnership=partnership)
    data = inputs.validated(lambda d: DemandForm(d, recipients=recipients), payload)
    raised = demands.demand_raise(actor=request.user, partnership=partnership, **data)
    return Status(201, _demand(request, raised.pk))


@router.get(
    "/demands/{demand_id}", response=responses(200, DemandOut, 404), summary="A demand and its answers"
)
def demand_get(request: AuthedRequest, demand_id: int = Id) -> Any:
    return _demand(request, demand_id)


@router.post(
    "/demands/{demand_id}/answers",
    response=responses(201, DemandOut, 403, 404, 409),
    summary="Answer yes (creates a commitment), no or maybe — always with a rationale",
)
def demand_answer(request: AuthedRequest, payload: AnswerIn, demand_id: int = Id) -> Any:
    demand = selectors.demand_get(actor=request.user, pk=demand_id).obj
    demands.demand_answer(actor=request.user, demand=demand, **inputs.validated(AnswerForm, payload))
    return Status(201, _demand(request, demand_id))


@router.post(
    "/demands/{demand_id}/withdraw",
    response=responses(200, DemandOut, 403, 404, 409),
    summary="Withdraw your own demand while it is open or a maybe",
)
def demand_withdraw(request: AuthedRequest, payload: VersionIn, demand_id: int = Id) -> Any:
    demand = selectors.demand_get(actor=request.user, pk=demand_id).obj
    demands.demand_withdraw(actor=request.user, demand=demand, version=payload.version)
    return _demand(request, demand_id)


@router.get(
    "/demands/{demand_id}/history", response=responses(200, Paged[AuditEventOut], 404), summary="History"
)
def demand_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], demand_id: int = Id
) -> Any:
    return history_answer(
        actor=request.user,
        instance=selectors.demand_get(actor=request.user, pk=demand_id).obj,
        filters=filters,
        paging=paging,
    )


@router.get(
    "/partnerships/{partnership_id}/commitments",
    response=responses(200, LedgerPage, 404),
    summary="The commitment ledger, a page at a time, and each side's reliability index",
)
@per_reader_api
def commitment_ledger(
    request: AuthedRequest,
    params: Query[LedgerParams],
    filters: Query[CommitmentFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    today, window = timezone.localdate(), params.window_days
    found = filtering.apply(
        CommitmentFilter, filters, selectors.commitment_list(actor=request.user, partnership=partnership)
    )
    state, counted = filtering.cleaned(found, "state"), filtering.cleaned(found, "counted")
    rows = selectors.narrowed(found.qs, state=state, counted=counted, today=today, window_days=window)
    summary = selectors.ledger(actor=request.user, partnership=partnership, window_days=window, today=today)
    return {**page(rows, paging), "reliability": reliability_out(summary)}


@router.get(
    "/partnerships/{partnership_id}/commitments/export",
    response=responses(200, None, 404),
    summary="The whole ledger, filtered as the list, as .csv or .xlsx (one row per commitment)",
)
def commitments_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    window: Query[LedgerParams],
    filters: Query[CommitmentFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    today = timezone.localdate()
    found = filtering.apply(
        CommitmentFilter, filters, selectors.commitment_list(actor=request.user, partnership=partnership)
    )
    state, counted = filtering.cleaned(found, "state"), filtering.cleaned(found, "counted")
    rows = selectors.narrowed(
        found.qs, state=state, counted=counted, today=today, window_days=window.window_days
    )
    table = exports.table(sheets.commitment_columns(today), rows)
    return exports.download(params.format, f"commitments-{partnership_id}", table, "Commitments")


@router.post(
    "/partnerships/{partnership_id}/commitments",
    response=responses(201, CommitmentOut, 403, 404),
    summary="Give a commitment directly (not from a demand)",
)
def commitment_give(request: AuthedRequest, payload: CommitmentIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    people = colleagues(actor=request.user, partnership=partnership)
    data = inputs.validated(lambda d: CommitmentForm(d, people=people), payload)
    given = ledger.commitment_give(actor=request.user, partnership=partnership, **data)
    return Status(201, selectors.commitment_detail(actor=request.user, pk=given.pk).obj)


@router.get(
    "/commitments/{commitment_id}", response=responses(200, CommitmentOut, 404), summary="A commitment"
)
def commitment_get(request: AuthedRequest, commitment_id: int = Id) -> Any:
    return selectors.commitment_detail(actor=request.user, pk=commitment_id).obj


def _commitment_action(
    request: AuthedRequest,
    commitment_id: int,
    form: type[forms.BaseForm],
    payload: Any,
    run: Callable[..., Any],
) -> Any:
    commitment = selectors.commitment_get(actor=request.user, pk=commitment_id).obj
    run(actor=request.user, commitment=commitment, **inputs.validated(form, payload))
    return selectors.commitment_detail(actor=request.user, pk=commitment_id).obj


@router.post(
    "/commitments/{commitment_id}/deliver",
    response=responses(200, CommitmentOut, 403, 404, 409),
    summary="Mark delivered",
)
def commitment_deliver(request: AuthedRequest, payload: DeliverIn, commitment_id: int = Id) -> Any:
    return _commitment_action(request, commitment_id, DeliverForm, payload, ledger.commitment_deliver)


@router.post(
    "/commitments/{commitment_id}/renegotiate",
    response=responses(200, CommitmentOut, 403, 404, 409),
    summary="Record a new date with its reason (the promised date stays)",
)
def commitment_renegotiate(request: AuthedRequest, payload: RenegotiateIn, commitment_id: int = Id) -> Any:
    return _commitment_action(request, commitment_id, RenegotiateForm, payload, ledger.commitment_renegotiate)


@router.post(
    "/commitments/{commitment_id}/give-up",
    response=responses(200, CommitmentOut, 403, 404, 409),
    summary="Say openly that it cannot be delivered",
)
def commitment_give_up(request: AuthedRequest, payload: GiveUpIn, commitment_id: int = Id) -> Any:
    return _commitment_action(request, commitment_id, GiveUpForm, payload, ledger.commitment_give_up)


@router.post(
    "/commitments/{commitment_id}/lessons",
    response=responses(201, CommitmentOut, 403, 404, 409),
    summary="A blameless lesson on a miss: what happened, contributing factors, what we change",
)
def commitment_lesson(request: AuthedRequest, payload: LessonIn, commitment_id: int = Id) -> Any:
    return Status(201, _commitment_action(request, commitment_id, LessonForm, payload, ledger.lesson_add))


@router.get(
    "/commitments/{commitment_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="History",
)
def commitment_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], commitment_id: int = Id
) -> Any:
    return history_answer(
        actor=request.user,
        instance=selectors.commitment_get(actor=request.user, pk=commitment_id).obj,
        filters=filters,
        paging=paging,
    )
