"""The API's rate limit: per token and per person using the session, and per address for calls
that fail to authenticate; 429 with Retry-After."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from concord.access.roles import TokenScope
from concord.accounts.services import token_create
from concord.config.env import env_rate
from concord.core import ratelimit
from tests.sweeps.test_api import openapi
from tests.world import World


@pytest.fixture
def three_an_hour(settings: Any) -> Iterator[None]:
    """Low enough to reach in a test; an hour's window, so a test does not straddle two windows."""
    settings.CONCORD_API_RATE = "3/hour"
    settings.CONCORD_API_ANON_RATE = "3/hour"
    cache.clear()  # earlier tests' calls in this minute do not count here
    yield
    cache.clear()


def _bearer(world: World, persona: str = "buyer_lead") -> Client:
    _, secret = token_create(actor=world.user(persona), name="script", scope=TokenScope.READ_WRITE)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_token_over_the_limit_gets_429_with_retry_after(world: World, three_an_hour: None) -> None:
    client = _bearer(world)
    assert [client.get("/api/v1/me").status_code for _ in range(3)] == [200, 200, 200]
    over = client.get("/api/v1/me")
    assert over.status_code == 429
    assert 1 <= int(over["Retry-After"]) <= 3600
    assert over.json()["errors"] == [] and "rate limit" in over.json()["detail"]
    assert f"{over['Retry-After']} seconds" in over.json()["detail"]
    # Writes count too, and are refused before they run.
    note = client.post(
        f"/api/v1/partnerships/{world.partnership.pk}/notes", {"body": "x"}, content_type="application/json"
    )
    assert note.status_code == 429


def test_each_token_and_the_session_have_their_own_allowance(
    world: World, client_for: Any, three_an_hour: None
) -> None:
    first, second, session = _bearer(world), _bearer(world), client_for("buyer_lead")
    for _ in range(3):
        first.get("/api/v1/me")
    assert first.get("/api/v1/me").status_code == 429
    assert second.get("/api/v1/me").status_code == 200
    assert [session.get("/api/v1/me").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert client_for("supplier_lead").get("/api/v1/me").status_code == 200  # another person


def test_failed_calls_are_limited_per_address(world: World, three_an_hour: None) -> None:
    """Anonymous calls and unknown tokens count against the address; once it is spent, even a
    good token from there is not looked at until the window ends — no guessing of tokens."""
    anonymous, guesser = Client(REMOTE_ADDR="198.51.100.7"), Client(REMOTE_ADDR="198.51.100.7")
    assert anonymous.get("/api/v1/me").status_code == 401
    bad = {"HTTP_AUTHORIZATION": "Bearer cnc_not-a-token"}
    assert [guesser.get("/api/v1/me", **bad).status_code for _ in range(2)] == [401, 401]
    over = guesser.get("/api/v1/me", **bad)
    assert over.status_code == 429 and 1 <= int(over["Retry-After"]) <= 3600
    assert over.json()["errors"] == [] and "rate limit" in over.json()["detail"]
    _, secret = token_create(actor=world.user("buyer_lead"), name="good", scope=TokenScope.READ)
    good = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert guesser.get("/api/v1/me", **good).status_code == 429
    assert Client(REMOTE_ADDR="198.51.100.8").get("/api/v1/me", **good).status_code == 200  # elsewhere
    assert anonymous.get("/api/v1/me").status_code == 429


def test_signed_in_calls_do_not_spend_the_address(world: World, client_for: Any, three_an_hour: None) -> None:
    """The address allowance is for failures only: a person's own calls have their own limit."""
    session = client_for("buyer_lead")
    assert [session.get("/api/v1/me").status_code for _ in range(3)] == [200, 200, 200]
    assert Client().get("/api/v1/me").status_code == 401  # same address, first failure


def test_behind_a_proxy_the_address_is_the_one_the_proxy_added(
    world: World, settings: Any, three_an_hour: None
) -> None:
    settings.CONCORD_BEHIND_PROXY = True
    one = {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 192.0.2.1"}
    assert [Client(**one).get("/api/v1/me").status_code for _ in range(4)] == [401, 401, 401, 429]
    # The client-written part of the header changes nothing; another proxied client is not limited.
    assert Client(HTTP_X_FORWARDED_FOR="7.7.7.7, 192.0.2.1").get("/api/v1/me").status_code == 429
    assert Client(HTTP_X_FORWARDED_FOR="192.0.2.2").get("/api/v1/me").status_code == 401


def test_no_limit_when_it_is_off(world: World, settings: Any) -> None:
    settings.CONCORD_API_RATE = settings.CONCORD_API_ANON_RATE = ""
    client = _bearer(world)
    assert {client.get("/api/v1/me").status_code for _ in range(20)} == {200}
    assert {Client().get("/api/v1/me").status_code for _ in range(20)} == {401}


def test_pages_are_not_limited(world: World, client_for: Any, three_an_hour: None) -> None:
    client = client_for("buyer_lead")
    assert {client.get("/account/tokens/").status_code for _ in range(5)} == {200}


def test_the_window_starts_again() -> None:
    cache.clear()
    assert [ratelimit.hit("t", "2/min", now=600.0) for _ in range(2)] == [None, None]
    assert ratelimit.hit("t", "2/min", now=630.0) == 30.0  # seconds until the minute is over
    assert ratelimit.hit("t", "2/min", now=660.0) is None
    assert ratelimit.hit("other", "2/min", now=630.0) is None


def test_every_operation_declares_429() -> None:
    for path, operations in openapi()["paths"].items():
        for method, operation in operations.items():
            assert 429 in operation["responses"], f"{method.upper()} {path}"


@pytest.mark.parametrize("value", ["300", "300/fortnight", "x/min", "0/min", "-1/min"])
def test_a_bad_rate_setting_is_refused(monkeypatch: Any, value: str) -> None:
    monkeypatch.setenv("CONCORD_API_RATE", value)
    with pytest.raises(ImproperlyConfigured):
        env_rate("CONCORD_API_RATE", "300/min")


@pytest.mark.parametrize(("value", "read"), [("20/s", "20/s"), ("5000 / hour", "5000/hour"), ("off", "")])
def test_a_rate_setting_is_read(monkeypatch: Any, value: str, read: str) -> None:
    monkeypatch.setenv("CONCORD_API_RATE", value)
    assert env_rate("CONCORD_API_RATE", "300/min") == read
