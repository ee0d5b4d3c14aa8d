"""API: a buying organisation's needs for a partner, their criteria, AHP judgments, candidates,
scores, ranking, sensitivity and the decision. Everything is internal to the buying organisation:
anyone else gets 404, as for a need that does not exist."""

from typing import Any

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from concord.access.pages import per_reader_api
from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.core import exports, filtering, inputs
from concord.core.api import responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.selection import exports as sheets
from concord.selection import selectors, services
from concord.selection.evaluation import Evaluation, Row
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
from concord.selection.schemas import (
    CandidateFilters,
    CandidateIn,
    CandidateOut,
    CloseIn,
    ComparisonIn,
    ComparisonOut,
    CriterionIn,
    CriterionOut,
    CriterionPatch,
    DecideIn,
    EvaluationOut,
    NeedFilters,
    NeedIn,
    NeedOut,
    NeedPatch,
    RankedOut,
    ScoreIn,
    ScoreOut,
)

router = Router(tags=["selection"])
Id = Path(..., ge=1, le=MAX_ID)


def _need(request: AuthedRequest, need_id: int, action: Action = Action.VIEW) -> Any:
    return selectors.need_get(actor=request.user, pk=need_id, action=action).obj


def _needs(request: AuthedRequest, filters: NeedFilters) -> Any:
    return filtering.apply(NeedFilter, filters, selectors.need_list(actor=request.user)).qs


def _pick(items: Any, pk: int) -> Any:
    """The item of `items` (the form's own choices, so it is there) with the id chosen."""
    return next(item for item in items if item.pk == pk)


@router.get(
    "/selection/needs",
    response=responses(200, Paged[NeedOut]),
    summary="Your organisations' needs for a partner, newest first",
)
@per_reader_api
def need_list(request: AuthedRequest, filters: Query[NeedFilters], paging: Query[PageParams]) -> Any:
    return page(_needs(request, filters), paging)


@router.get(
    "/selection/needs/export",
    response=responses(200, None),
    summary="Every need you may see, filtered as the list, as .csv or .xlsx",
)
def needs_export(
    request: AuthedRequest, params: Query[exports.FormatParams], filters: Query[NeedFilters]
) -> HttpResponse:
    table = exports.table(sheets.NEED_COLUMNS, _needs(request, filters))
    return exports.download(params.format, "needs", table, "Needs")


@router.post(
    "/selection/needs",
    response=responses(201, NeedOut, 403),
    summary="Record a need (members of a buying organisation)",
)
def need_create(request: AuthedRequest, payload: NeedIn) -> Any:
    orgs = selectors.buying_organisations(actor=request.user)
    data = inputs.validated(lambda d: NeedForm(d, organisations=orgs), payload)
    organisation = _pick(orgs, data.pop("organisation"))
    return Status(201, services.need_create(actor=request.user, organisation=organisation, **data))


@router.get("/selection/needs/{need_id}", response=responses(200, NeedOut, 404), summary="A need")
def need_get(request: AuthedRequest, need_id: int = Id) -> Any:
    return _need(request, need_id)


@router.patch(
    "/selection/needs/{need_id}",
    response=responses(200, NeedOut, 403, 404, 409),
    summary="Change a need (author or admin)",
)
def need_update(request: AuthedRequest, payload: NeedPatch, need_id: int = Id) -> Any:
    need = _need(request, need_id)
    current = inputs.stored(need, NeedEditForm.base_fields)
    data = inputs.validated(NeedEditForm, payload, current=current) | inputs.cleared(payload, NeedEditForm)
    version = data.pop("version", payload.version)
    return services.need_update(actor=request.user, need=need, version=version, **data)


@router.post(
    "/selection/needs/{need_id}/close",
    response=responses(200, NeedOut, 403, 404, 409),
    summary="Close a need without choosing a partner",
)
def need_close(request: AuthedRequest, payload: CloseIn, need_id: int = Id) -> Any:
    need = _need(request, need_id)
    data = inputs.validated(CloseForm, payload)
    return services.need_close(actor=request.user, need=need, **data)


@router.get(
    "/selection/needs/{need_id}/criteria",
    response=responses(200, list[CriterionOut], 404),
    summary="The need's criteria, in order",
)
def criterion_list(request: AuthedRequest, need_id: int = Id) -> Any:
    return selectors.criteria_of(actor=request.user, need=_need(request, need_id))


@router.post(
    "/selection/needs/{need_id}/criteria",
    response=responses(201, CriterionOut, 403, 404),
    summary="Add a criterion (author or admin)",
)
def criterion_add(request: AuthedRequest, payload: CriterionIn, need_id: int = Id) -> Any:
    need = _need(request, need_id)
    data = inputs.validated(CriterionForm, payload)
    return Status(201, services.criterion_add(actor=request.user, need=need, **data))


@router.patch(
    "/selection/criteria/{criterion_id}",
    response=responses(200, CriterionOut, 403, 404),
    summary="Change a criterion",
)
def criterion_update(request: AuthedRequest, payload: CriterionPatch, criterion_id: int = Id) -> Any:
    criterion = selectors.criterion_get(actor=request.user, pk=criterion_id).obj
    current = inputs.stored(criterion, CriterionForm.base_fields)
    data = inputs.validated(CriterionForm, payload, current=current)
    return services.criterion_update(actor=request.user, criterion=criterion, **data)


@router.delete(
    "/selection/criteria/{criterion_id}",
    response=responses(204, None, 403, 404),
    summary="Remove a criterion with its judgments and scores",
)
def criterion_remove(request: AuthedRequest, criterion_id: int = Id) -> Any:
    criterion = selectors.criterion_get(actor=request.user, pk=criterion_id).obj
    services.criterion_remove(actor=request.user, criterion=criterion)
    return Status(204, None)


@router.post(
    "/selection/needs/{need_id}/comparisons",
    response=responses(200, ComparisonOut, 403, 404),
    summary="Record an AHP judgment between two criteria",
)
def comparison_set(request: AuthedRequest, payload: ComparisonIn, need_id: int = Id) -> Any:
    need = _need(request, need_id)
    criteria = selectors.criteria_of(actor=request.user, need=need)
    data = inputs.validated(lambda d: ComparisonForm(d, criteria=criteria), payload)
    by_id = {c.pk: c for c in criteria}
    first, second = by_id[data.pop("first")], by_id[data.pop("second")]
    return services.comparison_set(actor=request.user, need=need, first=first, second=second, **data)


def _ranked(request: AuthedRequest, need: Any, filters: CandidateFilters) -> tuple[Evaluation, list[Row]]:
    found = selectors.evaluation(actor=request.user, need=need)
    shown = set(
        filtering.apply(
            CandidateFilter, filters, selectors.candidates_of(actor=request.user, need=need)
        ).qs.values_list("pk", flat=True)
    )
    rows = [r for r in [*found.ranked, *found.unranked] if r.candidate.pk in shown]
    return found, rows


def _row(row: Row, found: Evaluation) -> dict[str, Any]:
    cells = [
        {
            "criterion_id": criterion.pk,
            "mean": cell.summary.mean if cell.summary else None,
            "spread": cell.summary.spread if cell.summary else None,
            "std": cell.summary.std if cell.summary else None,
            "count": len(cell.scores),
            "disagreement": bool(cell.summary and cell.summary.disagreement),
        }
        for criterion, cell in zip(found.criteria, row.cells, strict=True)
    ]
    return {"candidate": row.candidate, "rank": row.rank, "score": row.score, "cells": cells}


@router.get(
    "/selection/needs/{need_id}/candidates",
    response=responses(200, Paged[RankedOut], 404),
    summary="The candidates, ranked by weighted score (unranked ones, awaiting scores, last)",
)
def candidate_list(
    request: AuthedRequest, filters: Query[CandidateFilters], paging: Query[PageParams], need_id: int = Id
) -> Any:
    found, rows = _ranked(request, _need(request, need_id), filters)
    return page([_row(r, found) for r in rows], paging)


@router.get(
    "/selection/needs/{need_id}/candidates/export",
    response=responses(200, None, 404),
    summary="The ranking, filtered as the list, as .csv or .xlsx (one row per candidate)",
)
def candidates_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[CandidateFilters],
    need_id: int = Id,
) -> HttpResponse:
    found, rows = _ranked(request, _need(request, need_id), filters)
    table = exports.table(sheets.ranking_columns(found.criteria), rows)
    return exports.download(params.format, f"ranking-{need_id}", table, "Ranking")


@router.post(
    "/selection/needs/{need_id}/candidates",
    response=responses(201, CandidateOut, 403, 404),
    summary="Name a candidate",
)
def candidate_add(request: AuthedRequest, payload: CandidateIn, need_id: int = Id) -> Any:
    need = _need(request, need_id)
    suppliers = selectors.known_suppliers(actor=request.user, need=need)
    data = inputs.validated(lambda d: CandidateForm(d, suppliers=suppliers), payload)
    data["organisation_id"] = data.pop("organisation")
    return Status(201, services.candidate_add(actor=request.user, need=need, **data))


@router.delete(
    "/selection/candidates/{candidate_id}",
    response=responses(204, None, 403, 404),
    summary="Remove a candidate with its scores",
)
def candidate_remove(request: AuthedRequest, candidate_id: int = Id) -> Any:
    candidate = selectors.candidate_get(actor=request.user, pk=candidate_id).obj
    services.candidate_remove(actor=request.user, candidate=candidate)
    return Status(204, None)


@router.get(
    "/selection/needs/{need_id}/scores",
    response=responses(200, list[ScoreOut], 404),
    summary="Every evaluator's scores of the need",
)
def score_list(request: AuthedRequest, need_id: int = Id) -> Any:
    return selectors.scores_of(actor=request.user, need=_need(request, need_id))


@router.post(
    "/selection/needs/{need_id}/scores",
    response=responses(200, ScoreOut, 403, 404),
    summary="Score a candidate on a criterion, as yourself",
)
def score_set(request: AuthedRequest, payload: ScoreIn, need_id: int = Id) -> Any:
    need = _need(request, need_id)
    criteria = selectors.criteria_of(actor=request.user, need=need)
    candidates = list(selectors.candidates_of(actor=request.user, need=need))
    data = inputs.validated(lambda d: ScoreForm(d, candidates=candidates, criteria=criteria), payload)
    candidate = _pick(candidates, data.pop("candidate"))
    criterion = _pick(criteria, data.pop("criterion"))
    return services.score_set(actor=request.user, candidate=candidate, criterion=criterion, **data)


@router.get(
    "/selection/needs/{need_id}/evaluation",
    response=responses(200, EvaluationOut, 404),
    summary="Weights, AHP consistency and sensitivity of the ranking",
)
def evaluation(request: AuthedRequest, need_id: int = Id) -> Any:
    found = selectors.evaluation(actor=request.user, need=_need(request, need_id))
    return evaluation_answer(found)


def evaluation_answer(found: Evaluation) -> dict[str, Any]:
    consistency = None
    if found.consistency is not None:
        consistency = {
            "lambda_max": found.consistency.lambda_max,
            "ci": found.consistency.ci,
            "cr": found.consistency.cr,
            "acceptable": found.consistency.acceptable,
            "judged": found.judged,
            "pairs": found.pairs,
            "inconsistent": [
                {"first_id": j.first.pk, "second_id": j.second.pk, "given": j.given, "implied": j.implied}
                for j in found.inconsistent
            ],
        }
    leader = found.leader
    return {
        "method": found.method,
        "weights": [{"criterion_id": c.pk, "name": c.name, "weight": w} for c, w in found.weighted],
        "consistency": consistency,
        "leader_id": leader.candidate.pk if leader else None,
        "sensitivity": [
            {
                "criterion_id": s.criterion.pk,
                "weight": s.shift.weight if s.shift else None,
                "to": s.shift.to if s.shift else None,
                "change": s.shift.change if s.shift else None,
                "challenger_id": s.challenger.pk if s.challenger else None,
            }
            for s in found.sensitivity
        ],
    }


@router.post(
    "/selection/needs/{need_id}/decision",
    response=responses(200, NeedOut, 403, 404, 409),
    summary="Choose the partner: it becomes a partnership (admins)",
)
def need_decide(request: AuthedRequest, payload: DecideIn, need_id: int = Id) -> Any:
    need = _need(request, need_id)
    candidates = list(selectors.candidates_of(actor=request.user, need=need))
    data = inputs.validated(lambda d: DecideForm(d, candidates=candidates), payload)
    candidate = _pick(candidates, data.pop("candidate"))
    return services.need_decide(actor=request.user, need=need, candidate=candidate, **data)
