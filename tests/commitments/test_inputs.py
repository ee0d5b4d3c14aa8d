"""One input definition per operation: the API bodies are the pages' forms, the invariants live on
the models (so they hold for every entry point), and the services keep the rules of the moment
(dates not in the past), of the database (who may own what) and of the record's state."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from concord.commitments.models import ActionPlan, Demand, PlanReview
from concord.commitments.services import demands, ledger, plans
from concord.core.errors import ValidationFailed
from tests.world import World, soon


def _fields(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_a_plan_review_note_is_bounded_the_same_on_the_page_and_in_the_api(
    world: World, client_for: Any
) -> None:
    client, plan, long_note = client_for("buyer_lead"), world.plan, "x" * 10_001
    api = client.post(
        f"/api/v1/plans/{plan.pk}/reviews", {"version": 1, "note": long_note}, content_type="application/json"
    )
    assert "note" in _fields(api)
    page = client.post(f"/plans/{plan.pk}/reviews/", {"version": "1", "note": long_note}, follow=True)
    assert "at most 10000 characters" in page.content.decode()
    assert not PlanReview.unscoped.filter(plan=plan).exists()
    shown = client.get(f"/plans/{plan.pk}/").content.decode()
    assert 'maxlength="10000"' in shown  # the page's field says the limit too
    with pytest.raises(ValidationFailed) as caught:  # and the model holds it for every entry point
        plans.plan_review(actor=world.user("buyer_lead"), plan=plan, version=1, note=long_note)
    assert "note" in caught.value.errors


def test_a_review_cadence_of_1_to_366_days_is_the_plans_invariant(world: World, client_for: Any) -> None:
    bea = world.user("buyer_lead")
    with pytest.raises(ValidationFailed) as caught:
        plans.plan_create(actor=bea, partnership=world.partnership, title="Yearly", review_every_days=400)
    assert caught.value.errors == {
        "review_every_days": ["Review it every 1 to 366 days; simple plans are reviewed often."]
    }
    assert not ActionPlan.unscoped.filter(title="Yearly").exists()
    url = f"/api/v1/partnerships/{world.partnership.pk}/plans"
    answer = client_for("buyer_lead").post(
        url, {"title": "Yearly", "review_every_days": 0}, content_type="application/json"
    )
    assert "review_every_days" in _fields(answer)


def test_a_yes_without_its_date_is_refused_by_the_model_for_every_entry_point(
    world: World, client_for: Any
) -> None:
    sol = world.user("supplier_lead")
    with pytest.raises(ValidationFailed) as caught:
        demands.demand_answer(actor=sol, demand=world.demand, version=1, kind="yes", rationale="We can")
    assert caught.value.errors == {"promised_on": ["A yes needs the date you commit to."]}
    url = f"/api/v1/demands/{world.demand.pk}/answers"
    client = client_for("supplier_lead")
    answer = client.post(
        url, {"version": 1, "kind": "yes", "rationale": "We can"}, content_type="application/json"
    )
    assert _fields(answer) == {"promised_on": "A yes needs the date you commit to."}
    blank = client.post(
        url,
        {"version": 1, "kind": "no", "rationale": "   "},
        content_type="application/json",
    )
    assert _fields(blank) == {"rationale": "Say why: every answer gives its reason, also a yes."}
    world.demand.refresh_from_db()
    assert world.demand.status == "open" and not world.demand.answers.exists()


def test_an_answer_keeps_only_what_its_kind_uses(world: World) -> None:
    answer = demands.demand_answer(
        actor=world.user("supplier_lead"),
        demand=world.demand,
        version=1,
        kind="no",
        rationale="No capacity",
        promised_on=soon(),
        conditions="If the line frees up",
        alternative="Quarterly instead",
    )
    assert (answer.promised_on, answer.conditions, answer.alternative) == (None, "", "Quarterly instead")


def test_a_renegotiation_to_the_date_already_agreed_is_refused_and_changes_nothing(
    world: World, client_for: Any
) -> None:
    commitment = world.commitment
    url = f"/api/v1/commitments/{commitment.pk}/renegotiate"
    body = {"version": 1, "to_date": commitment.due_on.isoformat(), "reason": "Same"}
    answer = client_for("supplier_lead").post(url, body, content_type="application/json")
    assert _fields(answer) == {"to_date": "That is the date already agreed."}
    commitment.refresh_from_db()
    assert commitment.version == 1 and not commitment.renegotiations.exists()


def test_a_delivery_before_the_commitment_was_given_is_refused_by_the_model(world: World) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationFailed) as caught:
        ledger.commitment_deliver(
            actor=world.user("supplier_lead"), commitment=world.commitment, version=1, delivered_on=yesterday
        )
    assert caught.value.errors == {
        "delivered_on": ["A delivery cannot be dated before the commitment was given."]
    }


def test_a_demand_goes_to_the_other_side_only(world: World, client_for: Any) -> None:
    url = f"/api/v1/partnerships/{world.partnership.pk}/demands"
    client = client_for("buyer_lead")
    mine = {"title": "Forecast", "to_org_id": world.buyer.pk}
    assert _fields(client.post(url, mine, content_type="application/json")) == {
        "to_org_id": "Choose the party on the other side the demand is for."
    }
    theirs = client.post(
        url, {"title": "Forecast", "to_org_id": world.supplier.pk}, content_type="application/json"
    )
    assert theirs.status_code == 201 and theirs.json()["to_organisation"] == "Supplier Co"
    blank = client.post(url, {"title": " "}, content_type="application/json")
    assert _fields(blank) == {"title": "Say what you need."}
    assert not Demand.unscoped.filter(title=" ").exists()


def test_the_ledger_page_gives_a_commitment_to_a_colleague_only(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")
    url = f"/partnerships/{world.partnership.pk}/commitments/"
    page = client.get(url).content.decode()
    assert 'name="owner_person_id"' in page and "Mo Member" in page and "Bea Buyer" not in page
    given = client.post(
        url,
        {
            "title": "Ship samples",
            "promised_on": soon().isoformat(),
            "owner_person_id": world.user("supplier_member").pk,
        },
    )
    assert given.status_code == 302
    api = client.post(
        f"/api/v1/partnerships/{world.partnership.pk}/commitments",
        {
            "title": "Ship samples",
            "promised_on": soon().isoformat(),
            "owner_person_id": world.user("buyer_lead").pk,
        },
        content_type="application/json",
    )
    assert _fields(api) == {"owner_person_id": "Choose a person of an organisation taking part."}


def test_the_pages_post_the_same_inputs(world: World, client_for: Any) -> None:
    client, p = client_for("supplier_lead"), world.partnership.pk
    raised = client.post(f"/partnerships/{p}/demands/", {"title": "Drawings", "priority": "high"})
    assert raised.status_code == 302 and Demand.unscoped.get(title="Drawings").to_org_id == world.buyer.pk
    kudos = client.post(f"/partnerships/{p}/wins/", {"text": "Thanks for the drawings"})
    assert kudos.status_code == 302
    plan = client.post(
        f"/partnerships/{p}/plans/",
        {
            "title": "Audit prep",
            "review_every_days": "7",
            "visibility": "shared",
            "goal_ids": [world.goal_shared.pk],
        },
    )
    assert plan.status_code == 302
    created = ActionPlan.unscoped.get(title="Audit prep")
    assert [g.pk for g in created.goals.all()] == [world.goal_shared.pk]
    bad = client.post(
        f"/partnerships/{p}/plans/", {"title": "", "review_every_days": "0", "visibility": "shared"}
    )
    page = bad.content.decode()
    assert "Name the plan." in page and "Review it every 1 to 366 days" in page
