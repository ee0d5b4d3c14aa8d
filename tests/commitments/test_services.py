"""Demands, answers, commitments and reliability: hand-checked rules, validation, privacy and reads
that do not grow with the ledger."""

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from concord.commitments import selectors
from concord.commitments.models import Commitment, DemandStatus
from concord.commitments.services import demands, ledger, plans
from concord.commitments.status import Status, on_time_run, reliability, stale, status_of
from concord.core.errors import Conflict, Forbidden, InvalidState, ValidationFailed
from concord.goals.models import SuccessEvent
from tests.guards import assert_flat_queries
from tests.world import World, soon

D = datetime.date
TODAY = D(2026, 11, 23)


@pytest.mark.parametrize(
    ("promised", "due", "delivered", "given_up", "expected"),
    [
        (D(2026, 11, 30), D(2026, 11, 30), None, None, Status.OPEN),
        (D(2026, 11, 20), D(2026, 11, 20), None, None, Status.BROKEN),  # past its date, not delivered
        (D(2026, 11, 20), D(2026, 12, 10), None, None, Status.RENEGOTIATED),
        (D(2026, 11, 20), D(2026, 11, 22), None, None, Status.BROKEN),  # missed even the new date
        (D(2026, 11, 20), D(2026, 11, 20), D(2026, 11, 20), None, Status.KEPT_ON_TIME),  # on the day counts
        (D(2026, 11, 20), D(2026, 12, 10), D(2026, 12, 1), None, Status.KEPT_LATE),  # the promise moved
        (D(2026, 12, 20), D(2026, 12, 20), None, D(2026, 11, 21), Status.BROKEN),  # said openly
    ],
)
def test_status_rule(promised: Any, due: Any, delivered: Any, given_up: Any, expected: Status) -> None:
    found = status_of(
        promised_on=promised, due_on=due, delivered_on=delivered, given_up_on=given_up, today=TODAY
    )
    assert found == expected


def _c(owner: int, promised: D, delivered: D | None = None, due: D | None = None) -> Any:
    return SimpleNamespace(
        owner_id=owner, promised_on=promised, due_on=due or promised, delivered_on=delivered, given_up_on=None
    )


def test_reliability_counts_due_promises_in_the_window_against_the_promised_date() -> None:
    commitments = [
        _c(1, D(2026, 11, 1), D(2026, 10, 30)),  # kept on time
        _c(1, D(2026, 10, 1), D(2026, 10, 5)),  # kept late
        _c(1, D(2026, 9, 1), due=D(2026, 12, 30)),  # renegotiated: due by its promise, not kept on time
        _c(1, D(2026, 12, 15), D(2026, 11, 20)),  # delivered early, but not due yet: not counted
        _c(1, D(2026, 5, 1), D(2026, 5, 1)),  # outside the 180-day window
        _c(2, D(2026, 11, 10), D(2026, 11, 10)),
        _c(2, D(2026, 11, 23)),  # due today and still open: neither kept nor missed yet
    ]
    found = reliability(commitments, [1, 2, 3], TODAY)
    assert (found[1].on_time, len(found[1].due), found[1].index) == (1, 3, 33.3)
    assert found[2].index == 100.0
    assert found[3].index is None  # nothing due: no data, never 100 %
    assert reliability(commitments, [1], TODAY, window_days=30)[1].index == 100.0


def test_on_time_run_counts_back_from_the_latest() -> None:
    assert on_time_run([(D(2026, 1, 1), D(2026, 1, 2)), (D(2026, 2, 1), D(2026, 2, 1))]) == 1
    assert on_time_run([(D(2026, 1, 1), D(2026, 1, 1)), (D(2026, 2, 1), D(2026, 2, 3))]) == 0


def test_maybe_then_yes_creates_a_commitment_and_keeps_both_answers(world: World) -> None:
    sol, demand = world.user("supplier_lead"), world.demand
    demands.demand_answer(
        actor=sol,
        demand=demand,
        version=1,
        kind="maybe",
        rationale="Needs our ERP report",
        conditions="IT builds the report",
        follow_up_on=soon(7),
    )
    demand.refresh_from_db()
    assert demand.status == DemandStatus.MAYBE and demand.first_answered_at is not None
    first = demand.first_answered_at
    demands.demand_answer(
        actor=world.user("supplier_member"),
        demand=demand,
        version=demand.version,
        kind="yes",
        rationale="The report is ready",
        promised_on=soon(20),
    )
    demand.refresh_from_db()
    assert demand.status == DemandStatus.YES and demand.first_answered_at == first
    assert [a.kind for a in demand.answers.all()] == ["maybe", "yes"]
    commitment = Commitment.unscoped.get(answer__demand=demand)
    assert commitment.owner_id == world.supplier.pk and commitment.promised_on == soon(20)
    with pytest.raises(InvalidState):
        demands.demand_answer(
            actor=sol, demand=demand, version=demand.version, kind="no", rationale="Changed mind"
        )


@pytest.mark.parametrize(
    ("kind", "fields", "field"),
    [
        ("yes", {"rationale": "ok"}, "promised_on"),
        ("yes", {"rationale": "ok", "promised_on": D(2020, 1, 1)}, "promised_on"),
        ("yes", {"rationale": "", "promised_on": D(2099, 1, 1)}, "rationale"),
        ("maybe", {"rationale": "depends", "follow_up_on": D(2099, 1, 1)}, "conditions"),
        ("maybe", {"rationale": "depends", "conditions": "audit"}, "follow_up_on"),
        ("no", {"rationale": ""}, "rationale"),
        ("perhaps", {"rationale": "?"}, "kind"),
    ],
)
def test_every_answer_needs_its_reasons(world: World, kind: str, fields: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        demands.demand_answer(
            actor=world.user("supplier_lead"), demand=world.demand, version=1, kind=kind, **fields
        )
    assert field in caught.value.errors
    world.demand.refresh_from_db()
    assert world.demand.status == DemandStatus.OPEN and not world.demand.answers.exists()


def test_answers_come_from_the_side_asked_and_stale_answers_conflict(world: World) -> None:
    with pytest.raises(Forbidden):
        demands.demand_answer(
            actor=world.user("buyer_lead"),
            demand=world.demand,
            version=1,
            kind="no",
            rationale="We answer ourselves",
        )
    demands.demand_answer(
        actor=world.user("supplier_lead"),
        demand=world.demand,
        version=1,
        kind="maybe",
        rationale="Checking",
        conditions="Capacity",
        follow_up_on=soon(),
    )
    with pytest.raises(Conflict):  # a colleague answering from a page loaded before the maybe
        demands.demand_answer(
            actor=world.user("supplier_member"),
            demand=world.demand,
            version=1,
            kind="yes",
            rationale="We can",
            promised_on=soon(),
        )
    world.demand.refresh_from_db()
    assert world.demand.status == DemandStatus.MAYBE and world.demand.answers.count() == 1


def test_renegotiation_keeps_the_promise_and_counts_against_it(world: World) -> None:
    sol, commitment = world.user("supplier_lead"), world.commitment
    promised = commitment.promised_on
    updated = ledger.commitment_renegotiate(
        actor=sol, commitment=commitment, version=1, to_date=soon(60), reason="Audit moved to January"
    )
    assert updated.promised_on == promised and updated.due_on == soon(60)
    assert updated.renegotiations.get().from_date == promised
    with pytest.raises(ValidationFailed):
        ledger.commitment_renegotiate(
            actor=sol, commitment=updated, version=2, to_date=soon(60), reason="again"
        )
    with pytest.raises(Forbidden):
        ledger.commitment_deliver(actor=world.user("buyer_lead"), commitment=updated, version=2)
    Commitment.unscoped.filter(pk=commitment.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=90)
    )
    Commitment.unscoped.filter(pk=commitment.pk).update(
        promised_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    updated.refresh_from_db()
    done = ledger.commitment_deliver(actor=sol, commitment=updated, version=updated.version)
    viewer = world.user("buyer_viewer")
    summary = selectors.ledger(actor=viewer, partnership=world.partnership)
    rows = selectors.commitment_list(actor=viewer, partnership=world.partnership)
    assert dict(selectors.with_status(rows))[done] == Status.KEPT_LATE
    assert summary.reliability[world.supplier.pk].index == 0.0
    assert summary.reliability[world.buyer.pk].index is None


def test_lessons_only_on_misses_and_without_blame(world: World) -> None:
    sol = world.user("supplier_lead")
    fields = {"title": "Film", "contributing_factors": "One film source"}
    with pytest.raises(InvalidState):
        ledger.lesson_add(
            actor=sol, commitment=world.commitment, what_happened="x", what_we_change="y", **fields
        )
    dropped = ledger.commitment_give_up(
        actor=sol, commitment=world.commitment, version=1, reason="Line closes"
    )
    note = ledger.lesson_add(
        actor=sol,
        commitment=dropped,
        what_happened="Film supplier failed",
        what_we_change="Dual source",
        **fields,
    )
    assert {f.name for f in type(note)._meta.get_fields()}.isdisjoint(
        {"blame", "fault", "culprit", "responsible"}
    )


def test_five_on_time_deliveries_in_a_row_are_a_win(world: World) -> None:
    sol = world.user("supplier_lead")
    for i in range(5):
        given = ledger.commitment_give(
            actor=sol, partnership=world.partnership, title=f"Step {i}", promised_on=soon(5)
        )
        ledger.commitment_deliver(actor=sol, commitment=given, version=1)
    wins = SuccessEvent.unscoped.filter(kind="commitment_streak")
    assert wins.count() == 1 and "5 commitments in a row" in wins.get().text
    assert wins.get().visibility == "shared"


def test_demand_validation_and_withdrawal(world: World) -> None:
    sol = world.user("supplier_lead")
    with pytest.raises(ValidationFailed) as caught:  # the model's invariants, for every entry point
        demands.demand_raise(actor=sol, partnership=world.partnership, title="", priority="urgent")
    assert caught.value.errors == {
        "title": ["Say what you need."],
        "priority": ["Choose low, normal, high or critical."],
    }
    with pytest.raises(ValidationFailed) as caught:  # a date needed is today or later when asked
        demands.demand_raise(actor=sol, partnership=world.partnership, title="x", needed_by=D(2020, 1, 1))
    assert set(caught.value.errors) == {"needed_by"}
    with pytest.raises(Forbidden):
        demands.demand_withdraw(actor=world.user("supplier_lead"), demand=world.demand, version=1)
    demands.demand_withdraw(actor=world.user("buyer_lead"), demand=world.demand, version=1)
    with pytest.raises(InvalidState):
        demands.demand_answer(
            actor=world.user("supplier_lead"), demand=world.demand, version=2, kind="no", rationale="late"
        )


def test_internal_wins_stay_with_their_owner(world: World, client_for: Any) -> None:
    from concord.goals import services as goals

    lead = world.user("buyer_lead")
    goals.measurement_add(actor=lead, goal=world.goal_internal, measured_on=D(2026, 2, 28), value="25")
    assert SuccessEvent.unscoped.filter(goal=world.goal_internal, visibility="internal").exists()
    url = f"/api/v1/partnerships/{world.partnership.pk}/wins"
    supplier_feed = client_for("supplier_member").get(url).json()["results"]
    assert all("Dual-source" not in w["text"] for w in supplier_feed)
    buyer_feed = client_for("buyer_viewer").get(url).json()["results"]
    assert any("Dual-source" in w["text"] for w in buyer_feed)


def test_ledger_and_demands_do_not_grow_in_queries(world: World, client_for: Any) -> None:
    sol, bea = world.user("supplier_lead"), world.user("buyer_lead")
    counter = iter(range(1000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            given = ledger.commitment_give(
                actor=sol, partnership=world.partnership, title=f"C{i}", promised_on=soon(3)
            )
            ledger.commitment_renegotiate(
                actor=sol, commitment=given, version=1, to_date=soon(9), reason="later"
            )
            demand = demands.demand_raise(actor=bea, partnership=world.partnership, title=f"D{i}")
            demands.demand_answer(
                actor=sol, demand=demand, version=1, kind="yes", rationale="ok", promised_on=soon()
            )

    client = client_for("buyer_viewer")
    pid = world.partnership.pk
    for url, budget in ((f"/partnerships/{pid}/commitments/", 20), (f"/partnerships/{pid}/demands/", 20)):
        assert_flat_queries(lambda url=url: client.get(url), grow, budget=budget)
    assert_flat_queries(lambda: client.get(f"/api/v1/partnerships/{pid}/commitments"), grow, budget=12)
    assert_flat_queries(lambda: client.get(f"/api/v1/partnerships/{pid}/demands"), grow, budget=12)


def test_plans_review_on_a_cadence_and_record_what_changed(world: World) -> None:

    bea, sol = world.user("buyer_lead"), world.user("supplier_lead")
    plan = plans.plan_create(
        actor=bea,
        partnership=world.partnership,
        title="Stock plan",
        review_every_days=7,
        goal_ids=[world.goal_shared.pk],
    )
    with pytest.raises(ValidationFailed):  # a joint plan cannot serve an internal goal
        plans.plan_create(
            actor=bea, partnership=world.partnership, title="x", goal_ids=[world.goal_internal.pk]
        )
    item = plans.item_add(
        actor=bea, plan=plan, title="Weekly count", promised_on=soon(3), owner_person_id=sol.pk
    )
    assert item.owner_id == world.supplier.pk and item.source == "plan"
    first = plans.plan_review(actor=bea, plan=plan, version=1, note="Kick-off")
    assert first.changes == ["Added: Weekly count (open)"]
    ledger.commitment_deliver(actor=sol, commitment=item, version=1)
    plan.refresh_from_db()
    second = plans.plan_review(actor=sol, plan=plan, version=plan.version)
    assert second.changes == ["Weekly count: open → kept on time"] and second.reviewed_by == sol
    assert not stale(plan, timezone.now())
    assert stale(plan, timezone.now() + datetime.timedelta(days=8))
    with pytest.raises(Forbidden):
        plans.plan_review(actor=world.user("buyer_viewer"), plan=plan, version=plan.version + 1)


def test_cadence_is_flagged_when_joint_meetings_lapse(world: World) -> None:
    from concord.meetings import selectors as meetings_selectors
    from concord.meetings import services as meetings

    partnership = world.partnership
    long_after = timezone.localdate() + datetime.timedelta(days=30)
    flags = meetings_selectors.cadence_flags(
        actor=world.user("supplier_lead"), partnership=partnership, today=long_after
    )
    assert [f.what for f in flags] == ["check-in"] and "none has been held" in flags[0].text
    meetings.meeting_schedule(
        actor=world.user("buyer_lead"),
        partnership=partnership,
        title="Check-in",
        starts_at=timezone.now() + datetime.timedelta(days=25),
    )
    assert (
        meetings_selectors.cadence_flags(
            actor=world.user("supplier_lead"), partnership=partnership, today=long_after
        )
        == []
    )
    # The buyer's internal meeting does not keep the shared rhythm.
    assert world.meeting.visibility == "internal"


def test_signing_an_agreement_is_a_win_for_both(world: World) -> None:
    from concord.agreements import services as agreements

    lead = world.user("buyer_lead")
    moved = agreements.agreement_move(
        actor=lead,
        agreement=world.agreement,
        to="negotiation",
        version=1,
        override_reason="Old contract ends",
    )
    agreements.agreement_move(actor=lead, agreement=moved, to="signed", version=moved.version)
    win = SuccessEvent.unscoped.get(kind="milestone")
    assert win.text == "Signed: Bag supply contract" and win.visibility == "shared"
