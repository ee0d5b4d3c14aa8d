"""API: goals with their computed status, measurements (entry, corrections, spreadsheet import and
export) and the trend chart's Vega-Lite spec. The shapes are in schemas.py."""

from typing import Any

from django.http import HttpResponse
from ninja import File, Form, Path, Query, Router, Status, UploadedFile

from concord.access.pages import per_reader_api
from concord.access.policy import acting_organisation
from concord.accounts.requests import AuthedRequest
from concord.audit.api import HistoryFilters, history_answer
from concord.core import exports, filtering, inputs, uploads
from concord.core.api import AuditEventOut, responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.goals import exports as goal_exports
from concord.goals import selectors, services, transfer
from concord.goals.charts import goal_chart
from concord.goals.filters import GoalFilter, MeasurementFilter
from concord.goals.forms import CorrectionForm, GoalEditForm, GoalForm, MeasurementForm
from concord.goals.models import Goal
from concord.goals.schemas import (
    CorrectionIn,
    ExportParams,
    GoalFilters,
    GoalIn,
    GoalOut,
    GoalPatch,
    MeasurementFilters,
    MeasurementImportOut,
    MeasurementIn,
    MeasurementOut,
    goal_out,
    import_out,
)
from concord.partnerships.selectors import partnership_get

router = Router(tags=["goals"])
Id = Path(..., ge=1, le=MAX_ID)


def _described(request: AuthedRequest, goal_id: int) -> dict[str, Any]:
    return goal_out(selectors.describe([selectors.goal_get(actor=request.user, pk=goal_id).obj])[0])


@router.get(
    "/partnerships/{partnership_id}/goals",
    response=responses(200, Paged[GoalOut], 404),
    summary="Goals of a partnership with status, progress, trend, forecast, overdue flag and SMART findings",
)
@per_reader_api
def goal_list(
    request: AuthedRequest,
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
    answer["results"] = [goal_out(v) for v in answer["results"]]
    return answer


@router.get(
    "/partnerships/{partnership_id}/goals/export",
    response=responses(200, None, 404),
    summary="Every goal you can see, filtered as the list, as .csv or .xlsx (one row per goal)",
)
def goal_list_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[GoalFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        GoalFilter, filters, selectors.goal_list(actor=request.user, partnership=partnership)
    )
    table = goal_exports.goal_table(
        found.qs, status=filtering.cleaned(found, "status"), overdue=filtering.cleaned(found, "overdue")
    )
    return exports.download(params.format, f"goals-{partnership_id}", table, "Goals")


@router.post(
    "/partnerships/{partnership_id}/goals",
    response=responses(201, GoalOut, 403, 404),
    summary="Add a goal for your organisation",
)
def goal_create(request: AuthedRequest, payload: GoalIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    owner_id = acting_organisation(request.user, partnership) or 0
    choices = selectors.form_choices(actor=request.user, partnership=partnership, owner_id=owner_id)
    data = inputs.validated(lambda d: GoalForm(d, **choices), payload)
    if data["owner_person_id"] is None:
        del data["owner_person_id"]  # the API's default: you
    goal = services.goal_create(actor=request.user, partnership=partnership, **data)
    return Status(201, _described(request, goal.pk))


@router.get("/goals/{goal_id}", response=responses(200, GoalOut, 404), summary="A goal with its status")
def goal_detail(request: AuthedRequest, goal_id: int = Id) -> Any:
    return _described(request, goal_id)


def _stored(goal: Goal) -> dict[str, Any]:
    # The goal's person is left out: one who has since left the organisation is no longer a
    # choice, and a change that does not name the person must not fail on it.
    return inputs.stored(goal, [name for name in GoalEditForm.base_fields if name != "owner_person_id"])


@router.patch("/goals/{goal_id}", response=responses(200, GoalOut, 403, 404, 409), summary="Change a goal")
def goal_update(request: AuthedRequest, payload: GoalPatch, goal_id: int = Id) -> Any:
    goal = selectors.goal_get(actor=request.user, pk=goal_id).obj
    choices = selectors.form_choices(actor=request.user, partnership=goal.partnership, owner_id=goal.owner_id)
    data = inputs.validated(lambda d: GoalEditForm(d, **choices), payload, current=_stored(goal))
    data |= inputs.cleared(payload, GoalEditForm)  # null empties a due date, a target, the person
    services.goal_update(actor=request.user, goal=goal, **data)
    return _described(request, goal_id)


@router.get(
    "/goals/{goal_id}/history", response=responses(200, Paged[AuditEventOut], 404), summary="Goal history"
)
def goal_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], goal_id: int = Id
) -> Any:
    return history_answer(
        actor=request.user,
        instance=selectors.goal_get(actor=request.user, pk=goal_id).obj,
        filters=filters,
        paging=paging,
    )


@router.get(
    "/goals/{goal_id}/chart",
    response=responses(200, dict[str, Any], 404),
    summary="The trend chart as a Vega-Lite spec (the page renders the same spec)",
)
def goal_chart_spec(request: AuthedRequest, goal_id: int = Id) -> Any:
    return goal_chart(selectors.describe([selectors.goal_get(actor=request.user, pk=goal_id).obj])[0])


@router.get(
    "/goals/{goal_id}/measurements",
    response=responses(200, Paged[MeasurementOut], 404),
    summary="Measurements of a goal, newest first",
)
def measurement_list(
    request: AuthedRequest,
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
def measurement_add(request: AuthedRequest, payload: MeasurementIn, goal_id: int = Id) -> Any:
    goal = selectors.goal_get(actor=request.user, pk=goal_id).obj
    data = inputs.validated(MeasurementForm, payload)
    return Status(201, services.measurement_add(actor=request.user, goal=goal, **data))


@router.patch(
    "/measurements/{measurement_id}",
    response=responses(200, MeasurementOut, 403, 404, 409),
    summary="Correct a measurement (the earlier value stays in its history; the date never changes)",
)
def measurement_correct(request: AuthedRequest, payload: CorrectionIn, measurement_id: int = Id) -> Any:
    measurement = selectors.measurement_get(actor=request.user, pk=measurement_id).obj
    current = inputs.stored(measurement, CorrectionForm.base_fields)
    data = inputs.validated(CorrectionForm, payload, current=current)
    return services.measurement_correct(actor=request.user, measurement=measurement, **data)


@router.get(
    "/measurements/{measurement_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="Every value a measurement has had, with who and when",
)
def measurement_history(
    request: AuthedRequest,
    filters: Query[HistoryFilters],
    paging: Query[PageParams],
    measurement_id: int = Id,
) -> Any:
    return history_answer(
        actor=request.user,
        instance=selectors.measurement_get(actor=request.user, pk=measurement_id).obj,
        filters=filters,
        paging=paging,
    )


# A file upload (multipart), not a form's fields: its parameters are declared here.
@router.post(
    "/partnerships/{partnership_id}/measurements/import",
    response=responses(200, MeasurementImportOut, 403, 404),
    summary="Import measurements from .csv or .xlsx: a dry run by default; otherwise all rows or none",
)
def measurements_import(
    request: AuthedRequest,
    file: File[UploadedFile],
    dry_run: Form[bool] = True,
    correct_existing: Form[bool] = False,
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    rows = transfer.read(file.name or "", uploads.read(file))
    run = services.measurements_plan if dry_run else services.measurements_import
    plan = run(actor=request.user, partnership=partnership, rows=rows, correct_existing=correct_existing)
    return import_out(plan, dry_run=dry_run)


@router.get(
    "/partnerships/{partnership_id}/measurements/export",
    response=responses(200, None, 404),
    summary="Every measurement you can see as .csv or .xlsx (the import's columns)",
)
def measurements_export(
    request: AuthedRequest, params: Query[ExportParams], partnership_id: int = Id
) -> HttpResponse:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    rows = selectors.export_rows(actor=request.user, partnership=partnership, goal_id=params.goal_id)
    table = transfer.export_table(rows)
    return exports.download(params.format, f"measurements-{partnership_id}", table, "Measurements")
