"""API: invite people into an organisation and supplier organisations into a partnership."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from concord.access.roles import Action, Role
from concord.core import filtering
from concord.core.api import MAX_ID, responses
from concord.core.paging import Paged, PageParams, page
from concord.invitations import services
from concord.organisations import selectors as organisations
from concord.organisations.filters import InvitationFilter
from concord.partnerships.selectors import partnership_get

router = Router(tags=["invitations"])
OrgId = Path(..., ge=1, le=MAX_ID)
Id = Path(..., ge=1, le=MAX_ID)


class InvitationIn(Schema):
    email: str = Field(max_length=254)
    role: Role = Role.MEMBER


class InvitationOut(Schema):
    id: int
    kind: str
    email: str
    role: str
    status: str
    created_at: datetime
    expires_at: datetime


class InvitationFilters(filtering.query_schema(InvitationFilter)):  # type: ignore[misc]
    """The invitations' filters (organisations.filters.InvitationFilter): status is pending,
    accepted, revoked or expired, as `status` in each invitation says."""


class PartnerInvitationIn(Schema):
    email: str = Field(max_length=254)
    supplier_name: str = Field(min_length=1, max_length=200)


@router.get(
    "/organisations/{org_id}/invitations",
    response=responses(200, Paged[InvitationOut], 403, 404),
    summary="List invitations sent, newest first (admins)",
)
def invitation_list(
    request: HttpRequest, filters: Query[InvitationFilters], paging: Query[PageParams], org_id: int = OrgId
) -> Any:
    org = organisations.organisation_get(actor=request.user, pk=org_id).obj
    found = filtering.apply(
        InvitationFilter, filters, organisations.invitation_list(actor=request.user, organisation=org)
    )
    return page(found.qs, paging)


@router.post(
    "/organisations/{org_id}/invitations",
    response=responses(201, InvitationOut, 403, 404),
    summary="Invite a person to join (admins)",
)
def invitation_create(request: HttpRequest, payload: InvitationIn, org_id: int = OrgId) -> Any:
    org = organisations.organisation_get(actor=request.user, pk=org_id, action=Action.VIEW).obj
    invitation = services.invite_member(
        actor=request.user, organisation=org, email=payload.email, role=payload.role
    )
    return Status(201, invitation)


@router.post(
    "/partnerships/{partnership_id}/invitations",
    response=responses(201, InvitationOut, 403, 404),
    summary="Invite a supplier organisation (buying organisation admins)",
)
def partner_invite(request: HttpRequest, payload: PartnerInvitationIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    invitation = services.invite_partner(
        actor=request.user,
        partnership=partnership,
        email=payload.email,
        supplier_name=payload.supplier_name,
    )
    return Status(201, invitation)
