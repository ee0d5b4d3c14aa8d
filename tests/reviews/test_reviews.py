"""Performance reviews through the services: the frozen snapshot (shared records only), each
side's narrative, improvement actions as action items, both sides' signatures, 409 on stale."""

import datetime

import pytest
from django.utils import timezone

from concord.commitments.models import Commitment
from concord.core.errors import Conflict, Forbidden, InvalidState
from concord.goals.models import Goal
from concord.reviews import selectors
from concord.reviews.models import ReviewStatus
from concord.reviews.services import reviews as services
from concord.reviews.snapshot import deltas
from tests.reviews.helpers import BOTH, closed_round
from tests.world import World, soon


def _review(world: World, persona: str = "buyer_lead", days: int = 90, title: str = "Q3 review"):
    today = timezone.localdate()
    return services.review_create(
        actor=world.user(persona),
        partnership=world.partnership,
        title=title,
        period_from=today - datetime.timedelta(days=days),
        period_to=today,
    )


def test_the_snapshot_holds_shared_records_only_whoever_creates_it(world: World) -> None:
    for persona in ("buyer_lead", "supplier_lead"):
        text = str(_review(world, persona).snapshot)
        assert "On-time delivery" in text  # the supplier's shared goal
        assert "Dual-source the film" not in text  # the buyer's internal goal
        assert world.risk.title in text
        assert world.risk_internal.title not in text and world.risk_supplier_internal.title not in text
        assert "Supplier performance" in text  # the buyer's shared scorecard


def test_the_snapshot_is_frozen_against_later_edits(world: World) -> None:
    review = _review(world)
    Goal.unscoped.filter(pk=world.goal_shared.pk).update(title="Renamed later")
    review.refresh_from_db()
    assert "On-time delivery" in str(review.snapshot) and "Renamed later" not in str(review.snapshot)


def test_the_snapshot_takes_the_latest_survey_with_gaps_under_the_threshold(world: World) -> None:
    closed_round(world, BOTH)
    survey = _review(world).snapshot["survey"]
    assert survey["shown"] == {"buyer": True, "supplier": True}
    trust = survey["dimensions"][0]
    assert trust["buyer_is"] == 3 and trust["supplier_is"] == 4 and trust["buyer_gap"] == 1
    assert "says" not in str(survey)  # comments stay on the survey page, never in the review


def test_the_reliability_of_both_sides_is_counted_over_the_period(world: World) -> None:
    review = _review(world)
    parties = {entry["organisation"] for entry in review.snapshot["reliability"].values()}
    assert parties == {world.buyer.name, world.supplier.name}


def test_each_side_writes_only_its_own_narrative(world: World) -> None:
    review = _review(world)
    review = services.review_narrative(
        actor=world.user("supplier_member"), review=review, version=1, narrative="We delivered."
    )
    review = services.review_narrative(
        actor=world.user("buyer_lead"), review=review, version=2, narrative="Good quarter."
    )
    assert review.narrative_supplier == "We delivered." and review.narrative_buyer == "Good quarter."
    with pytest.raises(Forbidden):
        services.review_narrative(actor=world.user("buyer_viewer"), review=review, version=3, narrative="x")


def test_a_stale_version_is_a_conflict(world: World) -> None:
    review = _review(world)
    services.review_narrative(actor=world.user("buyer_lead"), review=review, version=1, narrative="One")
    with pytest.raises(Conflict):
        services.review_narrative(
            actor=world.user("supplier_lead"), review=review, version=1, narrative="Two"
        )
    with pytest.raises(Conflict):
        services.review_sign(actor=world.user("supplier_lead"), review=review, version=1)


def test_both_leads_sign_and_the_first_signature_freezes_the_narratives(world: World) -> None:
    review = _review(world)
    with pytest.raises(Forbidden):
        services.review_sign(actor=world.user("supplier_member"), review=review, version=1)
    review = services.review_sign(actor=world.user("supplier_lead"), review=review, version=1)
    assert review.status == ReviewStatus.DRAFT and review.supplier_signed_on == timezone.localdate()
    with pytest.raises(InvalidState):
        services.review_narrative(
            actor=world.user("buyer_lead"), review=review, version=review.version, narrative="x"
        )
    with pytest.raises(InvalidState):
        services.review_sign(actor=world.user("supplier_lead"), review=review, version=review.version)
    review = services.review_sign(actor=world.user("buyer_lead"), review=review, version=review.version)
    assert review.status == ReviewStatus.SIGNED and review.buyer_signed_by == world.user("buyer_lead")


def test_improvement_actions_become_items_of_one_shared_plan(world: World) -> None:
    review = _review(world)
    first = services.action_add(
        actor=world.user("buyer_lead"), review=review, title="Weekly call", promised_on=soon(20),
        owner_person_id=world.user("buyer_lead").pk,
    )  # fmt: skip
    review.refresh_from_db()
    second = services.action_add(
        actor=world.user("supplier_lead"), review=review, title="Forecast sharing", promised_on=soon(30),
        owner_person_id=world.user("supplier_lead").pk,
    )  # fmt: skip
    assert first.plan_id == second.plan_id == review.plan_id
    assert Commitment.unscoped.get(pk=second.pk).owner_id == world.supplier.pk
    seen = selectors.action_items(actor=world.user("supplier_member"), review=review)
    assert [a.title for a in seen] == ["Weekly call", "Forecast sharing"]


def test_a_review_is_compared_with_the_previous_one(world: World) -> None:
    today = timezone.localdate()
    first = services.review_create(
        actor=world.user("buyer_lead"), partnership=world.partnership, title="H1",
        period_from=today - datetime.timedelta(days=200), period_to=today - datetime.timedelta(days=100),
    )  # fmt: skip
    closed_round(world, BOTH)
    second = _review(world, days=99)
    assert second.previous_id == first.pk
    rows = {d["key"]: d for d in deltas(second.snapshot, first.snapshot)}
    assert rows["survey_score"]["now"] == 62.5 and rows["survey_score"]["before"] is None
    assert rows["risks_live"]["change"] == 0
