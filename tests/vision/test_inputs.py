"""The vision's inputs are checked once — by the models, and by the pages' forms that the API's
bodies are generated from — so a service call, a page and the API give the same answer."""

from typing import Any

import pytest

from concord.core.errors import ValidationFailed
from concord.partnerships.models import Partnership
from concord.partnerships.services import partnership_create
from concord.vision.models import Objective, VisionRevision
from concord.vision.services import comments, document
from tests.world import World


def _fresh(world: World) -> Partnership:
    """A partnership whose vision has no revision yet (the world's has one)."""
    return partnership_create(actor=world.user("buyer_lead"), buyer=world.buyer, name="Nothing written")


def _errors(response: Any) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json()["errors"]}


@pytest.mark.parametrize(
    ("url", "body"),
    [("vision", {"base": 0, "sections": {}}), ("vision/objectives", {"base": 0, "title": "0"})],
)
def test_a_base_revision_that_does_not_exist_is_a_conflict_not_a_crash(
    world: World, client_for: Any, url: str, body: dict[str, Any]
) -> None:
    fresh = _fresh(world)
    method = "put" if url == "vision" else "post"
    response = getattr(client_for("buyer_lead"), method)(
        f"/api/v1/partnerships/{fresh.pk}/{url}", body, content_type="application/json"
    )
    assert response.status_code == 409
    assert "has no revision 0" in response.json()["detail"]
    assert not VisionRevision.unscoped.filter(document__partnership=fresh).exists()
    assert not Objective.unscoped.filter(partnership=fresh).exists()  # the objective was not kept


def test_without_a_base_the_first_revision_is_written(world: World, client_for: Any) -> None:
    fresh = _fresh(world)
    response = client_for("buyer_lead").post(
        f"/api/v1/partnerships/{fresh.pk}/vision/objectives",
        {"title": "Grow"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["current"]["number"] == 1


def test_the_revision_refuses_unknown_and_oversize_sections_for_every_caller(
    world: World, client_for: Any
) -> None:
    lead = world.user("buyer_lead")
    with pytest.raises(ValidationFailed) as caught:
        document.vision_edit(
            actor=lead,
            partnership=world.partnership,
            base=1,
            sections={"vision": "x", "purpose": "y" * 20_001},
        )
    assert caught.value.errors == {
        "sections.vision": ["Not a section of the vision."],
        "sections.purpose": ["Keep a section under 20,000 characters."],
    }
    response = client_for("buyer_lead").put(
        f"/api/v1/partnerships/{world.partnership.pk}/vision",
        {"base": 1, "sections": {"vision": "Grow"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    # The API's schema names the four sections: another key is refused like any unknown field.
    assert _errors(response) == {
        "sections.vision": "Not a field this accepts: check its spelling (the schema lists them)."
    }


def test_an_objective_needs_a_title_for_every_caller(world: World, client_for: Any) -> None:
    with pytest.raises(ValidationFailed) as caught:
        document.objective_add(
            actor=world.user("buyer_lead"), partnership=world.partnership, base=1, title=""
        )
    assert caught.value.errors == {"title": ["Name the objective."]}
    response = client_for("buyer_lead").post(
        f"/api/v1/partnerships/{world.partnership.pk}/vision/objectives",
        {"base": 1, "title": "  "},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert _errors(response) == {"title": "Name the objective."}


def test_the_objective_page_says_what_is_wrong(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    response = client.post(
        f"/partnerships/{world.partnership.pk}/vision/objectives/", {"base": 1, "title": ""}, follow=True
    )
    assert "Name the objective." in response.content.decode()
    assert not Objective.unscoped.filter(partnership=world.partnership).exists()


def test_a_comment_is_on_a_section_of_the_vision_for_every_caller(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    with pytest.raises(ValidationFailed) as caught:
        comments.comment_add(actor=lead, partnership=world.partnership, section="nowhere", body="")
    assert caught.value.errors == {
        "section": ["Choose a section of the vision."],
        "body": ["Write the comment."],
    }
    response = client_for("buyer_lead").post(
        f"/api/v1/partnerships/{world.partnership.pk}/vision/comments",
        {"section": "nowhere", "body": " "},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert set(_errors(response)) == {"section", "body"}
    assert _errors(response)["body"] == "Write the comment."


def test_the_comment_body_is_the_page_form(world: World, client_for: Any) -> None:
    response = client_for("supplier_member").post(
        f"/api/v1/partnerships/{world.partnership.pk}/vision/comments",
        {"section": "objectives", "body": "  Add a quality objective  "},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["body"] == "Add a quality objective"
    assert response.json()["visibility"] == "shared"  # the form's initial value, as before


def test_a_base_beyond_the_current_revision_is_a_conflict(world: World, client_for: Any) -> None:
    response = client_for("buyer_lead").put(
        f"/api/v1/partnerships/{world.partnership.pk}/vision",
        {"base": 99, "sections": {"purpose": "Grow"}},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["current"]["number"] == 1  # the revision there is, to compare with


def test_the_edit_page_refuses_a_base_that_does_not_exist(world: World, client_for: Any) -> None:
    fresh = _fresh(world)
    response = client_for("buyer_lead").post(
        f"/partnerships/{fresh.pk}/vision/edit/", {"base": 3, "purpose": "Grow"}
    )
    assert response.status_code == 409
    assert "has no revision 3" in response.content.decode()
