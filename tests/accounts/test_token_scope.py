"""API tokens have a scope — read-only, or read and write — and may expire."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from concord.access.roles import TokenScope
from concord.accounts.models import ApiToken
from concord.accounts.services import token_create
from concord.partnerships.models import Note
from tests.world import World


def _bearer(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _token(world: World, **kwargs: Any) -> tuple[ApiToken, Client]:
    token, secret = token_create(actor=world.user("buyer_lead"), name="script", **kwargs)
    return token, _bearer(secret)


def test_a_new_token_is_read_only_unless_asked(world: World) -> None:
    token, _ = _token(world)
    assert token.scope == TokenScope.READ and token.expires_on is None


def test_a_read_token_reads(world: World) -> None:
    _, client = _token(world, scope=TokenScope.READ)
    assert client.get("/api/v1/me").status_code == 200
    assert client.get(f"/api/v1/notes/{world.buyer_internal.pk}").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/v1/partnerships/{p}/notes", {"body": "from a read token", "visibility": "shared"}),
        ("patch", "/api/v1/notes/{n}", {"version": 1, "body": "from a read token"}),
        ("delete", "/api/v1/notes/{n}?version=1", None),
        # Not even a new token: a read-only token cannot mint itself a read-write one.
        ("post", "/api/v1/tokens", {"name": "escalate", "scope": "read_write"}),
    ],
)
def test_a_read_token_may_not_write(world: World, method: str, path: str, body: Any) -> None:
    _, client = _token(world, scope=TokenScope.READ)
    notes, tokens = Note.unscoped.count(), ApiToken.unscoped.count()
    url = path.format(p=world.partnership.pk, n=world.buyer_internal.pk)
    answer = getattr(client, method)(url, body, content_type="application/json")
    assert answer.status_code == 403
    assert "read-only" in answer.json()["detail"] and answer.json()["errors"] == []
    assert Note.unscoped.count() == notes and ApiToken.unscoped.count() == tokens
    world.buyer_internal.refresh_from_db()
    assert world.buyer_internal.body == "Walk-away price 4 %"


def test_a_read_write_token_writes(world: World) -> None:
    _, client = _token(world, scope=TokenScope.READ_WRITE)
    answer = client.post(
        f"/api/v1/partnerships/{world.partnership.pk}/notes",
        {"body": "from a read-write token", "visibility": "shared"},
        content_type="application/json",
    )
    assert answer.status_code == 201


def test_an_expired_token_is_an_unknown_token(world: World) -> None:
    token, client = _token(world, scope=TokenScope.READ_WRITE)
    unknown = _bearer("cnc_no-such-token").get("/api/v1/me")
    ApiToken.unscoped.filter(pk=token.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    expired = client.get("/api/v1/me")
    assert expired.status_code == unknown.status_code == 401
    assert expired.json() == unknown.json()
    token.refresh_from_db()
    assert token.status == "expired" and not token.is_active


def test_a_token_works_through_its_expiry_day(world: World) -> None:
    token, client = _token(world, expires_on=timezone.localdate())
    assert client.get("/api/v1/me").status_code == 200 and token.status == "active"


def test_the_api_creates_a_token_with_scope_and_expiry(world: World, client_for: Any) -> None:
    expiry = timezone.localdate() + datetime.timedelta(days=30)
    answer = client_for("buyer_lead").post(
        "/api/v1/tokens",
        {"name": "deploy", "scope": "read_write", "expires_on": expiry.isoformat()},
        content_type="application/json",
    )
    assert answer.status_code == 201
    body = answer.json()
    assert body["scope"] == "read_write" and body["expires_on"] == expiry.isoformat()
    assert body["status"] == "active" and body["secret"].startswith("cnc_")
    assert _bearer(body["secret"]).delete(f"/api/v1/tokens/{body['id']}").status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "scope": "admin"}, "scope"),
        ({"name": "x", "expires_on": "2020-01-01"}, "expires_on"),
        ({"name": "x", "expires_on": "tomorrow"}, "expires_on"),
    ],
)
def test_the_api_names_a_bad_scope_or_expiry(world: World, client_for: Any, body: Any, field: str) -> None:
    answer = client_for("buyer_lead").post("/api/v1/tokens", body, content_type="application/json")
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == [field]


def test_the_page_creates_a_token_with_scope_and_expiry(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    page = client.get("/account/tokens/").content.decode()
    assert 'type="radio" name="scope" value="read"' in page and 'type="date" name="expires_on"' in page
    expiry = timezone.localdate() + datetime.timedelta(days=7)
    answer = client.post(
        "/account/tokens/", {"name": "ci", "scope": "read", "expires_on": expiry.isoformat()}
    )
    assert answer.status_code == 200 and 'id="new-secret"' in answer.content.decode()
    token = ApiToken.unscoped.get(name="ci")
    assert token.scope == "read" and token.expires_on == expiry
    past = client.post("/account/tokens/", {"name": "old", "scope": "read", "expires_on": "2020-01-01"})
    assert past.status_code == 422 and "Choose today or a later day" in past.content.decode()


def test_expired_tokens_are_listed_as_expired(world: World, client_for: Any) -> None:
    token, _ = _token(world)
    ApiToken.unscoped.filter(pk=token.pk).update(expires_on=datetime.date(2020, 1, 1))
    client = client_for("buyer_lead")
    names = [t["name"] for t in client.get("/api/v1/tokens?status=expired").json()["results"]]
    assert names == ["script"]
    active = [t["name"] for t in client.get("/api/v1/tokens?status=active").json()["results"]]
    assert "script" not in active and "laptop" in active
