"""An organisation's identifiers and an invitation's fields are checked once, by the model and
the page's form, whichever entry point writes them: the page, the API or a service call."""

from typing import Any

import pytest

from concord.access.roles import Role
from concord.core.errors import ValidationFailed
from concord.invitations import services as invitations
from concord.organisations.services import organisation_create, organisation_update
from tests.world import World


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("country", "D1", "Use a two-letter ISO country code, e.g. DE."),
        ("duns", "12345678x", "A DUNS number has exactly nine digits."),
        ("lei", "5493-0012345678901XX", "An LEI has exactly twenty letters and digits."),
    ],
)
def test_the_model_refuses_malformed_identifiers_for_every_caller(
    world: World, field: str, value: str, message: str
) -> None:
    lead = world.user("buyer_lead")
    with pytest.raises(ValidationFailed) as created:
        organisation_create(actor=lead, name="Format Co", kind="buyer", **{field: value})
    assert created.value.errors[field] == [message]
    with pytest.raises(ValidationFailed) as updated:
        organisation_update(
            actor=lead, organisation=world.buyer, version=world.buyer.version, **{field: value}
        )
    assert updated.value.errors[field] == [message]


def test_the_api_names_the_malformed_identifier(world: World, client_for: Any) -> None:
    response = client_for("buyer_lead").patch(
        f"/api/v1/organisations/{world.buyer.pk}",
        {"version": world.buyer.version, "duns": "12345678x", "lei": "not-an-lei-but-20-ch"},
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert fields == {
        "duns": "A DUNS number has exactly nine digits.",
        "lei": "An LEI has exactly twenty letters and digits.",
    }


def test_a_country_code_is_stored_in_capitals_from_page_and_api(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    response = client.patch(
        f"/api/v1/organisations/{world.buyer.pk}",
        {"version": world.buyer.version, "country": "de"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["country"] == "DE"
    assert response.json()["name"] == "Buyer Co"  # only what is sent changes
    page = client.post(
        f"/organisations/{world.buyer.pk}/edit/",
        {"version": response.json()["version"], "name": "Buyer Co", "kind": "buyer", "country": "fr"},
    )
    assert page.status_code == 302
    world.buyer.refresh_from_db()
    assert world.buyer.country == "FR"


def test_a_blank_name_is_refused_with_the_forms_message(world: World, client_for: Any) -> None:
    response = client_for("buyer_lead").patch(
        f"/api/v1/organisations/{world.buyer.pk}",
        {"version": world.buyer.version, "name": "  "},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "name", "message": "Give the organisation a name."}]


def test_a_partner_invitation_names_its_supplier_for_every_caller(world: World, client_for: Any) -> None:
    with pytest.raises(ValidationFailed) as caught:
        invitations.invite_partner(
            actor=world.user("buyer_lead"),
            partnership=world.partnership,
            email="kam@x.test",
            supplier_name=" ",
        )
    assert caught.value.errors["supplier_name"] == ["Name the supplier organisation."]
    response = client_for("buyer_lead").post(
        f"/api/v1/partnerships/{world.partnership.pk}/invitations",
        {"email": "kam@x.test", "supplier_name": ""},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "supplier_name", "message": "Name the supplier organisation."}
    ]


def test_an_invitation_needs_a_real_address_and_role(world: World, client_for: Any) -> None:
    with pytest.raises(ValidationFailed) as caught:
        invitations.invite_member(
            actor=world.user("buyer_lead"), organisation=world.buyer, email="not-an-address", role="owner"
        )
    assert caught.value.errors == {
        "email": ["Enter a valid email address."],
        "role": ["Choose admin, member or viewer."],
    }
    response = client_for("buyer_lead").post(
        f"/api/v1/organisations/{world.buyer.pk}/invitations",
        {"email": "not-an-address", "role": Role.MEMBER},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "email", "message": "Enter a valid email address."}]


def test_a_viewer_is_refused_before_the_body_is_read(world: World, client_for: Any) -> None:
    response = client_for("buyer_viewer").post(
        f"/api/v1/organisations/{world.buyer.pk}/invitations", {"email": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
