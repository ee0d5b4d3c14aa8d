"""What an import checks each row against, held in memory that grows with the partnership's goals
and the years they cover, never with the number of rows: the goals (by id and title), the dates
already given in the file and the dates already stored, as one mark per goal, year and day."""

import datetime
from array import array
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from concord.access.policy import may_contribute_inside
from concord.access.roles import Visibility
from concord.accounts.models import User
from concord.goals import transfer
from concord.goals.models import NUMBER_LIMIT, Goal, Measurement
from concord.goals.numbers import parse_number
from concord.partnerships.models import Partnership

COLUMNS = {"measured_on": "date", "value": "value", "note": "note"}
NOTE_LIMIT = Measurement._meta.get_field("note").max_length or 500
Report = Callable[[int, str, str], None]


class GoalIndex:
    """The goals an import may name: by id, or by exact title when unambiguous."""

    def __init__(self, actor: User, partnership: Partnership) -> None:
        goals = list(
            Goal.objects.restrict(actor).filter(partnership=partnership).select_related("partnership")
        )
        self.actor = actor
        self.by_id = {g.pk: g for g in goals}
        self.by_text = {str(g.pk): g for g in goals}  # the id as a CSV cell gives it: no parsing
        titles: dict[str, list[Goal]] = {}
        for goal in goals:
            titles.setdefault(goal.title.strip().lower(), []).append(goal)
        self.by_title = titles
        self._measurable: dict[int, bool] = {}

    def measurable(self, goal: Goal) -> bool:
        """access.policy decides for one goal of each kind: the goals were read for the actor, and
        whether they may add values to one of them depends on nothing but its visibility and,
        for an internal goal, its owner (policy.require_contributor_inside)."""
        kind = goal.owner_id if goal.visibility == Visibility.INTERNAL else 0
        if kind not in self._measurable:
            self._measurable[kind] = may_contribute_inside(self.actor, goal)
        return self._measurable[kind]

    def find(self, cells: dict[str, Any]) -> tuple[Goal | None, str, str]:
        """The goal a row names, the column that names it, and a problem (or "")."""
        goal = self.by_text.get(cells.get("goal_id"))  # type: ignore[arg-type]
        if goal is None:
            goal, column, message = self._find_slowly(cells)
        else:
            column, message = "goal_id", ""
        if goal is not None and not self.measurable(goal):
            return None, column, "You may not record values for this goal."
        return goal, column, message

    def _find_slowly(self, cells: dict[str, Any]) -> tuple[Goal | None, str, str]:
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


class DayMarks:
    """A number (0 = none) for each goal and day, kept per goal in blocks of 512 days: the line
    that first gave a value, or 1 for a stored one. 2 KB per goal and block of days covered,
    whatever the number of rows."""

    def __init__(self) -> None:
        self._blocks: dict[int, array[int]] = {}

    @classmethod
    def of_stored(cls, goals: dict[int, Goal]) -> "DayMarks":
        marks = cls()
        stored = Measurement.unscoped.filter(goal_id__in=list(goals)).values_list("goal_id", "measured_on")
        for goal_id, day in stored.iterator(chunk_size=10_000):
            marks.put(goal_id, day, 1)
        return marks

    def get(self, goal_id: int, day: datetime.date) -> int:
        ordinal = day.toordinal()
        block = self._blocks.get((goal_id << 12) + (ordinal >> 9))
        return block[ordinal & 511] if block is not None else 0

    def put(self, goal_id: int, day: datetime.date, mark: int) -> None:
        ordinal = day.toordinal()
        key = (goal_id << 12) + (ordinal >> 9)  # ordinals stay below 2**22: 2**13 blocks
        block = self._blocks.get(key)
        if block is None:
            block = self._blocks[key] = array("I", bytes(512 * array("I").itemsize))
        block[ordinal & 511] = mark


def read_cells(
    row: transfer.RawRow, today: datetime.date, report: Report
) -> tuple[datetime.date | None, Decimal | None, str]:
    """A row's date, value and note, read as the pages read them. The usual row passes a quick
    check of the model's rules (date not in the future, value within its bounds, note not too
    long); any other is checked by the model itself, which gives the message."""
    cells = row.cells
    day = transfer.parse_date(cells.get("date"))
    if day is None:
        report(row.line, "date", "Write the date as YYYY-MM-DD.")
    number: Decimal | None = None
    try:
        number = parse_number(cells.get("value"))
    except ValueError as exc:
        report(row.line, "value", str(exc))
    note = cells.get("note")
    note = "" if note is None else str(transfer.unescape(note)).strip()
    if _plainly_valid(day, number, note, today):
        return day, number, note
    _model_check(row.line, day, number, note, report)
    return day, number, note


def _plainly_valid(
    day: datetime.date | None, number: Decimal | None, note: str, today: datetime.date
) -> bool:
    return (
        day is not None
        and day <= today
        and number is not None
        and -NUMBER_LIMIT <= number <= NUMBER_LIMIT
        and len(note) <= NOTE_LIMIT
    )


def _model_check(
    line: int, day: datetime.date | None, number: Decimal | None, note: str, report: Report
) -> None:
    """The model's own field rules (the bulk write that follows skips full_clean)."""
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
            report(line, COLUMNS.get(name, name), messages[0])
