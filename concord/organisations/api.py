"""API: organisations and their members (invitations: concord.invitations.api)."""

from typing import Any

from ninja import Path, Query, Router

from concord.accounts.requests import AuthedRequest
from concord.audit.api import HistoryFilters, history_answer
from concord.core import filtering, inputs
from concord.core.api import AuditEventOut, responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.organisations import selectors, services
from concord.organisations.filters import MemberFilter, OrganisationFilter
from concord.organisations.forms import OrganisationEditForm
from concord.organisations.schemas import (
    MemberFilters,
    MemberOut,
    OrganisationFilters,
    OrganisationOut,
    OrganisationPatch,
)

router = Router(tags=["organisations"])
OrgId = Path(..., ge=1, le=MAX_ID)


@router.get(
    "/organisations", response=responses(200, Paged[OrganisationOut]), summary="List my organisations"
)
def organisation_list(
    request: AuthedRequest, filters: Query[OrganisationFilters], paging: Query[PageParams]
) -> Any:
    found = filtering.apply(OrganisationFilter, filters, selectors.organisation_list(actor=request.user))
    return page(found.qs, paging)


@router.get(
    "/organisations/{org_id}",
    response=responses(200, OrganisationOut, 404),
    summary="Get an organisation",
)
def organisation_get(request: AuthedRequest, org_id: int = OrgId) -> Any:
    return selectors.organisation_get(actor=request.user, pk=org_id).obj


@router.patch(
    "/organisations/{org_id}",
    response=responses(200, OrganisationOut, 403, 404, 409),
    summary="Edit an organisation (admins)",
)
def organisation_patch(request: AuthedRequest, payload: OrganisationPatch, org_id: int = OrgId) -> Any:
    org = selectors.organisation_get(actor=request.user, pk=org_id).obj
    current = inputs.stored(org, OrganisationEditForm.base_fields)
    data = inputs.validated(lambda d: OrganisationEditForm(d, instance=org), payload, current=current)
    return services.organisation_update(actor=request.user, organisation=org, **data)


@router.get(
    "/organisations/{org_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="Audit trail of an organisation",
)
def organisation_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], org_id: int = OrgId
) -> Any:
    org = selectors.organisation_get(actor=request.user, pk=org_id).obj
    return history_answer(actor=request.user, instance=org, filters=filters, paging=paging)


@router.get(
    "/organisations/{org_id}/members",
    response=responses(200, Paged[MemberOut], 404),
    summary="List members, by name",
)
def member_list(
    request: AuthedRequest, filters: Query[MemberFilters], paging: Query[PageParams], org_id: int = OrgId
) -> Any:
    org = selectors.organisation_get(actor=request.user, pk=org_id).obj
    found = filtering.apply(
        MemberFilter, filters, selectors.member_list(actor=request.user, organisation=org)
    )
    return page(found.qs, paging)
