"""A token's name is checked once, by the model: every entry point gives the same messages."""

from typing import Any

import pytest

from concord.accounts.services import token_create, user_register
from concord.core.errors import ValidationFailed
from tests.world import World


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Give the token a name"), ("a\x00b", "not allowed"), ("x" * 101, "under 100")],
)
def test_the_model_refuses_a_bad_token_name_for_every_caller(world: World, name: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        token_create(actor=world.user("buyer_lead"), name=name)
    assert message in " ".join(caught.value.errors["name"])


def test_the_api_names_the_field_of_a_bad_token_name(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    response = client.post("/api/v1/tokens", {"name": "   "}, content_type="application/json")
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"name"}
    assert "Give the token a name" in response.json()["errors"][0]["message"]


def test_the_api_body_is_the_page_form(world: World, client_for: Any) -> None:
    response = client_for("buyer_lead").post(
        "/api/v1/tokens", {"name": "  build server  "}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["name"] == "build server"  # the form trims, on the page and in the API


def test_registering_reports_every_problem_at_once(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        user_register(email="lead@buyer.test", full_name="  ", password="short")
    errors = caught.value.errors
    assert errors["email"] == ["An account with this email already exists; sign in instead."]
    assert errors["full_name"] == ["Enter your name."]
    assert errors["password"]
