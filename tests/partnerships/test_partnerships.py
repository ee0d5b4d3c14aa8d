"""Partnership set-up: opening, managers per side, the portfolio filters."""

from typing import Any

import pytest

from concord.access.policy import can
from concord.access.roles import Action
from concord.core.errors import Forbidden, ValidationFailed
from concord.partnerships import services
from concord.partnerships.models import Note
from tests.world import World


def test_buyer_admin_names_a_member_manager_who_may_then_edit(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    supplier_party = world.partnership.parties.get(side="supplier")
    member = world.user("supplier_member")
    assert not can(member, Action.CHANGE, world.partnership)
    client = client_for("supplier_lead")
    response = client.post(
        f"/partnerships/{world.partnership.pk}/parties/{supplier_party.pk}/manager/", {"manager": member.pk}
    )
    assert response.status_code == 302
    supplier_party.refresh_from_db()
    assert supplier_party.manager == member
    assert can(member, Action.CHANGE, world.partnership)
    with pytest.raises(Forbidden):
        services.party_set_manager(actor=lead, party=supplier_party, manager=lead)


def test_viewer_cannot_be_manager(world: World) -> None:
    buyer_party = world.partnership.parties.get(side="buyer")
    with pytest.raises(ValidationFailed):
        services.party_set_manager(
            actor=world.user("buyer_lead"), party=buyer_party, manager=world.user("buyer_viewer")
        )


def test_manager_from_another_org_is_refused(world: World) -> None:
    buyer_party = world.partnership.parties.get(side="buyer")
    with pytest.raises(ValidationFailed):
        services.party_set_manager(
            actor=world.user("buyer_lead"), party=buyer_party, manager=world.user("supplier_lead")
        )


def test_portfolio_filters(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    services.partnership_create(actor=lead, buyer=world.buyer, name="Filters", relationship_type="tactical")
    client = client_for("buyer_lead")
    names = [
        p["name"] for p in client.get("/api/v1/partnerships?relationship_type=tactical").json()["results"]
    ]
    assert names == ["Filters"]
    assert [p["name"] for p in client.get("/api/v1/partnerships?q=bag").json()["results"]] == ["Bags"]
    page = client.get("/?relationship_type=tactical").content.decode()
    assert "Filters" in page and ">Bags<" not in page


def test_create_form_shows_field_errors_and_keeps_input(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    response = client.post(
        "/partnerships/new/",
        {"buyer": world.buyer.pk, "name": "", "category": "Kept", "relationship_type": "x"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required" in html and 'value="Kept"' in html


def test_supplier_cannot_open_partnership_for_someone_elses_buyer(world: World, client_for: Any) -> None:
    response = client_for("supplier_lead").post(
        "/api/v1/partnerships",
        data={"buyer_id": world.buyer.pk, "name": "Sneaky"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_a_note_of_spaces_alone_is_refused_however_it_is_written(world: World) -> None:
    """Forms strip whitespace; the model holds the rule for every other way a note is written."""
    import pytest

    from concord.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as caught:
        services.note_create(actor=world.user("buyer_lead"), partnership=world.partnership, body="  \n\t ")
    assert caught.value.errors["body"] == ["This field cannot be blank."]


@pytest.mark.parametrize(
    ("sent", "status", "kept"), [("1", 302, False), ("7", 409, True), ("", 302, True), ("1\x00", 302, True)]
)
def test_a_note_is_deleted_only_at_the_version_its_deleter_saw(
    world: World, client_for: Any, sent: str, status: int, kept: bool
) -> None:
    """A stale version is a conflict; a missing or garbled one is refused, never read as 'now'."""
    note = world.buyer_internal
    response = client_for("buyer_lead").post(f"/notes/{note.pk}/delete/", {"version": sent})
    assert response.status_code == status
    assert Note.unscoped.filter(pk=note.pk).exists() is kept
