"""Each goal's status, assessed from the few values it depends on, for many goals at once.

`progress.assess` stays the single rule; this module feeds it. It serves two readers: the stored
status on the goal (`Goal.status`, a cache the goal services keep current: services/stored.py)
and anyone who must assess goals on another day than today (a back-test). One query for the
measurements whatever the number of goals."""

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import F, FloatField, Q, Window
from django.db.models.functions import Cast, RowNumber

from concord.goals.models import Direction, Measurement
from concord.goals.progress import TREND_POINTS, GoalStatus, assess

CLOSED = (GoalStatus.ACHIEVED, GoalStatus.MISSED)

# The first fields of each goal row `assessed` reads (values_list order).
STATUS_FIELDS = ("pk", "partnership_id", "baseline", "target", "direction", "start_date", "due_date")


def assessed(
    goals: list[tuple[Any, ...]], today: datetime.date
) -> list[tuple[tuple[Any, ...], GoalStatus, float | None, datetime.date | None]]:
    """Each goal row (its first fields STATUS_FIELDS) with its status, its progress (percent from
    baseline to target) and the date of its latest value. Only what a status depends on is read:
    the latest value of a goal measured against its straight line from baseline to due date, the
    last TREND_POINTS values of one judged by its trend."""
    by_trend = [g[0] for g in goals if g[2] is None or g[6] is None or g[6] <= g[5] or g[2] == g[3]]
    recent = (
        Measurement.unscoped.filter(goal_id__in=[g[0] for g in goals])
        .annotate(rank=Window(RowNumber(), partition_by=F("goal_id"), order_by=F("measured_on").desc()))
        .filter(Q(rank=1) | Q(goal_id__in=by_trend, rank__lte=TREND_POINTS))
        .order_by()  # sorted per goal below: no need to make the database sort them all again
        .values_list("goal_id", "measured_on", Cast("value", FloatField()))
    )
    points: dict[int, list[tuple[datetime.date, float]]] = defaultdict(list)
    for goal_id, day, value in recent:
        points[goal_id].append((day, value))
    found = []
    for row in goals:
        pk, _, baseline, target, direction, start, due = row[:7]
        mine = sorted(points.get(pk, []))
        result = assess(
            mine,
            baseline=float(baseline) if baseline is not None else None,
            target=float(target) if target is not None else None,
            higher_is_better=direction == Direction.HIGHER,
            start=start,
            due=due,
            today=today,
            detail=False,
        )
        found.append((row, result.status, result.progress, mine[-1][0] if mine else None))
    return found
