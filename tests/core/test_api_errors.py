"""Bad input gets a 4xx with field messages in the one error body, never a 500."""

from typing import Any

import pytest
from django.test import Client

from tests.world import World


def _api(world: World) -> Client:
    client = Client()
    client.force_login(world.user("buyer_lead"))
    return client


def _fields(response: Any) -> dict[str, str]:
    body = response.json()
    assert set(body) >= {"detail", "errors"}
    return {e["field"]: e["message"] for e in body["errors"]}


def test_malformed_json_is_a_client_error(world: World) -> None:
    response = _api(world).post(
        f"/api/v1/partnerships/{world.partnership.pk}/notes",
        data="{not json",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "__all__", "message": "The request body is not valid JSON (or contains NUL characters)."}
    ]
    schema = Client().get("/api/v1/openapi.json").json()
    assert "400" in schema["paths"]["/api/v1/partnerships/{partnership_id}/notes"]["post"]["responses"]


def test_wrong_types_name_the_field(world: World) -> None:
    response = _api(world).patch(
        f"/api/v1/partnerships/{world.partnership.pk}",
        data={"version": "one", "start_date": "yesterday"},
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = _fields(response)
    assert "version" in fields and "start_date" in fields


def test_oversize_string_is_rejected(world: World) -> None:
    response = _api(world).post(
        f"/api/v1/partnerships/{world.partnership.pk}/notes",
        data={"body": "x" * 20001},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "body" in _fields(response)


def test_unknown_choice_is_rejected(world: World) -> None:
    response = _api(world).post(
        f"/api/v1/partnerships/{world.partnership.pk}/notes",
        data={"body": "hi", "visibility": "public"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "visibility" in _fields(response)


@pytest.mark.parametrize("note_id", ["0", "999999", "99999999999999999999999", "abc", "-1"])
def test_unknown_or_absurd_ids_are_4xx(world: World, note_id: str) -> None:
    response = _api(world).get(f"/api/v1/notes/{note_id}")
    assert response.status_code in (404, 422)
    assert "detail" in response.json()


@pytest.mark.parametrize("url", ["/partnerships/99999999999999999999999/", "/notes/0/edit/"])
def test_absurd_page_ids_are_404(world: World, url: str) -> None:
    assert _api(world).get(url).status_code == 404


def test_blank_body_after_trimming_is_a_field_error(world: World) -> None:
    response = _api(world).post(
        f"/api/v1/partnerships/{world.partnership.pk}/notes",
        data={"body": "   "},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert _fields(response)["body"] == "Write something in the note."


def test_paging_limits_are_enforced(world: World) -> None:
    response = _api(world).get("/api/v1/partnerships?limit=100000")
    assert response.status_code == 422
    assert "limit" in _fields(response)


def test_unauthenticated_gets_401_body() -> None:
    response = Client().get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["errors"] == []


def test_revoked_or_wrong_token_is_401(world: World) -> None:
    from concord.accounts.services import token_revoke

    token_revoke(actor=world.user("buyer_lead"), token=world.lead_token)
    for secret in (world.lead_secret, "cnc_nonsense", "plainly-wrong"):
        response = Client().get("/api/v1/me", headers={"authorization": f"Bearer {secret}"})
        assert response.status_code == 401


def test_session_writes_need_csrf(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("buyer_lead"))
    response = client.post(
        f"/api/v1/partnerships/{world.partnership.pk}/notes",
        data={"body": "no csrf"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    from concord.partnerships.models import Note

    assert not Note.unscoped.filter(body="no csrf").exists()


def test_token_writes_need_no_csrf_and_stamp_last_use(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/api/v1/partnerships/{world.partnership.pk}/notes",
        data={"body": "via token"},
        content_type="application/json",
        headers={"authorization": f"Bearer {world.lead_secret}"},
    )
    assert response.status_code == 201
    world.lead_token.refresh_from_db()
    assert world.lead_token.last_used_at is not None


def test_openapi_schema_and_docs_are_served_without_cdn(world: World) -> None:
    client = Client()
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in docs.lower() and "/static/ninja/" in docs


def test_token_page_rejects_bad_names_with_field_message(world: World) -> None:
    client = _api(world)
    for name, message in (("", "Give the token a name"), ("a\x00b", "not allowed"), ("x" * 101, "under 100")):
        response = client.post("/account/tokens/", {"name": name})
        assert response.status_code == 422
        assert message in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/api/v1/agreements/{a}/clauses/import", "/api/v1/partnerships/{p}/measurements/import"]
)
def test_an_upload_without_its_boundary_is_a_400_with_the_error_body(world: World, path: str) -> None:
    """Found by fuzzing: multipart/form-data without a boundary was a server error."""
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world.lead_secret}")
    url = path.format(a=world.agreement.pk, p=world.partnership.pk)
    response = client.post(url, data=b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
    assert "boundary" in response.json()["detail"] and response.json()["errors"]


def test_last_use_is_stamped_to_the_minute_not_on_every_call(world: World) -> None:
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from concord.accounts.models import ApiToken
    from concord.accounts.services.tokens import token_authenticate

    first = token_authenticate(world.lead_secret)
    assert first is not None and first.last_used_at is not None
    with CaptureQueriesContext(connection) as ctx:
        assert token_authenticate(world.lead_secret) is not None
    assert not any(q["sql"].startswith("UPDATE") for q in ctx.captured_queries)  # a read stays a read
    earlier = first.last_used_at - datetime.timedelta(minutes=2)
    ApiToken.unscoped.filter(pk=first.pk).update(last_used_at=earlier)
    assert token_authenticate(world.lead_secret).last_used_at > earlier  # type: ignore[union-attr]
    assert ApiToken.unscoped.get(pk=first.pk).last_used_at > earlier
