"""The relationship-type rule on every path that changes the type: the partnership's edit page and
`PATCH /api/v1/partnerships/{id}` apply the same check as the Lifecycle tab (a type other than the
buying side's Kraljic suggestion keeps its rationale), and the supplier side cannot change the type
— refused the same way whatever the buyer's segmentation says, so the refusal tells it nothing."""

from typing import Any

import pytest

from concord.core.errors import ValidationFailed
from concord.lifecycle.services import segmentation
from concord.partnerships import relationship, services
from concord.partnerships.forms import PartnershipEditForm
from concord.partnerships.models import Partnership
from tests.world import World


def _stored(world: World) -> Partnership:
    return Partnership.unscoped.get(pk=world.partnership.pk)


def _form_data(partnership: Partnership, **changes: Any) -> dict[str, Any]:
    """What the edit page posts: every field as it is now, with `changes`."""
    form = PartnershipEditForm(instance=partnership, initial={"version": partnership.version})
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(changes)
    return data


def test_the_rule_is_pure_and_needs_a_suggestion_to_differ_from() -> None:
    assert relationship.rationale_problem("strategic", "strategic", "") is None
    assert relationship.rationale_problem(None, "hybrid", "") is None  # never segmented
    assert relationship.rationale_problem("strategic", "tactical", "Second source in Q2") is None
    problem = relationship.rationale_problem("hybrid", "transactional", "  ")
    assert problem is not None and "suggests a hybrid relationship" in problem


def test_the_suggestion_comes_from_the_buyers_latest_segmentation(world: World) -> None:
    assert world.segmentation.quadrant == "strategic"
    assert relationship.suggested_type(world.partnership.pk, world.buyer.pk) == "strategic"
    # Only the buying organisation's own segmentation counts.
    assert relationship.suggested_type(world.partnership.pk, world.supplier.pk) is None


def test_the_edit_page_refuses_a_differing_type_without_a_rationale(world: World, client_for: Any) -> None:
    p = _stored(world)
    url = f"/partnerships/{p.pk}/edit/"
    client = client_for("buyer_lead")
    page = client.post(url, _form_data(p, relationship_type="tactical", relationship_rationale=""))
    assert page.status_code == 200
    form = page.context["form"]
    assert "suggests a strategic relationship" in form.errors["relationship_rationale"][0]
    assert _stored(world).relationship_type == p.relationship_type  # nothing written
    done = client.post(
        url,
        _form_data(p, relationship_type="tactical", relationship_rationale="Second source in Q2."),
    )
    assert done.status_code == 302
    assert _stored(world).relationship_type == "tactical"


def test_the_api_refuses_it_with_the_field(world: World, client_for: Any) -> None:
    p = _stored(world)
    client = client_for("buyer_lead")
    url = f"/api/v1/partnerships/{p.pk}"
    body = {"version": p.version, "relationship_type": "hybrid", "relationship_rationale": ""}
    refused = client.patch(url, body, content_type="application/json")
    assert refused.status_code == 422
    errors = refused.json()["errors"]
    assert [e["field"] for e in errors] == ["relationship_rationale"]
    assert "suggests a strategic relationship" in errors[0]["message"]
    # Emptying the rationale of a differing type is the same change, refused the same way.
    body = {"version": p.version, "relationship_type": "hybrid", "relationship_rationale": "Dual sourcing."}
    assert client.patch(url, body, content_type="application/json").status_code == 200
    later = _stored(world)
    body = {"version": later.version, "relationship_rationale": ""}
    assert client.patch(url, body, content_type="application/json").status_code == 422
    # The suggested type needs no rationale.
    body = {"version": later.version, "relationship_type": "strategic", "relationship_rationale": ""}
    assert client.patch(url, body, content_type="application/json").status_code == 200
    assert _stored(world).relationship_type == "strategic"


def test_other_fields_still_save_when_the_stored_type_already_differs(world: World) -> None:
    """A type set before the segmentation is not re-judged by an edit that leaves it alone."""
    Partnership.unscoped.filter(pk=world.partnership.pk).update(
        relationship_type="transactional", relationship_rationale=""
    )
    p = _stored(world)
    saved = services.partnership_update(
        actor=world.user("buyer_lead"),
        partnership=p,
        version=p.version,
        name="Bags (renamed)",
        relationship_type="transactional",
        relationship_rationale="",
    )
    assert saved.name == "Bags (renamed)"


def test_the_supplier_cannot_change_the_type_and_learns_nothing_of_the_segmentation(
    world: World, client_for: Any
) -> None:
    p = _stored(world)
    client = client_for("supplier_lead")
    url = f"/api/v1/partnerships/{p.pk}"
    answers = []
    # The same type the buyer's segmentation suggests, and one it does not: the same refusal.
    for kind in ("strategic", "tactical"):
        if kind == p.relationship_type:
            kind = "hybrid"
        body = {"version": p.version, "relationship_type": kind, "relationship_rationale": "Ours."}
        refused = client.patch(url, body, content_type="application/json")
        assert refused.status_code == 422
        answers.append(refused.json())
    assert answers[0] == answers[1]
    assert answers[0]["errors"] == [{"field": "relationship_type", "message": relationship.BUYER_SETS}]
    assert "Kraljic" not in str(answers[0])
    body = {"version": p.version, "relationship_rationale": "Our view."}
    refused = client.patch(url, body, content_type="application/json")
    assert refused.json()["errors"][0]["field"] == "relationship_rationale"
    # Everything else stays theirs to edit.
    body = {"version": p.version, "category": "Film and bags"}
    assert client.patch(url, body, content_type="application/json").status_code == 200
    assert _stored(world).relationship_type == p.relationship_type


def test_the_suppliers_edit_page_shows_the_type_but_does_not_take_a_change(
    world: World, client_for: Any
) -> None:
    p = _stored(world)
    url = f"/partnerships/{p.pk}/edit/"
    client = client_for("supplier_lead")
    form = client.get(url).context["form"]
    assert form.fields["relationship_type"].disabled and form.fields["relationship_rationale"].disabled
    other = "tactical" if p.relationship_type != "tactical" else "hybrid"
    done = client.post(url, _form_data(p, relationship_type=other, category="Film and bags"))
    assert done.status_code == 302
    stored = _stored(world)
    assert stored.category == "Film and bags" and stored.relationship_type == p.relationship_type
    buyer_form = client_for("buyer_lead").get(url).context["form"]
    assert not buyer_form.fields["relationship_type"].disabled


def test_the_lifecycle_path_applies_the_same_rule(world: World, client_for: Any) -> None:
    p = _stored(world)
    with pytest.raises(ValidationFailed) as refused:
        segmentation.relationship_set(
            actor=world.user("buyer_lead"),
            partnership=p,
            version=p.version,
            relationship_type="transactional",
            relationship_rationale="",
        )
    assert "relationship_rationale" in refused.value.errors
    body = {"version": p.version, "relationship_type": "transactional", "relationship_rationale": ""}
    answer = client_for("buyer_lead").put(
        f"/api/v1/partnerships/{p.pk}/relationship", body, content_type="application/json"
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "relationship_rationale"
