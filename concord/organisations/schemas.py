"""The API's bodies and answers for organisations and their members. The edit body is generated
from the page's form (core.inputs), the filters from the lists' FilterSets (core.filtering)."""

from ninja import Field, Schema

from concord.access.roles import Role
from concord.core import filtering, inputs
from concord.organisations.filters import MemberFilter, OrganisationFilter
from concord.organisations.forms import OrganisationEditForm
from concord.organisations.models import OrganisationKind


class OrganisationOut(Schema):
    id: int
    name: str
    kind: OrganisationKind
    country: str
    vat_number: str
    duns: str
    lei: str
    two_factor_required: bool
    version: int


class OrganisationFilters(filtering.query_schema(OrganisationFilter)):  # type: ignore[misc]
    """The organisations' filters (filters.OrganisationFilter)."""


class MemberFilters(filtering.query_schema(MemberFilter)):  # type: ignore[misc]
    """The members' filters (filters.MemberFilter)."""


class OrganisationPatch(inputs.input_schema(OrganisationEditForm, name="OrganisationPatch", partial=True)):  # type: ignore[misc]
    """Change an organisation: only what is sent changes (forms.OrganisationEditForm)."""


class MemberOut(Schema):
    id: int
    user_id: int
    email: str = Field(alias="user.email")
    full_name: str = Field(alias="user.full_name")
    role: Role
