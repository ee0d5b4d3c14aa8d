"""Measurements from a spreadsheet of any size, streamed: rows are read one at a time, checked
against the partnership's goals (loaded once) and written in batches inside one transaction, so
memory holds a batch, never the file. All rows or none: the first problem stops the writing, the
rest of the file is still checked (problems counted, the first MAX_PROBLEMS kept), and the
transaction is rolled back. A dry run (`measurements_plan`) checks the same way and writes nothing.

Rows are read as the pages read them (dates, numbers as people write them) and checked by the
model's own rules: a fast check of the same bounds, and the model's clean_fields for the message
whenever a row fails it.
"""

import csv
import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple, TextIO

from django.db import transaction
from django.utils import timezone

from concord.access.policy import require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.audit.services import tracked_update
from concord.core import faults
from concord.core.errors import ValidationFailed
from concord.goals import transfer
from concord.goals.models import Goal, Measurement
from concord.goals.services.import_index import DayMarks, GoalIndex, read_cells
from concord.goals.services.import_writes import MeasurementWriter
from concord.goals.services.measurements import lock_goals, note_successes
from concord.goals.services.stored import refresh_statuses
from concord.partnerships.models import Partnership

SAMPLE = 200  # lines a preview shows and the API answers
MAX_PROBLEMS = 100  # problems listed; all are counted
BATCH = 50_000  # rows compared with the stored values and written at a time


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
    """What an import does (or did): counts of every kind, a sample of its first lines and its
    first problems, with the count of all of them."""

    lines: list[ImportLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def count(self, action: str) -> int:
        return self.counts[action]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    # For templates, which cannot call count("add").
    count_add = property(lambda self: self.counts["add"])
    count_correct = property(lambda self: self.counts["correct"])
    count_unchanged = property(lambda self: self.counts["unchanged"])

    def problem(self, line: int, column: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(line, column, message))

    def accept(self, line: ImportLine) -> None:
        self.counts[line.action] += 1
        if len(self.lines) < SAMPLE:
            self.lines.append(line)


class Stored(NamedTuple):
    """A stored value an import row names."""

    pk: int
    value: Decimal
    note: str
    version: int

    def instance(self, goal: Goal, day: datetime.date) -> Measurement:
        return Measurement(
            pk=self.pk, goal=goal, measured_on=day, value=self.value, note=self.note, version=self.version
        )


class ImportRefused(ValidationFailed):
    """An import with problems: nothing was written; `plan` says what was found."""

    def __init__(self, plan: ImportPlan) -> None:
        errors = {f"line {p.line}: {p.column}": [p.message] for p in plan.problems}
        if plan.problem_count > len(plan.problems):
            errors["__all__"] = [
                f"{plan.problem_count:,} problems in all; the first {len(plan.problems)} are listed."
            ]
        super().__init__(errors)
        self.plan = plan


def measurements_plan(
    *,
    actor: User,
    partnership: Partnership,
    rows: Iterable[transfer.RawRow],
    correct_existing: bool = False,
    stage: TextIO | None = None,
) -> ImportPlan:
    """What importing `rows` would do, with its problems (line, column, message). No writes.
    `stage`, when given, receives every accepted row as CSV (the preview's rows to commit)."""
    require(actor, Action.CONTRIBUTE, partnership)
    run = _Run(actor, partnership, correct_existing, writer=None, stage=stage)
    run.consume(rows)
    return run.plan


def measurements_import(
    *,
    actor: User,
    partnership: Partnership,
    rows: Iterable[transfer.RawRow],
    correct_existing: bool = False,
    source: str = "",
    sha256: str = "",
) -> ImportPlan:
    """Commit an import: every row or none. Problems raise ImportRefused naming line and column.

    The rows are checked with the partnership's goals locked, so an import that runs at the same
    time (the same file sent twice) waits, then finds the values already there: unchanged, not
    doubled. `source` and `sha256` name the file in the audit trail (docs/audit.md); a
    transfer.Sheet gives its own when they are not given."""
    require(actor, Action.CONTRIBUTE, partnership)
    with transaction.atomic():
        lock_goals(Goal.unscoped.filter(partnership=partnership).values_list("pk", flat=True))
        writer = MeasurementWriter(actor=actor, now=timezone.now())
        run = _Run(actor, partnership, correct_existing, writer=writer)
        run.consume(rows)
        if run.plan.problem_count:
            raise ImportRefused(run.plan)
        writer.finish(
            source=source or getattr(rows, "name", ""), sha256=sha256 or getattr(rows, "sha256", "")
        )
        faults.hold("measurements_import")  # the rows are written, not committed (a test kills here)
        refresh_statuses(run.touched)
        note_successes(actor, run.touched.values())
    return run.plan


class _Run:
    """One pass over the rows: check each, compare a batch at a time with the stored values, and
    hand the batch to the writer while no problem has been found."""

    def __init__(
        self,
        actor: User,
        partnership: Partnership,
        correct_existing: bool,
        *,
        writer: MeasurementWriter | None,
        stage: TextIO | None = None,
    ) -> None:
        self.actor, self.correct_existing, self.writer = actor, correct_existing, writer
        self.index = GoalIndex(actor, partnership)
        self.stored = DayMarks.of_stored(self.index.by_id)
        self.seen = DayMarks()
        self.today = timezone.localdate()
        self.plan = ImportPlan()
        self.touched: dict[int, Goal] = {}
        self.stage = csv.writer(stage) if stage is not None else None
        if self.stage is not None:
            self.stage.writerow(["goal_id", "date", "value", "note"])

    def consume(self, rows: Iterable[transfer.RawRow]) -> None:
        batch: list[tuple[int, Goal, datetime.date, Decimal, str]] = []
        for row in rows:
            checked = self._check(row)
            if checked is not None:
                batch.append(checked)
                if len(batch) >= BATCH:
                    self._flush(batch)
                    batch = []
        self._flush(batch)

    def _check(self, row: transfer.RawRow) -> tuple[int, Goal, datetime.date, Decimal, str] | None:
        goal, column, message = self.index.find(row.cells)
        before = self.plan.problem_count
        if message:
            self.plan.problem(row.line, column, message)
        day, number, note = read_cells(row, self.today, self.plan.problem)
        if self.plan.problem_count > before or goal is None or day is None or number is None:
            return None
        first = self.seen.get(goal.id, day)
        if first:
            self.plan.problem(row.line, "date", f"Line {first} already gives a value for this goal and date.")
            return None
        self.seen.put(goal.id, day, row.line)
        return row.line, goal, day, number, note

    def _flush(self, batch: list[tuple[int, Goal, datetime.date, Decimal, str]]) -> None:
        current = self._stored_of(batch)
        adds: list[tuple[Goal, datetime.date, Decimal, str]] = []
        for line, goal, day, number, note in batch:
            stored = current.get((goal.id, day))
            action = self._action(line, day, number, note, stored)
            found = stored.instance(goal, day) if stored is not None and action == "correct" else None
            self.plan.accept(ImportLine(line, goal, day, number, note, action, found))
            if self.stage is not None:
                self.stage.writerow(
                    [goal.id, day.isoformat(), transfer.csv_cell(number), transfer.csv_cell(note)]
                )
            if action == "add":
                adds.append((goal, day, number, note))
            if action != "unchanged":
                self.touched[goal.id] = goal
            if action == "correct" and found is not None and self._writing():
                _correct(self.actor, found, number, note)
        if adds and self._writing():
            assert self.writer is not None
            self.writer.add(adds)

    def _writing(self) -> bool:
        return self.writer is not None and not self.plan.problem_count

    def _stored_of(self, batch: list[Any]) -> dict[tuple[int, datetime.date], "Stored"]:
        """The stored values the batch names (one query, only when some are stored)."""
        keys = {(goal.id, day) for _, goal, day, _, _ in batch if self.stored.get(goal.id, day)}
        if not keys:
            return {}
        found = Measurement.unscoped.filter(
            goal_id__in={g for g, _ in keys}, measured_on__in={d for _, d in keys}
        ).values_list("pk", "goal_id", "measured_on", "value", "note", "version")
        # Plain values, not model instances: a file sent twice compares every row with one.
        return {
            (goal_id, day): Stored(pk, value, note, version)
            for pk, goal_id, day, value, note, version in found.iterator(chunk_size=10_000)
            if (goal_id, day) in keys
        }

    def _action(
        self, line: int, day: datetime.date, number: Decimal, note: str, current: "Stored | None"
    ) -> str:
        if current is None:
            return "add"
        if current.value == number and current.note == note:
            return "unchanged"
        if not self.correct_existing:
            self.plan.problem(
                line,
                "value",
                f"Already recorded as {format(current.value.normalize(), 'f')} for {day:%d %b %Y}; "
                "choose 'correct existing values' to replace it (the old value stays in the history).",
            )
        return "correct"


def _correct(actor: User, existing: Measurement, value: Decimal, note: str) -> None:
    """A correction stays a tracked update with its version: its history shows the old value."""
    tracked_update(
        actor=actor,
        instance=existing,
        version=existing.version,
        changes={"value": value, "note": note},
        reason="Corrected by a spreadsheet import.",
    )
