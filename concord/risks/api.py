"""API: the risk register — the list (filtered, paged, exported), its heat map and the
partnership's exposure figure, a risk with its score history, recording and changing one, firing
its trigger (the contingency plan becomes an action plan) and its history. Bodies are the pages'
forms (schemas.py); what the caller may not read answers 404."""

from typing import Any

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from concord.access.pages import per_reader_api
from concord.accounts.requests import AuthedRequest
from concord.audit.api import HistoryFilters, history_answer
from concord.core import exports, filtering, inputs
from concord.core.api import AuditEventOut, responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.lessons.forms import LessonForm
from concord.lessons.schemas import LessonIn, LessonOut
from concord.partnerships.selectors import partnership_get
from concord.risks import exports as sheets
from concord.risks import selectors, services
from concord.risks.filters import RiskFilter
from concord.risks.forms import FireForm, RiskEditForm, RiskForm
from concord.risks.models import Risk
from concord.risks.schemas import (
    ExposureOut,
    FireIn,
    HeatMapOut,
    RiskDetailOut,
    RiskFilters,
    RiskIn,
    RiskOut,
    RiskPatch,
)

router = Router(tags=["risks"])
Id = Path(..., ge=1, le=MAX_ID)
HISTORY = 100


def _detail(request: AuthedRequest, risk_id: int) -> Risk:
    risk = selectors.risk_get(actor=request.user, pk=risk_id).obj
    risk.ratings = list(selectors.score_history(actor=request.user, risk=risk)[:HISTORY])  # type: ignore[attr-defined]
    return risk


def _filtered(request: AuthedRequest, partnership_id: int, filters: RiskFilters) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = selectors.risk_list(actor=request.user, partnership=partnership)
    return filtering.apply(RiskFilter, filters, found).qs


@router.get(
    "/partnerships/{partnership_id}/risks",
    response=responses(200, Paged[RiskOut], 404),
    summary="The risk register, highest score first",
)
@per_reader_api
def risk_list(
    request: AuthedRequest, filters: Query[RiskFilters], paging: Query[PageParams], partnership_id: int = Id
) -> Any:
    return page(_filtered(request, partnership_id, filters), paging)


@router.get(
    "/partnerships/{partnership_id}/risks/export",
    response=responses(200, None, 404),
    summary="Every risk you can see, filtered as the list, as .csv or .xlsx",
)
def risks_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[RiskFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    table = exports.table(sheets.RISK_COLUMNS, _filtered(request, partnership_id, filters))
    return exports.download(params.format, f"risks-{partnership_id}", table, "Risks")


@router.get(
    "/partnerships/{partnership_id}/risks/heatmap",
    response=responses(200, HeatMapOut, 404),
    summary="The 5×5 heat map of the risks you can see, filtered as the list",
)
def risk_heat_map(request: AuthedRequest, filters: Query[RiskFilters], partnership_id: int = Id) -> Any:
    rows = selectors.heat_map(_filtered(request, partnership_id, filters))
    cells = [cell for row in rows for cell in row]
    return {
        "cells": [
            {
                "likelihood": c.likelihood,
                "impact": c.impact,
                "score": c.score,
                "band": c.band,
                "count": c.count,
            }
            for c in cells
        ],
        "total": sum(c.count for c in cells),
    }


@router.get(
    "/partnerships/{partnership_id}/risks/exposure",
    response=responses(200, ExposureOut, 404),
    summary="The partnership's risk exposure (0–100) from the risks you can see",
)
def risk_exposure(request: AuthedRequest, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = selectors.exposure(actor=request.user, partnership_ids=[partnership.pk])
    figure = found.get(partnership.pk, selectors.NONE)
    return {"partnership_id": partnership.pk, **figure.__dict__}


@router.post(
    "/partnerships/{partnership_id}/risks",
    response=responses(201, RiskDetailOut, 403, 404),
    summary="Record a risk",
)
def risk_create(request: AuthedRequest, payload: RiskIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    people = selectors.owner_people(actor=request.user, partnership=partnership)
    data = inputs.validated(lambda d: RiskForm(d, people=people), payload)
    risk = services.risk_create(actor=request.user, partnership=partnership, **data)
    return Status(201, _detail(request, risk.pk))


@router.get(
    "/risks/{risk_id}", response=responses(200, RiskDetailOut, 404), summary="A risk and its score history"
)
def risk_get(request: AuthedRequest, risk_id: int = Id) -> Any:
    return _detail(request, risk_id)


@router.patch(
    "/risks/{risk_id}",
    response=responses(200, RiskDetailOut, 403, 404, 409),
    summary="Change a risk (a new rating joins the score history)",
)
def risk_update(request: AuthedRequest, payload: RiskPatch, risk_id: int = Id) -> Any:
    risk = selectors.risk_get(actor=request.user, pk=risk_id).obj
    people = selectors.risk_people(actor=request.user, risk=risk)
    current = inputs.stored(risk, RiskEditForm.base_fields)
    data = inputs.validated(lambda d: RiskEditForm(d, people=people), payload, current=current)
    data |= inputs.cleared(payload, RiskEditForm)
    services.risk_update(actor=request.user, risk=risk, **data)
    return _detail(request, risk_id)


@router.post(
    "/risks/{risk_id}/fire",
    response=responses(200, RiskDetailOut, 403, 404, 409),
    summary="The trigger fired: turn the contingency plan into an action plan and mark the risk fired",
)
def risk_fire(request: AuthedRequest, payload: FireIn, risk_id: int = Id) -> Any:
    risk = selectors.risk_get(actor=request.user, pk=risk_id).obj
    services.risk_fire(actor=request.user, risk=risk, **inputs.validated(FireForm, payload))
    return _detail(request, risk_id)


@router.post(
    "/risks/{risk_id}/lessons",
    response=responses(201, LessonOut, 403, 404, 409),
    summary="Write a blameless lesson carried by a risk that fired",
)
def risk_lesson(request: AuthedRequest, payload: LessonIn, risk_id: int = Id) -> Any:
    risk = selectors.risk_get(actor=request.user, pk=risk_id).obj
    data = inputs.validated(LessonForm, payload)
    return Status(201, services.risk_lesson_add(actor=request.user, risk=risk, **data))


@router.get(
    "/risks/{risk_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="History of a risk",
)
def risk_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], risk_id: int = Id
) -> Any:
    return history_answer(
        actor=request.user,
        instance=selectors.risk_get(actor=request.user, pk=risk_id).obj,
        filters=filters,
        paging=paging,
    )
