"""The goal's stored status (`Goal.status`, `progress`, `latest_on`, `status_on`), kept current.

`progress.assess` is the rule and stays the only one: what is stored is its answer on
`status_on`, a cache. It is refreshed
- by the goal services, in the same transaction, whenever the goal or one of its values changes
  (goal_create, goal_update, measurement_add, measurement_correct, measurements_import), and
- by the daily job (goals.tasks) for the goals whose status moves with the date alone (a goal on
  its straight line falls behind as days pass; a due date passes and it is missed): every goal
  neither achieved nor without data, and any goal not yet assessed today.

Only rows whose stored values differ are written (one bulk update), so the daily pass over a
large portfolio writes what changed. Not audited: the status is derived from audited records.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from concord.access import pages
from concord.goals.models import Goal
from concord.goals.progress import GoalStatus
from concord.goals.statuses import STATUS_FIELDS, assessed

STORED = ("status", "progress", "latest_on", "status_on")
BATCH = 2000  # goals assessed per round: bounded memory on a portfolio of 200,000 goals

# Statuses that cannot change without a write to the goal or its values (which refreshes them):
# the daily pass skips them once assessed.
SETTLED = (GoalStatus.ACHIEVED, GoalStatus.NO_DATA)


def _refresh_rows(goals: QuerySet[Goal], today: datetime.date, touched: set[int]) -> int:
    rows = list(goals.order_by("pk").values_list(*STATUS_FIELDS, *STORED))
    changed = []
    for row, status, progress, latest in assessed(rows, today):
        progress = round(progress, 1) if progress is not None else None
        now = (status.value, progress, latest)
        if tuple(row[7:10]) != now or row[10] is None:
            changed.append(
                Goal(pk=row[0], status=status.value, progress=progress, latest_on=latest, status_on=today)
            )
            touched.add(row[1])
    Goal.unscoped.bulk_update(changed, STORED, batch_size=500)
    return len(changed)


def refresh_statuses(
    goal_ids: Iterable[int], today: datetime.date | None = None, touched: set[int] | None = None
) -> int:
    """Store the current status of these goals (after a write to them or their values); returns
    how many changed, and adds their partnerships to `touched`. Two queries plus the writes,
    whatever the number of goals."""
    ids = sorted(set(goal_ids))
    today = today or timezone.localdate()
    touched = set() if touched is None else touched
    changed = 0
    for start in range(0, len(ids), BATCH):
        changed += _refresh_rows(Goal.unscoped.filter(pk__in=ids[start : start + BATCH]), today, touched)
    return changed


def refresh_dated(today: datetime.date | None = None) -> int:
    """The daily pass: refresh every goal whose status may have moved with the date (see
    SETTLED), in batches by primary key; returns how many changed."""
    today = today or timezone.localdate()
    moving = Goal.unscoped.filter(~Q(status__in=SETTLED) | Q(status_on__isnull=True))
    ids = list(moving.order_by("pk").values_list("pk", flat=True))
    touched: set[int] = set()
    changed = refresh_statuses(ids, today, touched)
    # no audit event says so: retire the cached pages that showed the old statuses
    pages.announce(f"partnership:{pk}" for pk in touched)
    return changed


def refresh_all(today: datetime.date | None = None) -> int:
    """Every goal (the back-fill; `concord refresh-goal-statuses --all`)."""
    return refresh_statuses(Goal.unscoped.values_list("pk", flat=True), today)
