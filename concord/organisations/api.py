"""API: organisations and their members (invitations: concord.invitations.api)."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from concord.access.roles import Role
from concord.audit.selectors import history_for
from concord.core import filtering
from concord.core.api import MAX_ID, AuditEventOut, Version, responses
from concord.core.paging import Paged, PageParams, page
from concord.organisations import selectors, services
from concord.organisations.filters import MemberFilter, OrganisationFilter
from concord.organisations.models import OrganisationKind

router = Router(tags=["organisations"])
OrgId = Path(..., ge=1, le=MAX_ID)


class OrganisationOut(Schema):
    id: int
    name: str
    kind: OrganisationKind
    country: str
    vat_number: str
    duns: str
    lei: str
    version: int


class OrganisationFilters(filtering.query_schema(OrganisationFilter)):  # type: ignore[misc]
    """The organisations' filters (filters.OrganisationFilter)."""


class MemberFilters(filtering.query_schema(MemberFilter)):  # type: ignore[misc]
    """The members' filters (filters.MemberFilter)."""


class OrganisationPatch(Schema):
    version: Version
    name: str | None = Field(None, min_length=1, max_length=200)
    kind: OrganisationKind | None = None
    country: str | None = Field(None, max_length=2)
    vat_number: str | None = Field(None, max_length=20)
    duns: str | None = Field(None, max_length=9)
    lei: str | None = Field(None, max_length=20)


class MemberOut(Schema):
    id: int
    user_id: int
    email: str = Field(alias="user.email")
    full_name: str = Field(alias="user.full_name")
    role: Role


@router.get(
    "/organisations", response=responses(200, Paged[OrganisationOut]), summary="List my organisations"
)
def organisation_list(
    request: HttpRequest, filters: Query[OrganisationFilters], paging: Query[PageParams]
) -> Any:
    found = filtering.apply(OrganisationFilter, filters, selectors.organisation_list(actor=request.user))
    return page(found.qs, paging)


@router.get(
    "/organisations/{org_id}",
    response=responses(200, OrganisationOut, 404),
    summary="Get an organisation",
)
def organisation_get(request: HttpRequest, org_id: int = OrgId) -> Any:
    return selectors.organisation_get(actor=request.user, pk=org_id).obj


@router.patch(
    "/organisations/{org_id}",
    response=responses(200, OrganisationOut, 403, 404, 409),
    summary="Edit an organisation (admins)",
)
def organisation_patch(request: HttpRequest, payload: OrganisationPatch, org_id: int = OrgId) -> Any:
    org = selectors.organisation_get(actor=request.user, pk=org_id).obj
    fields = payload.dict(exclude_unset=True, exclude={"version"})
    return services.organisation_update(
        actor=request.user, organisation=org, version=payload.version, **fields
    )


@router.get(
    "/organisations/{org_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="Audit trail of an organisation",
)
def organisation_history(request: HttpRequest, paging: Query[PageParams], org_id: int = OrgId) -> Any:
    org = selectors.organisation_get(actor=request.user, pk=org_id).obj
    return page(history_for(actor=request.user, instance=org), paging)


@router.get(
    "/organisations/{org_id}/members",
    response=responses(200, Paged[MemberOut], 404),
    summary="List members, by name",
)
def member_list(
    request: HttpRequest, filters: Query[MemberFilters], paging: Query[PageParams], org_id: int = OrgId
) -> Any:
    org = selectors.organisation_get(actor=request.user, pk=org_id).obj
    found = filtering.apply(
        MemberFilter, filters, selectors.member_list(actor=request.user, organisation=org)
    )
    return page(found.qs, paging)
