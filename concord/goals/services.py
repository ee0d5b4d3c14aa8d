"""Goal use cases: define goals, record and correct measurements, and note successes.

Each write re-assesses the goal; reaching the target records one success event per goal (the
wins feed reads it), with the goal's own visibility so an internal goal's win stays internal.
"""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from concord.access.policy import require, require_contributor_in
from concord.access.roles import Action, Visibility
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import ValidationFailed
from concord.goals.models import Direction, Frequency, Goal, Measurement, SuccessEvent
from concord.goals.progress import GoalStatus, assess
from concord.partnerships.models import Partnership
from concord.partnerships.services import writer_org
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


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned = {k: v for k, v in fields.items() if k in FIELDS}
    errors: dict[str, list[str]] = {}
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


def _set_objectives(actor: Any, goal: Goal, objective_ids: list[int]) -> None:
    link_objectives(actor=actor, record=goal, partnership_id=goal.partnership_id, objective_ids=objective_ids)


def goal_create(
    *, actor: Any, partnership: Partnership, objective_ids: list[int] | None = None, **fields: Any
) -> Goal:
    owner_id = writer_org(actor, partnership)
    cleaned = _clean({"start_date": timezone.localdate(), **fields})
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
    with transaction.atomic():
        updated = tracked_update(actor=actor, instance=goal, version=version, changes=_clean(fields))
        if objective_ids is not None:
            _set_objectives(actor, updated, objective_ids)
        _note_success(actor, updated)
    return updated


def _require_measurer(actor: Any, goal: Goal) -> None:
    """The owning organisation's contributors measure its goals."""
    require(actor, Action.VIEW, goal)
    require_contributor_in(actor, goal.partnership, goal.owner_id)


def measurement_add(
    *, actor: Any, goal: Goal, measured_on: datetime.date, value: Any, note: str = ""
) -> Measurement:
    _require_measurer(actor, goal)
    errors: dict[str, list[str]] = {}
    number = _decimal(errors, "value", value)
    if number is None and "value" not in errors:
        errors["value"] = ["Enter the measured value."]
    if measured_on > timezone.localdate():
        errors["measured_on"] = ["A measurement cannot be dated in the future."]
    if goal.measurements.filter(measured_on=measured_on).exists():
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
    _require_measurer(actor, measurement.goal)
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
        points = list(goal.measurements.values_list("measured_on", "value"))
    return assess(
        points,
        baseline=float(goal.baseline) if goal.baseline is not None else None,
        target=float(goal.target) if goal.target is not None else None,
        higher_is_better=goal.higher_is_better,
        start=goal.start_date,
        due=goal.due_date,
        today=today or timezone.localdate(),
    )


def _note_success(actor: Any, goal: Goal) -> None:
    """Record 'target reached' once per goal, on the date of the measurement that reached it."""
    result = assessment(goal)
    if (
        result.status != GoalStatus.ACHIEVED
        or SuccessEvent.objects.filter(goal=goal, kind="goal_achieved").exists()
    ):
        return
    reached = goal.measurements.order_by("-measured_on").values_list("measured_on", flat=True).first()
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
