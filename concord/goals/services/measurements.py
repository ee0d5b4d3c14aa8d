"""Measurements: record and correct a goal's values; reaching the target is noted once as a win.

Each write re-assesses the goal; reaching the target records one success event per goal (the
wins feed reads it), with the goal's own visibility so an internal goal's win stays internal.

Every write of a goal's values first locks the goal (`lock_goals`): two people recording the same
date at once, or two imports of the same file, then take turns, and the second sees what the first
wrote (one value per goal and date, one win per goal) instead of failing on the database's rule.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from concord.access.policy import require_contributor_inside
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.goals.models import Goal, Measurement, SuccessEvent
from concord.goals.progress import Assessment, GoalStatus, assess_goal
from concord.goals.services.stored import refresh_statuses


def lock_goals(pks: Iterable[int]) -> None:
    """Hold these goals until the transaction ends, in one order (no deadlock between two writers).
    NO KEY UPDATE: rows that merely point at a goal (its values, links to it) are not held up."""
    list(Goal.unscoped.select_for_update(no_key=True).filter(pk__in=set(pks)).order_by("pk").values("pk"))


def measurement_add(
    *, actor: User, goal: Goal, measured_on: datetime.date, value: Decimal, note: str = ""
) -> Measurement:
    """Record a value; one per goal and date (a different value for a recorded date is a
    correction). The model refuses values out of range and dates in the future."""
    # Either side measures a shared goal: the figures often come from the other side's systems
    # (the buyer's goods receipts give the supplier's on-time delivery); `entered_by` says who.
    require_contributor_inside(actor, goal)
    measurement = Measurement(goal=goal, measured_on=measured_on, value=value, note=note, entered_by=actor)
    with transaction.atomic():
        lock_goals([goal.pk])
        if Measurement.unscoped.filter(goal=goal, measured_on=measured_on).exists():
            raise ValidationFailed.single(
                "measured_on", f"There is already a value for {measured_on:%d %b %Y}; correct that one."
            )
        tracked_create(actor=actor, instance=measurement)
        refresh_statuses([goal.pk])
        note_success(actor, goal)
    return measurement


def measurement_correct(
    *,
    actor: User,
    measurement: Measurement,
    version: int | None,
    value: Decimal | Unset = UNSET,
    note: str | Unset = UNSET,
) -> Measurement:
    """Correct a value or its note; the audit trail keeps the earlier one. The date it belongs to
    stays."""
    require_contributor_inside(actor, measurement.goal)
    changes = given(value=value, note=note)
    with transaction.atomic():
        lock_goals([measurement.goal_id])
        updated = tracked_update(actor=actor, instance=measurement, version=version, changes=changes)
        refresh_statuses([measurement.goal_id])
        note_success(actor, measurement.goal)
    return updated


def assessment(
    goal: Goal, points: list[tuple[datetime.date, Decimal]] | None = None, today: datetime.date | None = None
) -> Assessment:
    """The goal's status, progress and trend from its recorded values (read here when not given)."""
    if points is None:
        points = list(Measurement.unscoped.filter(goal=goal).values_list("measured_on", "value"))
    return assess_goal(goal, points, today or timezone.localdate())


def note_successes(actor: User | None, goals: Iterable[Goal]) -> None:
    """`note_success` for many goals (an import's): only those with a target can reach it, and
    those with their win already noted are skipped in one query."""
    judged = {goal.pk: goal for goal in goals if goal.target is not None}
    won = SuccessEvent.unscoped.filter(goal_id__in=list(judged), kind="goal_achieved")
    for pk in won.values_list("goal_id", flat=True):
        judged.pop(pk, None)
    for goal in judged.values():
        note_success(actor, goal)


def note_success(actor: User | None, goal: Goal) -> None:
    """Record 'target reached' once per goal, on the date of the measurement that reached it."""
    result = assessment(goal)
    if (
        result.status != GoalStatus.ACHIEVED
        or SuccessEvent.unscoped.filter(goal=goal, kind="goal_achieved").exists()
    ):
        return
    reached = (
        Measurement.unscoped.filter(goal=goal)
        .order_by("-measured_on")
        .values_list("measured_on", flat=True)
        .first()
    )
    tracked_create(
        actor=actor,
        instance=SuccessEvent(
            created_by=actor,
            partnership_id=goal.partnership_id,
            owner_id=goal.owner_id,
            visibility=goal.visibility,
            kind="goal_achieved",
            goal=goal,
            occurred_on=reached or timezone.localdate(),
            text=f"Target reached: {goal.title}"[:300],
        ),
    )
