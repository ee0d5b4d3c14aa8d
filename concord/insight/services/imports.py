"""The installed base from a spreadsheet: every row checked by the model's own rules; a dry run
reports what would be added and every problem (line, column, message) and writes nothing; a real
import writes all rows or none, in one transaction, through the audit trail."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from concord.access.roles import Visibility
from concord.access.sides import require_insight_writer
from concord.accounts.models import User
from concord.audit.services import tracked_bulk_create
from concord.core.errors import ValidationFailed
from concord.insight import transfer
from concord.insight.models import QUANTITY, InstalledItem, ItemStatus
from concord.partnerships.models import Partnership

MAX_PROBLEMS = 100  # listed; all are counted
SAMPLE = 200
# A column's header in the file, by the model field it fills.
HEADERS = {"item_version": "version"}


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str


@dataclass
class ImportPlan:
    items: list[InstalledItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def sample(self) -> list[InstalledItem]:
        return self.items[:SAMPLE]

    def problem(self, line: int, column: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(line, column, message))


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


def _quantity(value: Any) -> int | str:
    written = transfer.text(value) or "1"
    try:
        number = float(written.replace(",", ""))
    except ValueError:
        return written
    return int(number) if number.is_integer() else written


def _row(plan: ImportPlan, row: transfer.RawRow, partnership: Partnership, owner: int, actor: User) -> None:
    cells = row.cells
    values: dict[str, Any] = {
        name: transfer.text(cells.get(HEADERS.get(name, name)))
        for name in ("technology", "make", "model", "item_version", "site", "notes")
    }
    problems: dict[str, str] = {}
    status = transfer.text(cells.get("status")).lower().replace(" ", "_") or ItemStatus.CURRENT
    if status not in ItemStatus.values:
        problems["status"] = "Write current, ageing, end of support or retired."
    visibility = transfer.text(cells.get("visibility")).lower() or Visibility.INTERNAL
    if visibility not in Visibility.values:
        problems["visibility"] = "Write shared or internal."
    quantity = _quantity(cells.get("quantity"))
    if isinstance(quantity, str):
        problems["quantity"] = f"“{quantity}” is not a whole number."
    elif not 1 <= quantity <= 1_000_000:
        problems["quantity"] = QUANTITY  # the model's rule, told with the row's other problems
    dates = {}
    for name in ("installed_on", "end_of_support_on"):
        day = transfer.date_of(cells.get(name))
        if isinstance(day, str):
            problems[name] = f"“{day}” is not a date; write it as 2027-03-31."
        else:
            dates[name] = day
    if problems:
        for column, message in problems.items():
            plan.problem(row.line, column, message)
        return
    item = InstalledItem(
        partnership=partnership,
        owner_id=owner,
        created_by=actor,
        visibility=visibility,
        status=status,
        quantity=quantity,
        **values,
        **dates,
    )
    try:
        item.full_clean(exclude=["partnership", "owner", "created_by"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            plan.problem(row.line, HEADERS.get(name, name), " ".join(messages))
        return
    plan.items.append(item)


def items_plan(*, actor: User, partnership: Partnership, rows: Iterable[transfer.RawRow]) -> ImportPlan:
    """What importing `rows` would add, and every problem. Writes nothing."""
    owner = require_insight_writer(actor, partnership)
    plan = ImportPlan()
    for row in rows:
        _row(plan, row, partnership, owner, actor)
    return plan


def items_import(*, actor: User, partnership: Partnership, rows: Iterable[transfer.RawRow]) -> ImportPlan:
    """Add every row or none: any problem refuses the whole file (ImportRefused, 422 in the API)."""
    plan = items_plan(actor=actor, partnership=partnership, rows=rows)
    if plan.problem_count:
        raise ImportRefused(plan)
    with transaction.atomic():
        tracked_bulk_create(actor=actor, instances=plan.items, reason="Imported from a spreadsheet")
    return plan
