"""A person's API tokens, filtered and paged alike on the page and in the API."""

from collections.abc import Callable
from typing import Any

import pytest

from concord.accounts.models import ApiToken
from concord.accounts.services import token_create, token_revoke
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.organisations.rows import same_rows
from tests.world import World


def _tokens(world: World, persona: str = "buyer_lead") -> Callable[[int], None]:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            token, _ = token_create(actor=world.user(persona), name=f"machine {i:03}")
            if i % 3 == 0:
                token_revoke(actor=world.user(persona), token=token)

    return grow


@pytest.mark.parametrize("url", ["/account/tokens/", "/api/v1/tokens"])
def test_tokens_are_read_in_pages(world: World, client_for: Any, url: str) -> None:
    client = client_for("buyer_lead")
    assert_bounded_rows(lambda: client.get(url), _tokens(world))


def test_token_filter_is_the_same_in_page_and_api(world: World, client_for: Any) -> None:
    _tokens(world)(7)
    _tokens(world, "supplier_lead")(3)  # someone else's tokens are never listed
    client = client_for("buyer_lead")
    revoked = same_rows(
        client.get("/account/tokens/?status=revoked"), client.get("/api/v1/tokens?status=revoked"), "name"
    )
    assert revoked == ["machine 006", "machine 003", "machine 000"]  # newest first
    active = same_rows(
        client.get("/account/tokens/?status=active&q=MACHINE 00"),
        client.get("/api/v1/tokens?status=active&q=MACHINE 00"),
        "name",
    )
    assert active == ["machine 005", "machine 004", "machine 002", "machine 001"]
    everything = client.get("/api/v1/tokens").json()
    assert everything["count"] == ApiToken.unscoped.filter(user=world.user("buyer_lead")).count() == 8


def test_invalid_token_filter_is_a_field_error(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    answer = client.get("/api/v1/tokens?status=lost")
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "status"
    page = client.get("/account/tokens/?status=lost")
    assert page.status_code == 200 and 'class="error" role="alert"' in page.content.decode()


@pytest.mark.parametrize(("url", "budget"), [("/account/tokens/?status=active", 10), ("/api/v1/tokens", 8)])
def test_query_count_is_flat(world: World, client_for: Any, url: str, budget: int) -> None:
    client = client_for("buyer_lead")
    assert_flat_queries(lambda: client.get(url), _tokens(world), budget=budget)
