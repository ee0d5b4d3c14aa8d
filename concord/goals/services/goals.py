"""Goal use cases: define goals, record and correct measurements, and note successes.

Each write re-assesses the goal; reaching the target records one success event per goal (the
wins feed reads it), with the goal's own visibility so an internal goal's win stays internal.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from concord.access.members import belongs_to
from concord.access.policy import may_contribute_inside, require, require_contributor_inside, writer_org
from concord.access.roles import Action, Visibility
from concord.audit.services import tracked_bulk_create, tracked_create, tracked_update
from concord.core.errors import ValidationFailed
from concord.goals import transfer
from concord.goals.models import Direction, Frequency, Goal, Measurement, SuccessEvent
from concord.goals.progress import GoalStatus, assess_goal
from concord.partnerships.models import Partnership
from concord.vision.services.document import link_objectives

FIELDS = (
    "title",
    "description",
    "metric",
    "unit",
    "baseline",
    "target",
    "direction",
    "start_date",
    "due_date",
    "frequency",
    "visibility",
    "owner_person",
)
LIMIT = Decimal("1e13")


def _decimal(errors: dict[str, list[str]], name: str, value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        errors[name] = ["Enter a number."]
        return None
    if not number.is_finite() or abs(number) >= LIMIT:
        errors[name] = ["Enter a finite number below 10 trillion."]
        return None
    return number


def _clean(fields: dict[str, Any], current: Goal | None = None) -> dict[str, Any]:
    cleaned = {k: v for k, v in fields.items() if k in FIELDS}
    errors: dict[str, list[str]] = {}
    start = cleaned.get("start_date", current.start_date if current else None)
    due = cleaned.get("due_date", current.due_date if current else None)
    if start is None and ("start_date" in cleaned or current is None):
        errors["start_date"] = ["Give the date the goal starts from."]
    elif due is not None and due <= start:
        errors["due_date"] = ["The due date must be after the start date."]
    for key in ("title", "description", "metric", "unit"):
        if key in cleaned:
            cleaned[key] = (cleaned[key] or "").strip()
    if "title" in cleaned and not cleaned["title"]:
        errors["title"] = ["Name the goal."]
    for key in ("baseline", "target"):
        if key in cleaned:
            cleaned[key] = _decimal(errors, key, cleaned[key])
    if "direction" in cleaned and cleaned["direction"] not in Direction.values:
        errors["direction"] = ["Choose higher or lower is better."]
    if "frequency" in cleaned and cleaned["frequency"] not in Frequency.values:
        errors["frequency"] = ["Choose weekly, monthly, quarterly or yearly."]
    if "visibility" in cleaned and cleaned["visibility"] not in Visibility.values:
        errors["visibility"] = ["Choose shared or internal."]
    if errors:
        raise ValidationFailed(errors)
    return cleaned


def _check_person(cleaned: dict[str, Any], owner_id: int) -> None:
    """The goal's person must belong to the owning organisation (an id or a user is accepted)."""
    if "owner_person" not in cleaned:
        return
    person = cleaned.pop("owner_person")
    person_id = getattr(person, "pk", person)
    if person_id in (None, ""):
        cleaned["owner_person_id"] = None
        return
    if not str(person_id).isdigit() or not belongs_to(int(person_id), owner_id):
        raise ValidationFailed.single(
            "owner_person", "Choose a person of the organisation that owns the goal."
        )
    cleaned["owner_person_id"] = int(person_id)


def _set_objectives(actor: Any, goal: Goal, objective_ids: list[int]) -> None:
    link_objectives(actor=actor, record=goal, partnership_id=goal.partnership_id, objective_ids=objective_ids)


def goal_create(
    *, actor: Any, partnership: Partnership, objective_ids: list[int] | None = None, **fields: Any
) -> Goal:
    owner_id = writer_org(actor, partnership)
    cleaned = _clean({"start_date": timezone.localdate(), "owner_person": actor, **fields})
    _check_person(cleaned, owner_id)
    with transaction.atomic():
        goal = tracked_create(
            actor=actor,
            instance=Goal(partnership=partnership, owner_id=owner_id, created_by=actor, **cleaned),
        )
        if objective_ids:
            _set_objectives(actor, goal, objective_ids)
    return goal


def goal_update(
    *, actor: Any, goal: Goal, version: int | None, objective_ids: list[int] | None = None, **fields: Any
) -> Goal:
    require(actor, Action.CHANGE, goal)
    changes = _clean(fields, goal)
    _check_person(changes, goal.owner_id)
    with transaction.atomic():
        updated = tracked_update(actor=actor, instance=goal, version=version, changes=changes)
        if "visibility" in changes:
            # A win follows its goal: a goal made internal takes its success events with it.
            SuccessEvent.unscoped.filter(goal=updated).update(visibility=updated.visibility)
        if objective_ids is not None:
            _set_objectives(actor, updated, objective_ids)
        _note_success(actor, updated)
    return updated


def measurement_add(
    *, actor: Any, goal: Goal, measured_on: datetime.date, value: Any, note: str = ""
) -> Measurement:
    # Either side measures a shared goal: the figures often come from the other side's systems
    # (the buyer's goods receipts give the supplier's on-time delivery); `entered_by` says who.
    require_contributor_inside(actor, goal)
    errors: dict[str, list[str]] = {}
    number = _decimal(errors, "value", value)
    if number is None and "value" not in errors:
        errors["value"] = ["Enter the measured value."]
    if measured_on > timezone.localdate():
        errors["measured_on"] = ["A measurement cannot be dated in the future."]
    if Measurement.unscoped.filter(goal=goal, measured_on=measured_on).exists():
        errors["measured_on"] = [f"There is already a value for {measured_on:%d %b %Y}; correct that one."]
    if errors or number is None:
        raise ValidationFailed(errors)
    with transaction.atomic():
        added = tracked_create(
            actor=actor,
            instance=Measurement(
                goal=goal, measured_on=measured_on, value=number, note=(note or "").strip(), entered_by=actor
            ),
        )
        _note_success(actor, goal)
    return added


def measurement_correct(
    *, actor: Any, measurement: Measurement, version: int | None, value: Any, note: str = ""
) -> Measurement:
    """Correct a value; the audit trail keeps the earlier one. The date it belongs to stays."""
    require_contributor_inside(actor, measurement.goal)
    errors: dict[str, list[str]] = {}
    number = _decimal(errors, "value", value)
    if number is None and "value" not in errors:
        errors["value"] = ["Enter the corrected value."]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        updated = tracked_update(
            actor=actor,
            instance=measurement,
            version=version,
            changes={"value": number, "note": (note or "").strip()},
        )
        _note_success(actor, measurement.goal)
    return updated


def assessment(
    goal: Goal, points: list[tuple[datetime.date, Decimal]] | None = None, today: datetime.date | None = None
) -> Any:
    if points is None:
        points = list(Measurement.unscoped.filter(goal=goal).values_list("measured_on", "value"))
    return assess_goal(goal, points, today or timezone.localdate())


def _note_success(actor: Any, goal: Goal) -> None:
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

    def __init__(self, actor: Any, partnership: Partnership) -> None:
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
    *, actor: Any, partnership: Partnership, rows: list[Any], correct_existing: bool = False
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
    today = timezone.localdate()
    for row in rows:
        before = len(plan.problems)
        goal, column, message = index.find(row.cells)
        if message:
            plan.problems.append(Problem(row.line, column, message))
        elif goal is not None and not index.measurable(goal):
            plan.problems.append(Problem(row.line, column, "You may not record values for this goal."))
        day = transfer.parse_date(row.cells.get("date"))
        if day is None:
            plan.problems.append(Problem(row.line, "date", "Write the date as YYYY-MM-DD."))
        elif day > today:
            plan.problems.append(Problem(row.line, "date", "A measurement cannot be dated in the future."))
        errors: dict[str, list[str]] = {}
        number = _decimal(errors, "value", transfer.parse_number(row.cells.get("value")))
        if errors or number is None:
            plan.problems.append(Problem(row.line, "value", (errors.get("value") or ["Enter a number."])[0]))
        note = str(transfer.unescape(row.cells.get("note")) or "").strip()
        if len(note) > 500:
            plan.problems.append(Problem(row.line, "note", "Keep the note under 500 characters."))
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
    *, actor: Any, partnership: Partnership, rows: list[Any], correct_existing: bool = False
) -> ImportPlan:
    """Commit an import: every row or none. Problems raise ValidationFailed naming line and column."""
    plan = measurements_plan(
        actor=actor, partnership=partnership, rows=rows, correct_existing=correct_existing
    )
    if plan.problems:
        raise ValidationFailed({f"line {p.line}: {p.column}": [p.message] for p in plan.problems})
    with transaction.atomic():
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
            _note_success(actor, goal)
    return plan
