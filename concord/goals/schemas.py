"""The goal API's shapes: goals with their computed status, measurements, imports and exports.
Input bodies come from the pages' forms (core.inputs); the spreadsheet import is a file upload
(multipart), so it keeps its own parameters in api.py."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from concord.access.roles import Visibility
from concord.core import filtering, inputs
from concord.core.inputs import MAX_ID
from concord.goals import selectors, services
from concord.goals.filters import GoalFilter, MeasurementFilter
from concord.goals.forms import CorrectionForm, GoalEditForm, GoalForm, MeasurementForm
from concord.goals.models import Direction, Frequency
from concord.goals.progress import GoalStatus


class FindingOut(Schema):
    letter: str = Field(description="S, M, A, R or T")
    field: str
    message: str


class OverdueOut(Schema):
    period: str
    period_start: date
    due_by: date


class StatusOut(Schema):
    status: GoalStatus
    reason: str
    progress: float | None = Field(description="Percent from baseline to target.")
    expected: float | None = Field(description="Percent the straight line expects by today.")
    trend_per_day: float | None
    forecast: date | None = Field(description="When the trend reaches the target.")
    latest_value: Decimal | None
    latest_date: date | None
    overdue: OverdueOut | None


class GoalOut(Schema):
    id: int
    partnership_id: int
    owner_id: int = Field(description="The owning organisation (the `owner` filter takes it).")
    owner: str
    owner_person: str | None
    visibility: Visibility
    title: str
    description: str
    metric: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    direction: Direction
    start_date: date
    due_date: date | None
    frequency: Frequency
    objectives: list[str]
    objective_ids: list[int]
    status: StatusOut
    smart: list[FindingOut]
    version: int


def goal_out(view: selectors.GoalView) -> dict[str, Any]:
    goal, result = view.goal, view.assessment
    objectives = list(goal.objectives.all())
    return {
        **{
            name: getattr(goal, name)
            for name in ("id", "partnership_id", "owner_id", "visibility", "title", "description")
        },
        **{name: getattr(goal, name) for name in ("metric", "unit", "baseline", "target", "direction")},
        **{name: getattr(goal, name) for name in ("start_date", "due_date", "frequency", "version")},
        "owner": goal.owner.name,
        "owner_person": goal.owner_person.get_full_name() if goal.owner_person else None,
        "objectives": [o.code for o in objectives],
        "objective_ids": [o.pk for o in objectives],
        "status": {
            "status": result.status,
            "reason": result.reason,
            "progress": result.progress,
            "expected": result.expected,
            "trend_per_day": result.slope_per_day,
            "forecast": result.forecast,
            "latest_value": view.latest[1] if view.latest else None,
            "latest_date": view.latest[0] if view.latest else None,
            "overdue": (
                {
                    "period": view.overdue.period_label,
                    "period_start": view.overdue.period_start,
                    "due_by": view.overdue.due_by,
                }
                if view.overdue
                else None
            ),
        },
        "smart": [{"letter": f.letter, "field": f.field, "message": f.message} for f in view.findings],
    }


class MeasurementOut(Schema):
    id: int
    goal_id: int
    measured_on: date
    value: Decimal
    note: str
    entered_by: str | None
    created_at: datetime
    updated_at: datetime
    version: int

    @staticmethod
    def resolve_entered_by(obj: Any) -> str | None:
        return obj.entered_by.get_full_name() if obj.entered_by else None


# The bodies are the pages' forms (core.inputs): the same fields, limits and checks.
class GoalIn(inputs.input_schema(GoalForm, name="GoalIn")):  # type: ignore[misc]
    """Add a goal (forms.GoalForm); the start date defaults to today, its person to you."""


class GoalPatch(inputs.input_schema(GoalEditForm, name="GoalPatch", partial=True)):  # type: ignore[misc]
    """Change a goal: only what is sent changes (forms.GoalEditForm); `objective_ids` is the whole set."""


class MeasurementIn(inputs.input_schema(MeasurementForm, name="MeasurementIn")):  # type: ignore[misc]
    """Record a value (forms.MeasurementForm): a JSON number, or text such as "12,390" or "96,5"."""


class CorrectionIn(inputs.input_schema(CorrectionForm, name="CorrectionIn", partial=True)):  # type: ignore[misc]
    """Correct a value or its note: only what is sent changes (forms.CorrectionForm)."""


class ProblemOut(Schema):
    line: int
    column: str
    message: str


class ImportLineOut(Schema):
    line: int
    goal_id: int
    measured_on: date
    value: Decimal
    note: str
    action: Literal["add", "correct", "unchanged"]


class MeasurementImportOut(Schema):
    dry_run: bool
    ok: bool = Field(description="False when there are problems; then nothing was (or would be) imported.")
    lines: list[ImportLineOut] = Field(description="The first lines (at most 200).")
    problems: list[ProblemOut] = Field(description="The first problems (at most 100).")
    problem_count: int = Field(description="Every problem found, listed or not.")
    added: int
    corrected: int
    unchanged: int


class GoalFilters(filtering.query_schema(GoalFilter)):  # type: ignore[misc]
    """The Goals tab's filters (filters.GoalFilter); status and overdue are computed."""


class MeasurementFilters(filtering.query_schema(MeasurementFilter)):  # type: ignore[misc]
    """A goal's measurements between two dates (filters.MeasurementFilter)."""


class ExportParams(Schema):
    format: Literal["csv", "xlsx"] = "xlsx"
    goal_id: int | None = Field(None, ge=1, le=MAX_ID)


def import_out(plan: services.ImportPlan, *, dry_run: bool) -> dict[str, Any]:
    """An import plan (services.ImportPlan) as MeasurementImportOut."""
    return {
        "dry_run": dry_run,
        "ok": not plan.problem_count,
        "lines": [
            {
                "line": x.line,
                "goal_id": x.goal.pk,
                "measured_on": x.measured_on,
                "value": x.value,
                "note": x.note,
                "action": x.action,
            }
            for x in plan.lines
        ],
        "problems": plan.problems,
        "problem_count": plan.problem_count,
        "added": plan.count("add"),
        "corrected": plan.count("correct"),
        "unchanged": plan.count("unchanged"),
    }
