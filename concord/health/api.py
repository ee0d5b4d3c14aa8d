"""API: a partnership's health index explained (as the reader's organisation sees it) and an
organisation's weights."""

from typing import Any

from ninja import Path, Router

from concord.access.pages import per_reader_api
from concord.accounts.requests import AuthedRequest
from concord.core import inputs
from concord.core.api import responses
from concord.core.inputs import MAX_ID
from concord.health import selectors, services
from concord.health.forms import WeightsForm
from concord.health.schemas import HealthOut, HealthWeightsIn, HealthWeightsOut
from concord.organisations.selectors import organisation_get
from concord.partnerships.selectors import partnership_get

router = Router(tags=["health"])
Id = Path(..., ge=1, le=MAX_ID)


@router.get(
    "/partnerships/{partnership_id}/health",
    response=responses(200, HealthOut, 404),
    summary="The partnership's health index (0–100), component by component, with its monthly history",
)
@per_reader_api
def health_get(request: AuthedRequest, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = selectors.explained(actor=request.user, partnership=partnership)
    return {
        "partnership_id": partnership.pk,
        "organisation_id": found.organisation_id,
        "score": found.result.score,
        "band": found.result.band,
        "trend": found.trend,
        "computed_on": found.computed_on,
        "parts": found.result.parts,
        "missing": found.result.missing,
        "history": [{"period": when, "score": score} for when, score in found.history],
    }


@router.get(
    "/organisations/{org_id}/health-weights",
    response=responses(200, HealthWeightsOut, 404),
    summary="The organisation's weights of the health index's sources (version 1: the defaults)",
)
def weights_get(request: AuthedRequest, org_id: int = Id) -> Any:
    org = organisation_get(actor=request.user, pk=org_id).obj
    weights, version = selectors.weights_get(actor=request.user, organisation=org)
    return {"weights": weights, "version": version}


@router.put(
    "/organisations/{org_id}/health-weights",
    response=responses(200, HealthWeightsOut, 403, 404, 409),
    summary="Change the weights (0–100 each, at least one above 0; admins of the organisation)",
)
def weights_set(request: AuthedRequest, payload: HealthWeightsIn, org_id: int = Id) -> Any:
    org = organisation_get(actor=request.user, pk=org_id).obj
    data = inputs.validated(WeightsForm, payload)
    saved = services.weights_set(actor=request.user, organisation=org, **data)
    return {"weights": saved.as_dict(), "version": saved.version}
