"""API: goals with their computed status, measurements (entry, corrections, spreadsheet import and
export) and the trend chart's Vega-Lite spec."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, File, Form, Path, Query, Router, Schema, Status, UploadedFile

from concord.access.roles import Visibility
from concord.audit.selectors import history_for
from concord.core import filtering
from concord.core.api import MAX_ID, AuditEventOut, Version, responses
from concord.core.downloads import attachment
from concord.core.paging import Paged, PageParams, page
from concord.goals import selectors, services, transfer
from concord.goals.charts import goal_chart
from concord.goals.filters import GoalFilter, MeasurementFilter
from concord.goals.models import Direction, Frequency
from concord.goals.progress import GoalStatus
from concord.partnerships.selectors import partnership_get

router = Router(tags=["goals"])
Id = Path(..., ge=1, le=MAX_ID)
Number = Decimal | None


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


def _goal_out(view: selectors.GoalView) -> dict[str, Any]:
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


class GoalIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=20000)
    metric: str = Field("", max_length=120)
    unit: str = Field("", max_length=30)
    baseline: Number = None
    target: Number = None
    direction: Direction = Direction.HIGHER
    start_date: date | None = Field(None, description="Default today.")
    due_date: date | None = None
    frequency: Frequency = Frequency.MONTHLY
    visibility: Visibility = Visibility.SHARED
    owner_person_id: int | None = Field(None, ge=1, le=MAX_ID, description="Default: you.")
    objective_ids: list[int] = Field(default_factory=list, max_length=100)


class GoalPatch(Schema):
    version: Version
    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=20000)
    metric: str | None = Field(None, max_length=120)
    unit: str | None = Field(None, max_length=30)
    baseline: Number = None
    target: Number = None
    direction: Direction | None = None
    start_date: date | None = None
    due_date: date | None = None
    frequency: Frequency | None = None
    visibility: Visibility | None = None
    owner_person_id: int | None = Field(None, ge=1, le=MAX_ID)
    objective_ids: list[int] | None = Field(None, max_length=100)


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


class MeasurementIn(Schema):
    measured_on: date
    value: Decimal = Field(allow_inf_nan=False)
    note: str = Field("", max_length=500)


class CorrectionIn(Schema):
    version: Version
    value: Decimal = Field(allow_inf_nan=False)
    note: str = Field("", max_length=500)


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


class ImportOut(Schema):
    dry_run: bool
    ok: bool = Field(description="False when there are problems; then nothing was (or would be) imported.")
    lines: list[ImportLineOut]
    problems: list[ProblemOut]
    added: int
    corrected: int
    unchanged: int


class GoalFilters(filtering.query_schema(GoalFilter)):  # type: ignore[misc]
    """The Goals tab's filters (filters.GoalFilter); status and overdue are computed."""


class MeasurementFilters(filtering.query_schema(MeasurementFilter)):  # type: ignore[misc]
    """A goal's measurements between two dates (filters.MeasurementFilter)."""


@router.get(
    "/partnerships/{partnership_id}/goals",
    response=responses(200, Paged[GoalOut], 404),
    summary="Goals of a partnership with status, progress, trend, forecast, overdue flag and SMART findings",
)
def goal_list(
    request: HttpRequest,
    filters: Query[GoalFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        GoalFilter, filters, selectors.goal_list(actor=request.user, partnership=partnership)
    )
    views = selectors.goal_views(
        found.qs,
        status=filtering.cleaned(found, "status"),
        overdue=filtering.cleaned(found, "overdue"),
    )
    answer = page(views, paging)
    answer["results"] = [_goal_out(v) for v in answer["results"]]
    return answer


def _fields(payload: Schema, *, exclude_unset: bool) -> tuple[dict[str, Any], list[int] | None]:
    data = payload.dict(exclude_unset=exclude_unset)
    data.pop("version", None)
    objective_ids = data.pop("objective_ids", None)
    if "owner_person_id" in data:
        data["owner_person"] = data.pop("owner_person_id")
    return data, objective_ids


@router.post(
    "/partnerships/{partnership_id}/goals",
    response=responses(201, GoalOut, 403, 404),
    summary="Add a goal for your organisation",
)
def goal_create(request: HttpRequest, payload: GoalIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data, objective_ids = _fields(payload, exclude_unset=False)
    if data.get("start_date") is None:
        data.pop("start_date")
    if data.get("owner_person") is None:
        data.pop("owner_person")
    goal = services.goal_create(
        actor=request.user, partnership=partnership, objective_ids=objective_ids, **data
    )
    return Status(
        201, _goal_out(selectors.describe([selectors.goal_get(actor=request.user, pk=goal.pk).obj])[0])
    )


@router.get("/goals/{goal_id}", response=responses(200, GoalOut, 404), summary="A goal with its status")
def goal_detail(request: HttpRequest, goal_id: int = Id) -> Any:
    return _goal_out(selectors.describe([selectors.goal_get(actor=request.user, pk=goal_id).obj])[0])


@router.patch("/goals/{goal_id}", response=responses(200, GoalOut, 403, 404, 409), summary="Change a goal")
def goal_update(request: HttpRequest, payload: GoalPatch, goal_id: int = Id) -> Any:
    goal = selectors.goal_get(actor=request.user, pk=goal_id).obj
    data, objective_ids = _fields(payload, exclude_unset=True)
    services.goal_update(
        actor=request.user, goal=goal, version=payload.version, objective_ids=objective_ids, **data
    )
    return _goal_out(selectors.describe([selectors.goal_get(actor=request.user, pk=goal_id).obj])[0])


@router.get(
    "/goals/{goal_id}/history", response=responses(200, Paged[AuditEventOut], 404), summary="Goal history"
)
def goal_history(request: HttpRequest, paging: Query[PageParams], goal_id: int = Id) -> Any:
    return page(
        history_for(actor=request.user, instance=selectors.goal_get(actor=request.user, pk=goal_id).obj),
        paging,
    )


@router.get(
    "/goals/{goal_id}/chart",
    response=responses(200, dict[str, Any], 404),
    summary="The trend chart as a Vega-Lite spec (the page renders the same spec)",
)
def goal_chart_spec(request: HttpRequest, goal_id: int = Id) -> Any:
    return goal_chart(selectors.describe([selectors.goal_get(actor=request.user, pk=goal_id).obj])[0])


@router.get(
    "/goals/{goal_id}/measurements",
    response=responses(200, Paged[MeasurementOut], 404),
    summary="Measurements of a goal, newest first",
)
def measurement_list(
    request: HttpRequest,
    filters: Query[MeasurementFilters],
    paging: Query[PageParams],
    goal_id: int = Id,
) -> Any:
    goal = selectors.goal_get(actor=request.user, pk=goal_id).obj
    found = filtering.apply(MeasurementFilter, filters, selectors.measurements(goal=goal))
    return page(found.qs, paging)


@router.post(
    "/goals/{goal_id}/measurements",
    response=responses(201, MeasurementOut, 403, 404),
    summary="Record a measurement",
)
def measurement_add(request: HttpRequest, payload: MeasurementIn, goal_id: int = Id) -> Any:
    goal = selectors.goal_get(actor=request.user, pk=goal_id).obj
    return Status(201, services.measurement_add(actor=request.user, goal=goal, **payload.dict()))


@router.patch(
    "/measurements/{measurement_id}",
    response=responses(200, MeasurementOut, 403, 404, 409),
    summary="Correct a measurement (the earlier value stays in its history; the date never changes)",
)
def measurement_correct(request: HttpRequest, payload: CorrectionIn, measurement_id: int = Id) -> Any:
    measurement = selectors.measurement_get(actor=request.user, pk=measurement_id).obj
    return services.measurement_correct(actor=request.user, measurement=measurement, **payload.dict())


@router.get(
    "/measurements/{measurement_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="Every value a measurement has had, with who and when",
)
def measurement_history(request: HttpRequest, paging: Query[PageParams], measurement_id: int = Id) -> Any:
    return page(
        history_for(
            actor=request.user, instance=selectors.measurement_get(actor=request.user, pk=measurement_id).obj
        ),
        paging,
    )


@router.post(
    "/partnerships/{partnership_id}/measurements/import",
    response=responses(200, ImportOut, 403, 404),
    summary="Import measurements from .csv or .xlsx: a dry run by default; otherwise all rows or none",
)
def measurements_import(
    request: HttpRequest,
    file: File[UploadedFile],
    dry_run: Form[bool] = True,
    correct_existing: Form[bool] = False,
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    rows = transfer.read(file.name or "", file.read(transfer.MAX_UPLOAD + 1))
    run = services.measurements_plan if dry_run else services.measurements_import
    plan = run(actor=request.user, partnership=partnership, rows=rows, correct_existing=correct_existing)
    return {
        "dry_run": dry_run,
        "ok": not plan.problems,
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
        "added": plan.count("add"),
        "corrected": plan.count("correct"),
        "unchanged": plan.count("unchanged"),
    }


class ExportParams(Schema):
    format: Literal["csv", "xlsx"] = "xlsx"
    goal_id: int | None = Field(None, ge=1, le=MAX_ID)


@router.get(
    "/partnerships/{partnership_id}/measurements/export",
    response=responses(200, None, 404),
    summary="Every measurement you can see as .csv or .xlsx (the import's columns)",
)
def measurements_export(
    request: HttpRequest, params: Query[ExportParams], partnership_id: int = Id
) -> HttpResponse:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    rows = selectors.export_rows(actor=request.user, partnership=partnership, goal_id=params.goal_id)
    body = transfer.to_csv(rows) if params.format == "csv" else transfer.to_xlsx(rows)
    kind = transfer.CSV if params.format == "csv" else transfer.XLSX
    return attachment(body, kind, f"measurements-{partnership_id}.{params.format}")
