"""API: the signed-in person and their tokens."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from concord.accounts import selectors, services
from concord.accounts.filters import TokenFilter
from concord.core import filtering
from concord.core.api import MAX_ID, responses
from concord.core.paging import Paged, PageParams, page

router = Router(tags=["me"])


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
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    secret: str = Field(description="Shown once; store it now.")


class TokenFilters(filtering.query_schema(TokenFilter)):  # type: ignore[misc]
    """The tokens' filters (filters.TokenFilter)."""


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)


@router.get("/me", response=responses(200, MeOut), summary="Who am I")
def me(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "memberships": [
            {"organisation_id": m.organisation_id, "organisation": m.organisation.name, "role": m.role}
            for m in selectors.my_memberships(actor=user)
        ],
    }


@router.get("/tokens", response=responses(200, Paged[TokenOut]), summary="List my API tokens, newest first")
def token_list(request: HttpRequest, filters: Query[TokenFilters], paging: Query[PageParams]) -> Any:
    found = filtering.apply(TokenFilter, filters, selectors.token_list(actor=request.user))
    return page(found.qs, paging)


@router.post("/tokens", response=responses(201, TokenCreatedOut), summary="Create an API token")
def token_create(request: HttpRequest, payload: TokenIn) -> Any:
    token, secret = services.token_create(actor=request.user, name=payload.name)
    token.secret = secret  # type: ignore[attr-defined]
    return Status(201, token)


@router.delete("/tokens/{token_id}", response=responses(200, TokenOut, 404), summary="Revoke an API token")
def token_revoke(request: HttpRequest, token_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    token = selectors.token_get(actor=request.user, pk=token_id)
    return services.token_revoke(actor=request.user, token=token)
