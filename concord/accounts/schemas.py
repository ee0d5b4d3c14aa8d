"""The API's bodies and answers for the signed-in person and their tokens. The token's body is
generated from the page's form (core.inputs), the filters from the list's FilterSet (core.filtering)."""

from datetime import date, datetime

from ninja import Field, Schema

from concord.access.roles import TokenScope
from concord.accounts.filters import TokenFilter
from concord.accounts.forms import TokenForm
from concord.core import filtering, inputs


class MembershipOut(Schema):
    organisation_id: int
    organisation: str
    role: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    memberships: list[MembershipOut]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scope: TokenScope
    expires_on: date | None = Field(description="The last day the token works; null: no expiry.")
    status: str = Field(description="active, expired or revoked.")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    secret: str = Field(description="Shown once; store it now.")


class TokenFilters(filtering.query_schema(TokenFilter)):  # type: ignore[misc]
    """The tokens' filters (filters.TokenFilter)."""


class TokenIn(inputs.input_schema(TokenForm, name="TokenIn")):  # type: ignore[misc]
    """Name a new token, its scope (read-only unless asked) and its optional expiry (forms.TokenForm)."""
