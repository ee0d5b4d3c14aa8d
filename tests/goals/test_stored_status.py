"""The goal's stored status (goals.services.stored): what progress.assess gives, kept current by
every write of the goal or its values and by the daily pass; the home page and the portfolio read
it, so their query count stays flat however many goals a person owns."""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from concord.goals import services
from concord.goals.models import Goal
from concord.goals.progress import GoalStatus
from concord.goals.selectors import describe, visible_goals
from concord.goals.services.stored import refresh_all, refresh_dated
from concord.goals.tasks import refresh_goal_statuses
from tests.guards import assert_flat_queries
from tests.world import World


def _computed(world: World, goal: Goal) -> GoalStatus:
    goals = list(
        visible_goals(actor=world.user("buyer_lead"), partnership=world.partnership).filter(pk=goal.pk)
    )
    return describe(goals)[0].assessment.status


def _stored(goal: Goal) -> str:
    return Goal.unscoped.get(pk=goal.pk).status


def test_each_write_stores_the_status_the_goals_tab_computes(world: World) -> None:
    lead = world.user("buyer_lead")
    today = timezone.localdate()
    goal = services.goal_create(
        actor=lead,
        partnership=world.partnership,
        title="Scrap rate",
        baseline=Decimal("10"),
        target=Decimal("5"),
        direction="lower",
        start_date=today - datetime.timedelta(days=60),
        due_date=today + datetime.timedelta(days=60),
    )
    assert _stored(goal) == GoalStatus.NO_DATA == _computed(world, goal)
    value = services.measurement_add(actor=lead, goal=goal, measured_on=today, value=Decimal("9.9"))
    assert _stored(goal) == GoalStatus.OFF_TRACK == _computed(world, goal)
    services.measurement_correct(actor=lead, measurement=value, version=value.version, value=Decimal("4"))
    assert _stored(goal) == GoalStatus.ACHIEVED == _computed(world, goal)
    stored = Goal.unscoped.get(pk=goal.pk)
    assert stored.latest_on == today and stored.progress == 120.0
    services.goal_update(actor=lead, goal=stored, version=stored.version, target=Decimal("1"))
    assert _stored(goal) == _computed(world, goal) != GoalStatus.ACHIEVED


def test_the_daily_pass_moves_statuses_that_depend_on_the_date(world: World) -> None:
    lead = world.user("buyer_lead")
    today = timezone.localdate()
    goal = services.goal_create(
        actor=lead,
        partnership=world.partnership,
        title="Savings",
        baseline=Decimal("0"),
        target=Decimal("100"),
        start_date=today - datetime.timedelta(days=10),
        due_date=today + datetime.timedelta(days=10),
    )
    services.measurement_add(actor=lead, goal=goal, measured_on=today, value=Decimal("50"))
    assert _stored(goal) == GoalStatus.ON_TRACK
    later = today + datetime.timedelta(days=30)  # past the due date: missed
    assert refresh_goal_statuses(later) >= 1
    assert _stored(goal) == GoalStatus.MISSED
    assert refresh_dated(later) == 0  # nothing moved since: nothing written


def test_the_back_fill_agrees_with_the_computation(world: World) -> None:
    Goal.unscoped.update(status=GoalStatus.NO_DATA, status_on=None)
    refresh_all()
    for goal in Goal.unscoped.filter(partnership=world.partnership):
        if goal.visibility == "shared" or goal.owner_id == world.buyer.pk:
            assert goal.status == _computed(world, goal)


def _owned_goals(world: World) -> Any:
    lead = world.user("buyer_lead")
    today = timezone.localdate()
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            goal = services.goal_create(
                actor=lead,
                partnership=world.partnership,
                title=f"Goal {i}",
                baseline=Decimal("0"),
                target=Decimal("100"),
                start_date=today - datetime.timedelta(days=100),
                due_date=today + datetime.timedelta(days=10),
            )
            for back in range(3):
                services.measurement_add(
                    actor=lead,
                    goal=goal,
                    measured_on=today - datetime.timedelta(days=back),
                    value=Decimal(i % 7),
                )

    return grow


def test_the_home_page_reads_stored_statuses_flat(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    # a section with items reads its first rows, then counts them up to the cap (overview.lines)
    assert_flat_queries(lambda: client.get("/home/"), _owned_goals(world), budget=23)
    assert "My goals off track" in client.get("/home/").content.decode()
