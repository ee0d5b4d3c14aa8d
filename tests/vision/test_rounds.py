"""Blind submission rounds: nobody sees another party's answers until every party has submitted
and the round is revealed; then both sides read the same alignment report."""

from typing import Any

import pytest

from concord.core.errors import InvalidState, NotFound, ValidationFailed
from concord.vision import selectors, services
from concord.vision.models import RoundStatus
from tests.world import BUYER_ANSWERS, World

SUPPLIER_ANSWERS = {
    "outcomes": [{"outcome": "Grow with Helix into filtration", "measure": "Second category by 2028"}],
    "priorities": {"Cost": 10, "Growth / market access": 50, "Quality": 20, "Innovation": 20},
    "prediction": {"Cost": 60, "Quality": 40},
    "ways": {"cadence": "monthly", "reporting": "monthly"},
}


def _submit(world: World, persona: str, answers: dict[str, Any]) -> Any:
    actor = world.user(persona)
    mine = selectors.submission_mine(actor=actor, round_=world.round)
    if mine is None:
        mine = services.submission_save(actor=actor, round_=world.round, **answers)
    return services.submission_submit(actor=actor, submission=mine, version=mine.version)


def test_answers_are_blind_until_revealed(world: World, client_for: Any) -> None:
    _submit(world, "buyer_lead", BUYER_ANSWERS)
    supplier = client_for("supplier_lead")
    listed = supplier.get(f"/api/v1/vision/rounds/{world.round.pk}/submissions").json()
    assert listed["results"] == [] and listed["count"] == 0
    status = supplier.get(f"/api/v1/vision/rounds/{world.round.pk}").json()["parties"]
    assert {p["organisation"]: p["submitted"] for p in status} == {"Buyer Co": True, "Supplier Co": False}
    assert (
        "Secure supply of 2,000 L bags"
        not in supplier.get(f"/partnerships/{world.partnership.pk}/vision/").content.decode()
    )
    with pytest.raises(NotFound):
        from concord.access.policy import require
        from concord.access.roles import Action

        require(world.user("supplier_lead"), Action.VIEW, world.buyer_submission)


def test_reveal_needs_every_party_then_opens_the_report(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    _submit(world, "buyer_lead", BUYER_ANSWERS)
    with pytest.raises(InvalidState, match="Waiting for Supplier Co"):
        services.round_reveal(actor=lead, round_=world.round)
    _submit(world, "supplier_lead", SUPPLIER_ANSWERS)
    services.round_reveal(actor=lead, round_=world.round)
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.REVEALED
    report = client_for("supplier_member").get(f"/api/v1/vision/rounds/{world.round.pk}/report").json()[0]
    # |40-10| + |10-0| + |30-20| + |20-0| + |0-50| + |0-20| = 140 -> 30
    assert report["alignment"] == 30.0
    assert "Buyer Co puts 40 points on cost, Supplier Co 10." in report["misalignments"]
    assert report["ways"] == ["Buyer Co expects weekly updates; Supplier Co expects monthly updates."]
    assert report["perception"]["a_about_b"]["headline"] == (
        "Buyer Co correctly believed Supplier Co cares most about growth / market access."
    )
    both = client_for("supplier_member").get(f"/api/v1/vision/rounds/{world.round.pk}/submissions").json()
    assert [s["organisation"] for s in both["results"]] == ["Buyer Co", "Supplier Co"]


def test_revision_allowed_until_reveal_then_frozen(world: World) -> None:
    lead = world.user("buyer_lead")
    submitted = _submit(world, "buyer_lead", BUYER_ANSWERS)
    revised = services.submission_save(
        actor=lead,
        round_=world.round,
        version=submitted.version,
        **{**BUYER_ANSWERS, "ways_note": "Weekly in ramp-up"},
    )
    assert revised.submitted_at is not None and revised.ways_note == "Weekly in ramp-up"
    _submit(world, "supplier_lead", SUPPLIER_ANSWERS)
    services.round_reveal(actor=lead, round_=world.round)
    world.round.refresh_from_db()
    with pytest.raises(InvalidState):
        services.submission_save(actor=lead, round_=world.round, version=revised.version, **BUYER_ANSWERS)


def test_incomplete_submission_names_the_fields(world: World) -> None:
    lead = world.user("buyer_lead")
    draft = services.submission_save(
        actor=lead,
        round_=world.round,
        version=world.buyer_submission.version,
        outcomes=[],
        priorities={"Cost": 60},
        prediction={},
    )
    with pytest.raises(ValidationFailed) as caught:
        services.submission_submit(actor=lead, submission=draft, version=draft.version)
    assert set(caught.value.errors) == {"outcomes", "priorities", "prediction"}


@pytest.mark.parametrize(
    "priorities,field",
    [
        ({"Cost": 101}, "priorities.Cost"),
        ({"Cost": -1}, "priorities.Cost"),
        ({"Cost": 60, "Quality": 50}, "priorities"),
        ({"Teleportation": 10}, "priorities.Teleportation"),
    ],
)
def test_points_are_validated(world: World, priorities: dict[str, int], field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.submission_save(
            actor=world.user("buyer_lead"),
            round_=world.round,
            version=world.buyer_submission.version,
            priorities=priorities,
        )
    assert field in caught.value.errors


def test_one_open_round_and_earlier_rounds_stay_readable(world: World) -> None:
    lead = world.user("buyer_lead")
    with pytest.raises(InvalidState):
        services.round_open(actor=lead, partnership=world.partnership)
    _submit(world, "buyer_lead", BUYER_ANSWERS)
    _submit(world, "supplier_lead", SUPPLIER_ANSWERS)
    services.round_reveal(actor=lead, round_=world.round)
    second = services.round_open(actor=lead, partnership=world.partnership, dimensions=["Cost", "Speed"])
    rounds = list(selectors.round_list(actor=world.user("supplier_member"), partnership=world.partnership))
    assert [r.number for r in rounds] == [2, 1] and second.dimensions == ["Cost", "Speed"]


@pytest.mark.parametrize(
    ("dimensions", "message"),
    [
        (["Cost", "cost"], "Each dimension must be different."),
        (["Cost"], "Give between 2 and 12 dimensions."),
        (["Cost", "x" * 61], "Keep each dimension under 60 characters."),
    ],
)
def test_dimensions_are_the_rounds_rule_for_every_caller(
    world: World, client_for: Any, dimensions: list[str], message: str
) -> None:
    from concord.partnerships.services import partnership_create

    lead = world.user("buyer_lead")
    fresh = partnership_create(actor=lead, buyer=world.buyer, name="No round yet")
    with pytest.raises(ValidationFailed) as caught:
        services.round_open(actor=lead, partnership=fresh, dimensions=dimensions)
    assert message in caught.value.errors["dimensions"]
    response = client_for("buyer_lead").post(
        f"/api/v1/partnerships/{fresh.pk}/vision/rounds",
        {"dimensions": dimensions},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {"field": "dimensions", "message": message} in response.json()["errors"]


def test_the_api_names_the_answer_the_round_refuses(world: World, client_for: Any) -> None:
    response = client_for("buyer_lead").put(
        f"/api/v1/vision/rounds/{world.round.pk}/submission",
        {
            "version": world.buyer_submission.version,
            "priorities": {"Teleportation": 10},
            "outcomes": [{"outcome": " ", "measure": "Sales"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {(e["field"], e["message"]) for e in response.json()["errors"]} == {
        ("priorities.Teleportation", "Not a dimension of this round."),
        ("outcomes.0.outcome", "Describe the outcome this measure belongs to."),
    }


def test_the_page_puts_an_answers_error_on_its_own_row(world: World, client_for: Any) -> None:
    """The model checks the filled-in rows only; its complaint lands on the row the person typed in."""
    form = {"version": world.buyer_submission.version, "measure_1": "Zero stock-outs", "outcome_2": "Grow"}
    form |= {f"{kind}_{i}": 0 for kind in ("points", "predict") for i in range(len(world.round.dimensions))}
    response = client_for("buyer_lead").post(f"/vision/rounds/{world.round.pk}/answers/", form)
    assert response.status_code == 422
    assert response.context["form"].errors == {"outcome_1": ["Describe the outcome this measure belongs to."]}
