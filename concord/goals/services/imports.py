"""Measurements from a spreadsheet: plan an import (every problem by line and column, no writes),
then commit exactly that plan, all rows or none. Rows are read as the pages read them (dates,
numbers as people write them) and checked by the model's own rules."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from concord.access.policy import may_contribute_inside, require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.audit.services import tracked_bulk_create, tracked_update
from concord.core import faults
from concord.core.errors import ValidationFailed
from concord.goals import transfer
from concord.goals.models import Goal, Measurement
from concord.goals.numbers import parse_number
from concord.goals.services.measurements import lock_goals, note_success
from concord.partnerships.models import Partnership

COLUMNS = {"measured_on": "date", "value": "value", "note": "note"}


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str


@dataclass(frozen=True)
class ImportLine:
    line: int
    goal: Goal
    measured_on: datetime.date
    value: Decimal
    note: str
    action: str  # "add", "correct" or "unchanged"
    existing: Measurement | None = None


@dataclass
class ImportPlan:
    lines: list[ImportLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for line in self.lines if line.action == action)


class _GoalIndex:
    """The goals an import may name: by id, or by exact title when unambiguous."""

    def __init__(self, actor: User, partnership: Partnership) -> None:
        goals = list(
            Goal.objects.restrict(actor).filter(partnership=partnership).select_related("partnership")
        )
        self.actor = actor
        self.by_id = {g.pk: g for g in goals}
        titles: dict[str, list[Goal]] = {}
        for goal in goals:
            titles.setdefault(goal.title.strip().lower(), []).append(goal)
        self.by_title = titles
        self._measurable: dict[int, bool] = {}

    def measurable(self, goal: Goal) -> bool:
        if goal.pk not in self._measurable:
            self._measurable[goal.pk] = may_contribute_inside(self.actor, goal)
        return self._measurable[goal.pk]

    def find(self, cells: dict[str, Any]) -> tuple[Goal | None, str, str]:
        raw_id = str(cells.get("goal_id") or "").strip()
        if raw_id:
            goal = self.by_id.get(int(raw_id)) if raw_id.isdigit() and len(raw_id) < 19 else None
            return goal, "goal_id", "" if goal else f"No goal {raw_id} in this partnership."
        title = str(transfer.unescape(cells.get("goal")) or "").strip()
        found = self.by_title.get(title.lower(), [])
        if len(found) == 1:
            return found[0], "goal", ""
        if found:
            return None, "goal", f"Several goals are called '{title}'; use the goal_id column."
        return None, "goal", f"No goal called '{title}' in this partnership." if title else "Name the goal."


def measurements_plan(
    *, actor: User, partnership: Partnership, rows: list[transfer.RawRow], correct_existing: bool = False
) -> ImportPlan:
    """What importing `rows` would do, with every problem found (line, column, message). No writes."""
    require(actor, Action.CONTRIBUTE, partnership)
    index = _GoalIndex(actor, partnership)
    plan = ImportPlan()
    existing = {
        (m.goal_id, m.measured_on): m
        for m in Measurement.unscoped.filter(goal__in=list(index.by_id.values())).select_related("goal")
    }
    seen: dict[tuple[int, datetime.date], int] = {}
    for row in rows:
        before = len(plan.problems)
        goal, column, message = index.find(row.cells)
        if message:
            plan.problems.append(Problem(row.line, column, message))
        elif goal is not None and not index.measurable(goal):
            plan.problems.append(Problem(row.line, column, "You may not record values for this goal."))
        day, number, note = _read(row, plan.problems)
        if len(plan.problems) > before or goal is None or day is None or number is None:
            continue
        key = (goal.pk, day)
        if key in seen:
            plan.problems.append(
                Problem(row.line, "date", f"Line {seen[key]} already gives a value for this goal and date.")
            )
            continue
        seen[key] = row.line
        plan.lines.append(
            _plan_line(row.line, goal, day, number, note, existing.get(key), correct_existing, plan)
        )
    return plan


def _read(row: transfer.RawRow, problems: list[Problem]) -> tuple[datetime.date | None, Decimal | None, str]:
    """A row's date, value and note, read as the pages read them and checked by the model's own
    field rules (the bulk write that follows skips full_clean: the rows are checked here)."""
    day = transfer.parse_date(row.cells.get("date"))
    if day is None:
        problems.append(Problem(row.line, "date", "Write the date as YYYY-MM-DD."))
    number: Decimal | None = None
    try:
        number = parse_number(row.cells.get("value"))
    except ValueError as exc:
        problems.append(Problem(row.line, "value", str(exc)))
    note = str(transfer.unescape(row.cells.get("note")) or "").strip()
    candidate, unread = Measurement(note=note), ["goal", "entered_by"]
    for name, read in (("measured_on", day), ("value", number)):
        if read is None:
            unread.append(name)
        else:
            setattr(candidate, name, read)
    try:
        candidate.clean_fields(exclude=unread)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            problems.append(Problem(row.line, COLUMNS.get(name, name), messages[0]))
    return day, number, note


def _plan_line(
    line: int,
    goal: Goal,
    day: datetime.date,
    number: Decimal,
    note: str,
    current: Measurement | None,
    correct_existing: bool,
    plan: ImportPlan,
) -> ImportLine:
    if current is None:
        return ImportLine(line, goal, day, number, note, "add")
    if current.value == number and current.note == note:
        return ImportLine(line, goal, day, number, note, "unchanged", current)
    if not correct_existing:
        plan.problems.append(
            Problem(
                line,
                "value",
                f"Already recorded as {format(current.value.normalize(), 'f')} for {day:%d %b %Y}; "
                "choose 'correct existing values' to replace it (the old value stays in the history).",
            )
        )
    return ImportLine(line, goal, day, number, note, "correct", current)


def measurements_import(
    *, actor: User, partnership: Partnership, rows: list[transfer.RawRow], correct_existing: bool = False
) -> ImportPlan:
    """Commit an import: every row or none. Problems raise ValidationFailed naming line and column.

    The plan is made with the partnership's goals locked, so an import that runs at the same time
    (the same file sent twice) waits, then finds the values already there: unchanged, not doubled."""
    with transaction.atomic():
        lock_goals(Goal.unscoped.filter(partnership=partnership).values_list("pk", flat=True))
        plan = measurements_plan(
            actor=actor, partnership=partnership, rows=rows, correct_existing=correct_existing
        )
        if plan.problems:
            raise ValidationFailed({f"line {p.line}: {p.column}": [p.message] for p in plan.problems})
        tracked_bulk_create(
            actor=actor,
            instances=[
                Measurement(
                    goal=x.goal, measured_on=x.measured_on, value=x.value, note=x.note, entered_by=actor
                )
                for x in plan.lines
                if x.action == "add"
            ],
            reason="Imported from a spreadsheet.",
        )
        faults.hold("measurements_import")  # the rows are written, not committed (a test kills here)
        for x in plan.lines:
            if x.action == "correct" and x.existing is not None:
                tracked_update(
                    actor=actor,
                    instance=x.existing,
                    version=x.existing.version,
                    changes={"value": x.value, "note": x.note},
                    reason="Corrected by a spreadsheet import.",
                )
        for goal in {x.goal.pk: x.goal for x in plan.lines if x.action != "unchanged"}.values():
            note_success(actor, goal)
    return plan
