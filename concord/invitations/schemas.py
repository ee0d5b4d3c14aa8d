"""The API's bodies and answers for invitations. The bodies are generated from the pages' forms
(core.inputs), the filters from the list's FilterSet (core.filtering)."""

from datetime import datetime

from ninja import Schema

from concord.core import filtering, inputs
from concord.invitations.forms import PartnerInviteForm
from concord.organisations.filters import InvitationFilter
from concord.organisations.forms import InviteMemberForm


class InvitationIn(inputs.input_schema(InviteMemberForm, name="InvitationIn")):  # type: ignore[misc]
    """Invite a person into an organisation (organisations.forms.InviteMemberForm)."""


class PartnerInvitationIn(inputs.input_schema(PartnerInviteForm, name="PartnerInvitationIn")):  # type: ignore[misc]
    """Invite a supplier organisation into a partnership (forms.PartnerInviteForm)."""


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
