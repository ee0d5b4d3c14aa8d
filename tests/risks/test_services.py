"""The risk register's use cases through the services: who records and changes what, the score
and its history, firing a trigger into an action plan, overdue reviews and their reminders."""

from typing import Any

import pytest
from django.utils import timezone

from concord.access.roles import Visibility
from concord.commitments.models import ActionPlan, Commitment
from concord.core.errors import Conflict, Forbidden, InvalidState, NotFound, ValidationFailed
from concord.notifications.models import Notification, NotificationKind
from concord.risks import selectors, services
from concord.risks.models import Risk, RiskStatus, ScoreChange
from tests.world import World, soon


def _risk(world: World, persona: str = "buyer_lead", **kw: Any) -> Risk:
    values: dict[str, Any] = {
        "title": "Port strike",
        "category": "geopolitical",
        "likelihood": 2,
        "impact": 4,
        "owner_person_id": world.user(persona).pk,
        "contingency": "Route via Rotterdam\nBook air freight",
    }
    return services.risk_create(actor=world.user(persona), partnership=world.partnership, **(values | kw))


def test_score_is_the_product_and_is_kept_with_its_history(world: World) -> None:
    risk = _risk(world)
    assert risk.score == 8 and risk.band == "medium"
    updated = services.risk_update(actor=world.user("buyer_lead"), risk=risk, version=1, likelihood=5)
    assert updated.score == 20 and updated.band == "critical"
    services.risk_update(actor=world.user("buyer_lead"), risk=updated, version=2, title="Port strikes")
    history = list(selectors.score_history(actor=world.user("buyer_lead"), risk=risk))
    assert [(c.likelihood, c.impact, c.score) for c in history] == [(5, 4, 20), (2, 4, 8)]


def test_the_database_holds_the_score_to_the_product(world: World) -> None:
    from django.db import IntegrityError, transaction

    risk = _risk(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.unscoped.filter(pk=risk.pk).update(score=3)


def test_ratings_outside_1_to_5_are_field_errors(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        _risk(world, likelihood=6)
    assert "likelihood" in caught.value.errors
    assert not Risk.unscoped.filter(title="Port strike").exists()


def test_a_stale_version_is_a_conflict(world: World) -> None:
    risk = _risk(world)
    services.risk_update(actor=world.user("buyer_lead"), risk=risk, version=1, impact=5)
    with pytest.raises(Conflict):
        services.risk_update(actor=world.user("buyer_lead"), risk=risk, version=1, impact=1)


def test_the_owner_person_of_the_other_side_changes_a_shared_risk(world: World) -> None:
    risk = world.risk  # the buyer's, owned by the supplier lead
    assert risk.owner_party_id == world.supplier.pk
    updated = services.risk_update(
        actor=world.user("supplier_lead"), risk=risk, version=risk.version, next_review_on=soon(60)
    )
    assert updated.next_review_on == soon(60)
    with pytest.raises(Forbidden):  # their colleague reads it but does not own it
        services.risk_update(
            actor=world.user("supplier_member"), risk=updated, version=updated.version, impact=1
        )
    with pytest.raises(Forbidden):
        services.risk_update(
            actor=world.user("buyer_viewer"), risk=updated, version=updated.version, impact=1
        )


def test_an_internal_risk_is_owned_by_its_own_organisation_only(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        _risk(world, owner_person_id=world.user("supplier_lead").pk, visibility=Visibility.INTERNAL)
    assert "owner_person_id" in caught.value.errors
    with pytest.raises(ValidationFailed):
        _risk(world, owner_person_id=world.user("outsider").pk)


def test_a_risk_is_not_marked_fired_by_an_edit_nor_reviewed_in_the_past(world: World) -> None:
    risk = _risk(world)
    with pytest.raises(ValidationFailed) as caught:
        services.risk_update(actor=world.user("buyer_lead"), risk=risk, version=1, status=RiskStatus.FIRED)
    assert "status" in caught.value.errors
    with pytest.raises(ValidationFailed):
        services.risk_update(actor=world.user("buyer_lead"), risk=risk, version=1, next_review_on=soon(-1))


def test_firing_turns_the_contingency_into_an_action_plan_linked_from_the_risk(world: World) -> None:
    risk = world.risk
    fired = services.risk_fire(
        actor=world.user("buyer_lead"), risk=risk, version=risk.version, respond_by=soon(7)
    )
    assert fired.status == RiskStatus.FIRED and fired.fired_on == timezone.localdate()
    plan = ActionPlan.unscoped.get(pk=fired.plan_id)
    assert plan.title == "Contingency: Single film line" and plan.visibility == Visibility.SHARED
    items = Commitment.unscoped.filter(plan=plan).order_by("pk")
    assert [i.title for i in items] == ["Switch to line 2", "Air-freight safety stock"]
    # the items are the risk owner's: the supplier lead, a commitment of the supplier
    assert {(i.owner_person_id, i.owner_id, i.due_on) for i in items} == {
        (world.user("supplier_lead").pk, world.supplier.pk, soon(7))
    }
    with pytest.raises(InvalidState):  # once
        services.risk_fire(
            actor=world.user("buyer_lead"), risk=fired, version=fired.version, respond_by=soon(7)
        )


def test_an_internal_risk_fires_into_an_internal_plan(world: World) -> None:
    risk = world.risk_internal
    fired = services.risk_fire(
        actor=world.user("buyer_lead"), risk=risk, version=risk.version, respond_by=soon()
    )
    plan = ActionPlan.unscoped.get(pk=fired.plan_id)
    assert (plan.visibility, plan.owner_id) == (Visibility.INTERNAL, world.buyer.pk)
    assert set(Commitment.unscoped.filter(plan=plan).values_list("visibility", flat=True)) == {"internal"}


def test_firing_without_a_contingency_writes_nothing(world: World) -> None:
    risk = _risk(world, contingency="")
    plans_before = ActionPlan.unscoped.count()
    with pytest.raises(ValidationFailed) as caught:
        services.risk_fire(actor=world.user("buyer_lead"), risk=risk, version=1, respond_by=soon())
    assert "contingency" in caught.value.errors
    with pytest.raises(ValidationFailed):
        services.risk_fire(actor=world.user("buyer_lead"), risk=world.risk, version=1, respond_by=soon(-1))
    assert ActionPlan.unscoped.count() == plans_before
    assert Risk.unscoped.get(pk=world.risk.pk).status == RiskStatus.OPEN


def test_the_other_side_cannot_fire_or_even_find_an_internal_risk(world: World) -> None:
    from concord.access.policy import get_for

    with pytest.raises(NotFound):
        get_for(world.user("supplier_lead"), Risk, pk=world.risk_internal.pk)
    with pytest.raises(NotFound):
        services.risk_fire(
            actor=world.user("supplier_lead"), risk=world.risk_internal, version=1, respond_by=soon()
        )


def test_overdue_reviews_are_reminded_once_and_only_to_readers(world: World) -> None:
    day = timezone.localdate()
    made = services.remind_reviews(day)
    notes = Notification.unscoped.filter(kind=NotificationKind.RISK_REVIEW_OVERDUE)
    assert made == 2
    assert {(n.user_id, n.url) for n in notes} == {
        (world.user("buyer_lead").pk, f"/risks/{world.risk_internal.pk}/"),
        (world.user("supplier_lead").pk, f"/risks/{world.risk_supplier_internal.pk}/"),
    }
    assert services.remind_reviews(day) == 0  # idempotent


def test_a_closed_risk_or_an_owner_who_left_is_not_reminded(world: World) -> None:
    from concord.access.models import Membership

    services.risk_update(
        actor=world.user("buyer_lead"), risk=world.risk_internal, version=1, status=RiskStatus.CLOSED
    )
    Membership.unscoped.filter(user=world.user("supplier_lead")).delete()
    assert services.remind_reviews(timezone.localdate()) == 0


def test_the_daily_reminders_include_overdue_reviews(world: World) -> None:
    from concord.notifications.services import remind

    remind(timezone.localdate())
    notes = Notification.unscoped.filter(kind=NotificationKind.RISK_REVIEW_OVERDUE)
    assert notes.count() == 2
    assert services.remind_reviews(timezone.localdate()) == 0  # made once


def test_overdue_is_live_and_past_its_date(world: World) -> None:
    lead = world.user("buyer_lead")
    found = selectors.overdue(
        selectors.risk_list(actor=lead, partnership=world.partnership), timezone.localdate()
    )
    assert list(found) == [world.risk_internal]
    assert world.risk_internal.review_overdue and not world.risk.review_overdue
    assert not Risk.unscoped.get(pk=world.risk.pk).review_overdue
    assert ScoreChange.unscoped.filter(risk=world.risk).count() == 1
