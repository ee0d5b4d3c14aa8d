"""An organisation admin can require two-factor sign-in of the members: those without it set it
up before anything else — pages and the API's session alike; personal API tokens are not affected."""

from typing import Any

import pytest
from django.test import Client

from concord.organisations.models import Organisation
from tests.accounts.two_factor import CODE, SETUP, device_code, enrol, sign_in, signed_in
from tests.world import World


@pytest.fixture(autouse=True)
def _no_device_back_off(settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def _require(world: World, client_for: Any) -> None:
    """The buyer's admin turns the requirement on, on the organisation's edit page."""
    org = world.buyer
    answer = client_for("buyer_lead").post(
        f"/organisations/{org.pk}/edit/",
        {"name": org.name, "kind": org.kind, "version": org.version, "two_factor_required": "on"},
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert Organisation.unscoped.get(pk=org.pk).two_factor_required


def test_members_without_it_are_sent_to_set_it_up(world: World, client_for: Any) -> None:
    _require(world, client_for)
    viewer = client_for("buyer_viewer")  # already signed in when the admin turned it on
    for path in ("/", "/organisations/", f"/partnerships/{world.partnership.pk}/", "/account/tokens/"):
        answer = viewer.get(path)
        assert answer.status_code == 302 and answer["Location"].startswith(SETUP), path
    assert viewer.get("/").headers["Location"] == f"{SETUP}?next=%2F"
    # Writes are refused too, and nothing is written.
    note = viewer.post(f"/partnerships/{world.partnership.pk}/notes/", {"body": "x", "visibility": "shared"})
    assert note.status_code == 302 and note["Location"] == SETUP
    page = viewer.get(SETUP)
    assert page.status_code == 200 and "requires two-factor sign-in" in page.content.decode()
    assert viewer.post("/account/logout/").status_code == 302  # signing out stays possible


def test_after_setting_it_up_the_member_carries_on(world: World, client_for: Any) -> None:
    _require(world, client_for)
    viewer = client_for("buyer_viewer")
    enrol(viewer)
    assert viewer.get("/").status_code == 200
    # From now on, signing in asks for the code.
    user = world.user("buyer_viewer")
    client = sign_in(user.email)
    assert client.last.headers["Location"] == CODE  # type: ignore[attr-defined]
    assert client.post(CODE, {"code": device_code(user)}).status_code == 302
    assert client.get("/organisations/").status_code == 200


def test_a_member_signing_in_is_sent_to_set_it_up_right_away(world: World, client_for: Any) -> None:
    _require(world, client_for)
    client = sign_in(world.user("buyer_viewer").email)
    assert signed_in(client)
    landing = client.get(client.last["Location"])  # type: ignore[attr-defined]
    assert landing.status_code == 302 and landing["Location"].startswith(SETUP)


def test_the_api_session_respects_it_but_tokens_do_not(world: World, client_for: Any) -> None:
    _require(world, client_for)
    lead = client_for("buyer_lead")  # the admin has not set it up either
    answer = lead.get("/api/v1/me")
    assert answer.status_code == 401
    assert "requires two-factor sign-in" in answer.json()["detail"] and answer.json()["errors"] == []
    token = Client().get("/api/v1/me", headers={"authorization": f"Bearer {world.lead_secret}"})
    assert token.status_code == 200


def test_other_organisations_members_are_not_affected(world: World, client_for: Any) -> None:
    _require(world, client_for)
    for persona in ("supplier_lead", "supplier_member", "outsider"):
        assert client_for(persona).get("/").status_code == 200
        assert client_for(persona).get("/api/v1/me").status_code == 200


def test_it_cannot_be_turned_off_while_required(world: World, client_for: Any) -> None:
    _require(world, client_for)
    lead = client_for("buyer_lead")
    enrol(lead)
    page = lead.get(SETUP).content.decode()
    assert "Turn two-factor sign-in off" not in page and "so it stays on" in page
    user = world.user("buyer_lead")
    answer = lead.post("/account/two-factor/turn-off/", {"code": device_code(user)})
    assert answer.status_code == 403 and "requires two-factor sign-in" in answer.content.decode()


def test_the_api_sets_and_shows_the_requirement(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    url = f"/api/v1/organisations/{world.buyer.pk}"
    assert client.get(url).json()["two_factor_required"] is False
    answer = client.patch(
        url, {"version": world.buyer.version, "two_factor_required": True}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["two_factor_required"] is True
    # The admin's own session is now held to it as well.
    assert client.get(url).status_code == 401
    viewer = client_for("buyer_viewer").patch(
        url, {"version": 2, "two_factor_required": False}, content_type="application/json"
    )
    assert viewer.status_code == 401  # the viewer, too, must set it up before using the API
