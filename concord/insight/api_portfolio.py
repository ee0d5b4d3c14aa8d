"""API: the supplier organisation's offering portfolio and the weights of its fit engine (read by
its members only; the customer and other organisations get 404). The bodies are the pages' forms."""

from typing import Any

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from concord.accounts.requests import AuthedRequest
from concord.core import exports, filtering, inputs
from concord.core.api import responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.insight import exports as sheets
from concord.insight import selectors
from concord.insight.filters import OfferingFilter
from concord.insight.forms import OfferingEditForm, OfferingForm, WeightsForm
from concord.insight.schemas import (
    FitWeightsIn,
    FitWeightsOut,
    OfferingFilters,
    OfferingIn,
    OfferingOut,
    OfferingPatch,
    VersionQuery,
)
from concord.insight.services import portfolio
from concord.insight.services.portfolio import WEIGHT_FIELDS
from concord.organisations.selectors import organisation_get

router = Router(tags=["customer insight"])
Id = Path(..., ge=1, le=MAX_ID)


# ---- the portfolio --------------------------------------------------------------------------------


@router.get(
    "/organisations/{organisation_id}/offerings",
    response=responses(200, Paged[OfferingOut], 404),
    summary="The organisation's offering portfolio (its members only)",
)
def offering_list(
    request: AuthedRequest,
    filters: Query[OfferingFilters],
    paging: Query[PageParams],
    organisation_id: int = Id,
) -> Any:
    org = organisation_get(actor=request.user, pk=organisation_id).obj
    found = filtering.apply(
        OfferingFilter, filters, selectors.offering_list(actor=request.user, organisation=org)
    )
    return page(found.qs, paging)


@router.get(
    "/organisations/{organisation_id}/offerings/export",
    response=responses(200, None, 404),
    summary="The filtered portfolio as .csv or .xlsx",
)
def offering_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[OfferingFilters],
    organisation_id: int = Id,
) -> HttpResponse:
    org = organisation_get(actor=request.user, pk=organisation_id).obj
    found = filtering.apply(
        OfferingFilter, filters, selectors.offering_list(actor=request.user, organisation=org)
    )
    table = exports.table(sheets.OFFERING_COLUMNS, found.qs)
    return exports.download(params.format, f"offerings-{organisation_id}", table, "Offerings")


@router.post(
    "/organisations/{organisation_id}/offerings",
    response=responses(201, OfferingOut, 403, 404),
    summary="Add an offering to the portfolio (members, not viewers)",
)
def offering_create(request: AuthedRequest, payload: OfferingIn, organisation_id: int = Id) -> Any:
    org = organisation_get(actor=request.user, pk=organisation_id).obj
    data = inputs.validated(OfferingForm, payload)
    return Status(201, portfolio.offering_create(actor=request.user, organisation=org, **data))


@router.get("/offerings/{offering_id}", response=responses(200, OfferingOut, 404), summary="An offering")
def offering_get(request: AuthedRequest, offering_id: int = Id) -> Any:
    return selectors.offering_get(actor=request.user, pk=offering_id).obj


@router.patch(
    "/offerings/{offering_id}",
    response=responses(200, OfferingOut, 403, 404, 409),
    summary="Change an offering (members, not viewers)",
)
def offering_patch(request: AuthedRequest, payload: OfferingPatch, offering_id: int = Id) -> Any:
    found = selectors.offering_get(actor=request.user, pk=offering_id).obj
    current = inputs.stored(found, OfferingEditForm.base_fields)
    data = inputs.validated(OfferingEditForm, payload, current=current)
    return portfolio.offering_update(actor=request.user, offering=found, **data)


@router.delete(
    "/offerings/{offering_id}",
    response=responses(204, None, 403, 404, 409),
    summary="Remove an offering (members, not viewers)",
)
def offering_delete(request: AuthedRequest, version: Query[VersionQuery], offering_id: int = Id) -> Any:
    found = selectors.offering_get(actor=request.user, pk=offering_id).obj
    portfolio.offering_delete(actor=request.user, offering=found, version=version.version)
    return Status(204, None)


@router.get(
    "/organisations/{organisation_id}/fit-weights",
    response=responses(200, FitWeightsOut, 404),
    summary="How much each fit factor counts for the organisation (its members only)",
)
def weights_get(request: AuthedRequest, organisation_id: int = Id) -> Any:
    org = organisation_get(actor=request.user, pk=organisation_id).obj
    found = selectors.weights_get(actor=request.user, organisation=org)
    return {f: getattr(found, f) for f in WEIGHT_FIELDS} | {"version": found.version if found.pk else None}


@router.put(
    "/organisations/{organisation_id}/fit-weights",
    response=responses(200, FitWeightsOut, 403, 404, 409),
    summary="Set the fit weights, 0–10 each (admins; the version once they exist)",
)
def weights_put(request: AuthedRequest, payload: FitWeightsIn, organisation_id: int = Id) -> Any:
    org = organisation_get(actor=request.user, pk=organisation_id).obj
    data = inputs.validated(WeightsForm, payload)
    version = data.pop("version_seen")
    saved = portfolio.weights_save(actor=request.user, organisation=org, version=version, **data)
    return {f: getattr(saved, f) for f in WEIGHT_FIELDS} | {"version": saved.version}
