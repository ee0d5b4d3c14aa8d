"""Goals of both sides with their monthly values.

Values move from the baseline toward the target with noise but never reach it: measurement_add
records a win (a SuccessEvent) when a value meets the target, and the generator writes no wins,
so none may be due. Goals are therefore on track, at risk or off track, never achieved.
"""

import datetime
from decimal import Decimal
from typing import Any

from concord.demo.generator import words
from concord.demo.generator.batch import Batch, moment
from concord.demo.generator.plan import share
from concord.demo.generator.site import Site
from concord.goals.models import Direction, Frequency, Goal, Measurement
from concord.goals.progress import assess_goal

MODELS: list[type[Any]] = [Goal, Measurement]
CENT = Decimal("0.01")


def month_end(today: datetime.date, back: int) -> datetime.date:
    """The last day of the month `back` months before today's (back >= 1: always in the past)."""
    first = today.replace(day=1)
    for _ in range(back - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first - datetime.timedelta(days=1)


def goal_step(site: Site, batch: Batch, total_measurements: int, total_goals: int) -> None:
    for j in range(site.counts["goals"]):
        values = share(total_measurements, total_goals, site.first_goal + j) if total_goals else 0
        goal = _goal(site, batch, j, months=max(values, 12))
        _stored_status(goal, _values(site, batch, goal, values), site.today)


def _stored_status(goal: Goal, points: list[tuple[datetime.date, Decimal]], today: datetime.date) -> None:
    """The status the goal services would store after its values (goals.services.stored)."""
    result = assess_goal(goal, points, today)
    goal.status = result.status.value
    goal.progress = round(result.progress, 1) if result.progress is not None else None
    goal.latest_on = points[-1][0] if points else None
    goal.status_on = today


def _goal(site: Site, batch: Batch, j: int, *, months: int) -> Goal:
    rng = site.rng
    org, person, visibility = site.owner(j)
    title, metric, unit, direction, (low, high) = rng.choice(words.METRICS)
    baseline = Decimal(rng.randint(low, high))
    step = Decimal(rng.choice(["0.1", "0.15", "0.2", "0.3"]))
    target = baseline * (1 + step if direction == Direction.HIGHER else 1 - step)
    start = month_end(site.today, months + 1) + datetime.timedelta(days=1)
    return batch.add(
        Goal(
            **site.record(org, person, visibility),
            owner_person=person,
            title=title,
            description=f"{title}: from {baseline} to {target.quantize(CENT)} {unit}.",
            metric=metric,
            unit=unit,
            baseline=baseline,
            target=target.quantize(CENT),
            direction=direction,
            start_date=start,
            due_date=site.days(rng.randint(-45, 400)),
            frequency=Frequency.MONTHLY,
            created_at=moment(start),
            updated_at=moment(start),
        ),
        actor=person,
    )


def _values(site: Site, batch: Batch, goal: Goal, count: int) -> list[tuple[datetime.date, Decimal]]:
    """`count` month-end values, oldest first, short of the target (0.95 of the way at most)."""
    rng = site.rng
    assert goal.baseline is not None and goal.target is not None
    gap = goal.target - goal.baseline
    points: list[tuple[datetime.date, Decimal]] = []
    for m in range(count):
        day = month_end(site.today, count - m)
        way = min(0.95, max(-0.3, 0.9 * (m + 1) / count + rng.gauss(0, 0.15)))
        value = (goal.baseline + gap * Decimal(str(round(way, 3)))).quantize(CENT)
        entered = moment(day + datetime.timedelta(days=1), hour=8)
        batch.add(
            Measurement(
                goal=goal,
                measured_on=day,
                value=value,
                entered_by=goal.owner_person,
                created_at=entered,
                updated_at=entered,
            ),
            actor=goal.owner_person,
        )
        points.append((day, value))
    return points
