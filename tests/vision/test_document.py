"""The vision document: revisions, objectives with stable codes, diff, and joint sign-off."""

from typing import Any

import pytest

from concord.core.errors import Conflict, Forbidden, InvalidState, ValidationFailed
from concord.vision import selectors
from concord.vision.models import RevisionStatus
from concord.vision.services import document
from tests.world import World


def _write(
    world: World, persona: str = "buyer_lead", base: int | None = 1, purpose: str = "Secure supply"
) -> int:
    """The world starts with revision 1, written by the buyer lead."""
    return document.vision_edit(
        actor=world.user(persona), partnership=world.partnership, base=base, sections={"purpose": purpose}
    ).number


def test_empty_vision_cannot_be_signed(world: World) -> None:
    from concord.partnerships.services import partnership_create

    fresh = partnership_create(actor=world.user("buyer_lead"), buyer=world.buyer, name="Fresh")
    with pytest.raises(ValidationFailed):
        document.vision_sign(actor=world.user("buyer_lead"), partnership=fresh, number=1)


def test_agreed_when_every_party_signs_the_same_revision(world: World) -> None:
    first = _write(world)
    document.vision_sign(actor=world.user("buyer_lead"), partnership=world.partnership, number=first)
    view = selectors.vision_view(actor=world.user("supplier_member"), partnership=world.partnership)
    assert view.status == RevisionStatus.AWAITING and view.waiting_for == ["Supplier Co"]
    document.vision_sign(actor=world.user("supplier_lead"), partnership=world.partnership, number=first)
    assert (
        selectors.vision_view(actor=world.user("buyer_viewer"), partnership=world.partnership).status
        == "agreed"
    )


def test_edit_after_signature_needs_new_signatures_and_stale_signing_is_409(world: World) -> None:
    first = _write(world)
    document.vision_sign(actor=world.user("buyer_lead"), partnership=world.partnership, number=first)
    document.vision_sign(actor=world.user("supplier_lead"), partnership=world.partnership, number=first)
    second = _write(world, "supplier_member", base=first, purpose="Secure supply and grow together")
    view = selectors.vision_view(actor=world.user("buyer_lead"), partnership=world.partnership)
    assert second == first + 1 and view.status == RevisionStatus.DRAFTING
    revisions = selectors.revision_list(actor=world.user("buyer_lead"), partnership=world.partnership)
    assert revisions[1].superseded  # the agreed text was replaced
    with pytest.raises(InvalidState):
        document.vision_sign(actor=world.user("buyer_lead"), partnership=world.partnership, number=first)


def test_stale_edit_is_a_conflict(world: World) -> None:
    first = _write(world)
    _write(world, base=first, purpose="Changed by the buyer")
    with pytest.raises(Conflict):
        _write(world, "supplier_lead", base=first, purpose="Based on the old text")


def test_only_admins_sign_and_viewers_cannot_edit(world: World) -> None:
    first = _write(world)
    with pytest.raises(Forbidden):
        document.vision_sign(actor=world.user("supplier_member"), partnership=world.partnership, number=first)
    with pytest.raises(Forbidden):
        _write(world, "buyer_viewer", base=first)


def test_objectives_keep_stable_codes_and_enter_the_revision(world: World) -> None:
    lead = world.user("buyer_lead")
    first = _write(world)
    cost = document.objective_add(actor=lead, partnership=world.partnership, base=first, title="Lower cost")
    supply = document.objective_add(
        actor=lead, partnership=world.partnership, base=first + 1, title="No stock-outs"
    )
    document.objective_update(
        actor=lead, objective=cost, base=first + 2, title="Lower total cost", retired=True
    )
    view = selectors.vision_view(actor=lead, partnership=world.partnership)
    assert (cost.code, supply.code) == ("O1", "O2")
    assert [o["code"] for o in view.current.objectives] == ["O2"]
    diff = dict(
        selectors.revision_diff(actor=lead, partnership=world.partnership, old=first, new=view.current.number)
    )
    assert "+O2 No stock-outs: " in diff["Objectives"]


def test_diff_between_revisions(world: World) -> None:
    first = _write(world, purpose="Line one\nLine two")
    second = _write(world, base=first, purpose="Line one\nLine 2")
    diff = dict(
        selectors.revision_diff(
            actor=world.user("supplier_member"), partnership=world.partnership, old=first, new=second
        )
    )
    assert "-Line two" in diff["Purpose"] and "+Line 2" in diff["Purpose"]
    assert "Guiding principles" not in diff  # unchanged sections are left out


def test_principles_are_seeded(world: World) -> None:
    first = _write(world)
    view = selectors.vision_view(actor=world.user("buyer_lead"), partnership=world.partnership)
    assert view.current.number == first and "Reciprocity" in view.current.sections["principles"]


def test_stale_page_edit_shows_conflict_page(world: World, client_for: Any) -> None:
    _write(world, base=1, purpose="Edited elsewhere first")
    response = client_for("supplier_lead").post(
        f"/partnerships/{world.partnership.pk}/vision/edit/", {"base": "1", "purpose": "My stale edit"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "My stale edit" in page and "Edited elsewhere first" in page


def test_markdown_export_has_text_and_signatures(world: World, client_for: Any) -> None:
    document.vision_sign(actor=world.user("buyer_lead"), partnership=world.partnership, number=1)
    text = client_for("supplier_member").get(f"/partnerships/{world.partnership.pk}/vision/export.md").content
    assert b"Secure supply together" in text and b"Buyer Co: Bea Buyer" in text
