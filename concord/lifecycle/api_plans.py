"""API: the Kraljic segmentation (the buying side's, internal: 404 for anyone else), the factor
weights and portfolio of a buying organisation, the relationship type, and the joint life cycle
and exit plan of a partnership."""

from typing import Any

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from concord.access.pages import per_reader_api
from concord.access.sides import buyer_org
from concord.accounts.requests import AuthedRequest
from concord.core import exports, filtering, inputs
from concord.core.api import responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.lifecycle import exports as sheets
from concord.lifecycle import selectors
from concord.lifecycle.filters import PortfolioFilter, SegmentationFilter, StageChangeFilter
from concord.lifecycle.forms import (
    ExitPlanForm,
    RelationshipForm,
    SegmentationForm,
    StageMoveForm,
    WeightsForm,
)
from concord.lifecycle.schemas import (
    ExitPlanIn,
    ExitPlanOut,
    KraljicPortfolioFilters,
    KraljicWeightsIn,
    KraljicWeightsOut,
    LifecycleOut,
    PortfolioPoint,
    RelationshipIn,
    SegmentationFilters,
    SegmentationIn,
    SegmentationOut,
    StageChangeFilters,
    StageChangeOut,
    StageMoveIn,
    exit_plan_out,
)
from concord.lifecycle.services import segmentation, stages
from concord.organisations.selectors import organisation_get
from concord.partnerships.schemas import PartnershipOut
from concord.partnerships.selectors import partnership_get

router = Router(tags=["segmentation and lifecycle"])
Id = Path(..., ge=1, le=MAX_ID)


def _buyer_partnership(request: AuthedRequest, partnership_id: int) -> Any:
    """The partnership, for its buying side only (404 for the supplier side: internal)."""
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    buyer_org(request.user, partnership)
    return partnership


@router.get(
    "/partnerships/{partnership_id}/segmentations",
    response=responses(200, Paged[SegmentationOut], 404),
    summary="The buying side's Kraljic assessments of the partnership, newest first (internal)",
)
@per_reader_api
def segmentation_list(
    request: AuthedRequest,
    filters: Query[SegmentationFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = _buyer_partnership(request, partnership_id)
    found = selectors.segmentation_list(actor=request.user, partnership=partnership)
    return page(filtering.apply(SegmentationFilter, filters, found).qs, paging)


@router.get(
    "/partnerships/{partnership_id}/segmentations/export",
    response=responses(200, None, 404),
    summary="Every assessment, filtered as the list, as .csv or .xlsx",
)
def segmentation_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[SegmentationFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    partnership = _buyer_partnership(request, partnership_id)
    found = selectors.segmentation_list(actor=request.user, partnership=partnership)
    rows = filtering.apply(SegmentationFilter, filters, found).qs
    table = exports.table(sheets.SEGMENTATION_COLUMNS, rows)
    return exports.download(params.format, f"segmentations-{partnership_id}", table, "Segmentations")


@router.post(
    "/partnerships/{partnership_id}/segmentations",
    response=responses(201, SegmentationOut, 403, 404),
    summary="Assess the partnership: five factors 1–5 give its Kraljic quadrant",
)
def segmentation_record(request: AuthedRequest, payload: SegmentationIn, partnership_id: int = Id) -> Any:
    partnership = _buyer_partnership(request, partnership_id)
    data = inputs.validated(SegmentationForm, payload)
    return Status(201, segmentation.segmentation_record(actor=request.user, partnership=partnership, **data))


@router.put(
    "/partnerships/{partnership_id}/relationship",
    response=responses(200, PartnershipOut, 403, 404, 409),
    summary="Set the relationship type; one other than the quadrant's suggestion needs its rationale",
)
def relationship_set(request: AuthedRequest, payload: RelationshipIn, partnership_id: int = Id) -> Any:
    partnership = _buyer_partnership(request, partnership_id)
    data = inputs.validated(RelationshipForm, payload)
    segmentation.relationship_set(actor=request.user, partnership=partnership, **data)
    return partnership_get(actor=request.user, pk=partnership_id).obj


@router.get(
    "/organisations/{org_id}/kraljic/weights",
    response=responses(200, KraljicWeightsOut, 404),
    summary="The organisation's Kraljic factor weights (version 1: the defaults)",
)
def weights_get(request: AuthedRequest, org_id: int = Id) -> Any:
    org = organisation_get(actor=request.user, pk=org_id).obj
    weights, version = selectors.weights_get(actor=request.user, organisation=org)
    return {"weights": weights, "version": version}


@router.put(
    "/organisations/{org_id}/kraljic/weights",
    response=responses(200, KraljicWeightsOut, 403, 404, 409),
    summary="Change the factor weights (0–100 each; each axis needs some weight)",
)
def weights_set(request: AuthedRequest, payload: KraljicWeightsIn, org_id: int = Id) -> Any:
    org = organisation_get(actor=request.user, pk=org_id).obj
    data = inputs.validated(WeightsForm, payload)
    saved = segmentation.weights_set(actor=request.user, organisation=org, **data)
    return {"weights": saved.as_dict(), "version": saved.version}


@router.get(
    "/organisations/{org_id}/kraljic/portfolio",
    response=responses(200, Paged[PortfolioPoint], 404),
    summary="Each partnership at its latest assessment: the portfolio scatter's points",
)
def portfolio(
    request: AuthedRequest,
    filters: Query[KraljicPortfolioFilters],
    paging: Query[PageParams],
    org_id: int = Id,
) -> Any:
    org = organisation_get(actor=request.user, pk=org_id).obj
    found = selectors.portfolio(actor=request.user, owner=org)
    return page(filtering.apply(PortfolioFilter, filters, found).qs, paging)


@router.get(
    "/partnerships/{partnership_id}/lifecycle",
    response=responses(200, LifecycleOut, 404),
    summary="The ISO 44001 stage, each stage's entry checklist (computed) and the exit plan",
)
def lifecycle_get(request: AuthedRequest, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    view = selectors.lifecycle_view(actor=request.user, partnership=partnership)
    return {
        "stage": view.stage.value,
        "label": view.stage.label,
        "entered_on": view.entered_on,
        "version": view.version,
        "checklists": [
            {"stage": s.value, "label": s.label, "items": [i.__dict__ for i in items]}
            for s, items in view.checklists
        ],
        "exit_plan": exit_plan_out(view.exit_plan),
    }


@router.post(
    "/partnerships/{partnership_id}/lifecycle/move",
    response=responses(200, LifecycleOut, 403, 404, 409),
    summary="Move to a stage; with open entry items (or going back) a reason is required",
)
def lifecycle_move(request: AuthedRequest, payload: StageMoveIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(StageMoveForm, payload)
    stages.stage_move(actor=request.user, partnership=partnership, **data)
    return lifecycle_get(request, partnership_id)


@router.get(
    "/partnerships/{partnership_id}/lifecycle/history",
    response=responses(200, Paged[StageChangeOut], 404),
    summary="The stage moves, newest first",
)
def lifecycle_history(
    request: AuthedRequest,
    filters: Query[StageChangeFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = selectors.stage_history(actor=request.user, partnership=partnership)
    return page(filtering.apply(StageChangeFilter, filters, found).qs, paging)


@router.get(
    "/partnerships/{partnership_id}/lifecycle/history/export",
    response=responses(200, None, 404),
    summary="The stage moves, filtered as the list, as .csv or .xlsx",
)
def lifecycle_history_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[StageChangeFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = selectors.stage_history(actor=request.user, partnership=partnership)
    rows = filtering.apply(StageChangeFilter, filters, found).qs
    return exports.download(
        params.format, f"lifecycle-{partnership_id}", exports.table(sheets.STAGE_COLUMNS, rows), "Stages"
    )


@router.get(
    "/partnerships/{partnership_id}/exit-plan",
    response=responses(200, ExitPlanOut, 404),
    summary="The joint exit plan (exists: false and version 1 before its first save)",
)
def exit_plan_get(request: AuthedRequest, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return exit_plan_out(selectors.exit_plan_get(actor=request.user, partnership=partnership))


@router.patch(
    "/partnerships/{partnership_id}/exit-plan",
    response=responses(200, ExitPlanOut, 403, 404, 409),
    summary="Write the exit plan: only the sections sent change; a stale version gets 409",
)
def exit_plan_save(request: AuthedRequest, payload: ExitPlanIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    plan = selectors.exit_plan_get(actor=request.user, partnership=partnership)
    current = inputs.stored(plan, ExitPlanForm.base_fields) if plan else {"version": 1}
    data = inputs.validated(ExitPlanForm, payload, current=current)
    data |= inputs.cleared(payload, ExitPlanForm)
    version = data.pop("version", payload.version)
    stages.exit_plan_save(actor=request.user, partnership=partnership, version=version, **data)
    return exit_plan_get(request, partnership_id)
