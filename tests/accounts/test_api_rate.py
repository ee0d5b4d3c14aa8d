"""The API's rate limit: per token and per person using the session, 429 with Retry-After."""

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
def three_a_minute(settings: Any) -> Iterator[None]:
    settings.CONCORD_API_RATE = "3/min"
    cache.clear()  # earlier tests' calls in this minute do not count here
    yield
    cache.clear()


def _bearer(world: World, persona: str = "buyer_lead") -> Client:
    _, secret = token_create(actor=world.user(persona), name="script", scope=TokenScope.READ_WRITE)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_token_over_the_limit_gets_429_with_retry_after(world: World, three_a_minute: None) -> None:
    client = _bearer(world)
    assert [client.get("/api/v1/me").status_code for _ in range(3)] == [200, 200, 200]
    over = client.get("/api/v1/me")
    assert over.status_code == 429
    assert 1 <= int(over["Retry-After"]) <= 60
    assert over.json()["errors"] == [] and "rate limit" in over.json()["detail"]
    assert f"{over['Retry-After']} seconds" in over.json()["detail"]
    # Writes count too, and are refused before they run.
    note = client.post(
        f"/api/v1/partnerships/{world.partnership.pk}/notes", {"body": "x"}, content_type="application/json"
    )
    assert note.status_code == 429


def test_each_token_and_the_session_have_their_own_allowance(
    world: World, client_for: Any, three_a_minute: None
) -> None:
    first, second, session = _bearer(world), _bearer(world), client_for("buyer_lead")
    for _ in range(3):
        first.get("/api/v1/me")
    assert first.get("/api/v1/me").status_code == 429
    assert second.get("/api/v1/me").status_code == 200
    assert [session.get("/api/v1/me").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert client_for("supplier_lead").get("/api/v1/me").status_code == 200  # another person


def test_no_limit_when_it_is_off(world: World, settings: Any) -> None:
    settings.CONCORD_API_RATE = ""
    client = _bearer(world)
    assert {client.get("/api/v1/me").status_code for _ in range(20)} == {200}


def test_pages_are_not_limited(world: World, client_for: Any, three_a_minute: None) -> None:
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
