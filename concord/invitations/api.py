"""API: invite people into an organisation and supplier organisations into a partnership."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status

from concord.access.roles import Action, Role
from concord.core.api import MAX_ID, responses
from concord.invitations import services
from concord.organisations import selectors as organisations
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


class PartnerInvitationIn(Schema):
    email: str = Field(max_length=254)
    supplier_name: str = Field(min_length=1, max_length=200)


@router.get(
    "/organisations/{org_id}/invitations",
    response=responses(200, list[InvitationOut], 403, 404),
    summary="List invitations sent (admins)",
)
def invitation_list(request: HttpRequest, org_id: int = OrgId) -> Any:
    org = organisations.organisation_get(actor=request.user, pk=org_id).obj
    return organisations.invitation_list(actor=request.user, organisation=org)


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
