"""The Goals tab as a spreadsheet: one row per goal the reader can see, with its computed status
(core.exports does the writing, the chunks and the cap). The measurements' own export, with the
import's columns, is transfer.export_table."""

from collections.abc import Iterator
from itertools import batched
from typing import Any

from django.db.models import QuerySet

from concord.core import exports
from concord.core.exports import Column, label, person
from concord.goals import selectors
from concord.goals.models import Goal
from concord.goals.selectors import GoalView


def _latest(v: GoalView, part: int) -> Any:
    return v.latest[part] if v.latest else None


def _progress(v: GoalView) -> float | None:
    return None if v.assessment.progress is None else round(v.assessment.progress, 1)


GOAL_COLUMNS = [
    Column("Id", lambda v: v.goal.pk),
    Column("Goal", lambda v: v.goal.title),
    Column("Owner", lambda v: v.goal.owner.name),
    Column("Visibility", lambda v: v.goal.visibility),
    Column("Owner person", lambda v: person(v.goal.owner_person)),
    Column("Metric", lambda v: v.goal.metric),
    Column("Unit", lambda v: v.goal.unit),
    Column("Baseline", lambda v: v.goal.baseline),
    Column("Target", lambda v: v.goal.target),
    Column("Direction", lambda v: label(v.goal, "direction")),
    Column("Frequency", lambda v: label(v.goal, "frequency")),
    Column("Start", lambda v: v.goal.start_date),
    Column("Due", lambda v: v.goal.due_date),
    Column("Status", lambda v: v.assessment.label),
    Column("Progress %", lambda v: _progress(v)),
    Column("Latest value", lambda v: _latest(v, 1)),
    Column("Latest date", lambda v: _latest(v, 0)),
    Column("Measurement overdue", lambda v: v.overdue is not None),
    Column("Objectives", lambda v: ", ".join(o.code for o in v.goal.objectives.all())),
]


def goal_table(goals: QuerySet[Goal], *, status: str | None, overdue: bool | None) -> exports.Table:
    """The filtered goals (GoalFilter's queryset and its computed filters), described a chunk at a
    time: two queries a chunk (the goals with their objectives, then their measurements)."""
    found, cut_from = exports.records(goals)

    def rows() -> Iterator[list[Any]]:
        for part in batched(found, exports.CHUNK):
            for view in selectors.goal_views(part, status=status, overdue=overdue):
                yield [c.cell(view) for c in GOAL_COLUMNS]

    return exports.Table([c.header for c in GOAL_COLUMNS], rows(), cut_from)
