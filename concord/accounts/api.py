"""API: the signed-in person and their tokens."""

from typing import Any

from ninja import Path, Query, Router, Status

from concord.accounts import selectors, services
from concord.accounts.filters import TokenFilter
from concord.accounts.forms import TokenForm
from concord.accounts.requests import AuthedRequest
from concord.accounts.schemas import MeOut, TokenCreatedOut, TokenFilters, TokenIn, TokenOut
from concord.core import filtering, inputs
from concord.core.api import responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page

router = Router(tags=["me"])


@router.get("/me", response=responses(200, MeOut), summary="Who am I")
def me(request: AuthedRequest) -> dict[str, Any]:
    user = request.user
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
def token_list(request: AuthedRequest, filters: Query[TokenFilters], paging: Query[PageParams]) -> Any:
    found = filtering.apply(TokenFilter, filters, selectors.token_list(actor=request.user))
    return page(found.qs, paging)


@router.post("/tokens", response=responses(201, TokenCreatedOut, 403), summary="Create an API token")
def token_create(request: AuthedRequest, payload: TokenIn) -> Any:
    data = inputs.validated(TokenForm, payload)
    token, secret = services.token_create(actor=request.user, **data)
    token.secret = secret  # type: ignore[attr-defined]
    return Status(201, token)


@router.delete(
    "/tokens/{token_id}", response=responses(200, TokenOut, 403, 404), summary="Revoke an API token"
)
def token_revoke(request: AuthedRequest, token_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    token = selectors.token_get(actor=request.user, pk=token_id)
    return services.token_revoke(actor=request.user, token=token)
