"""API: invite people into an organisation and supplier organisations into a partnership."""

from typing import Any

from ninja import Path, Query, Router, Status

from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.core import filtering, inputs
from concord.core.api import responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.invitations import services
from concord.invitations.forms import PartnerInviteForm
from concord.invitations.schemas import InvitationFilters, InvitationIn, InvitationOut, PartnerInvitationIn
from concord.organisations import selectors as organisations
from concord.organisations.filters import InvitationFilter
from concord.organisations.forms import InviteMemberForm
from concord.partnerships.selectors import partnership_get

router = Router(tags=["invitations"])
OrgId = Path(..., ge=1, le=MAX_ID)
Id = Path(..., ge=1, le=MAX_ID)


@router.get(
    "/organisations/{org_id}/invitations",
    response=responses(200, Paged[InvitationOut], 403, 404),
    summary="List invitations sent, newest first (admins)",
)
def invitation_list(
    request: AuthedRequest, filters: Query[InvitationFilters], paging: Query[PageParams], org_id: int = OrgId
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
def invitation_create(request: AuthedRequest, payload: InvitationIn, org_id: int = OrgId) -> Any:
    org = organisations.organisation_get(actor=request.user, pk=org_id, action=Action.MANAGE).obj
    data = inputs.validated(InviteMemberForm, payload)
    return Status(201, services.invite_member(actor=request.user, organisation=org, **data))


@router.post(
    "/partnerships/{partnership_id}/invitations",
    response=responses(201, InvitationOut, 403, 404),
    summary="Invite a supplier organisation (buying organisation admins)",
)
def partner_invite(request: AuthedRequest, payload: PartnerInvitationIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(PartnerInviteForm, payload)
    return Status(201, services.invite_partner(actor=request.user, partnership=partnership, **data))
