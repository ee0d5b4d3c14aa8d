"""Goal pages: the Goals tab, a goal with its chart and measurements, corrections, the spreadsheet
import (always previewed, then all or nothing) and exports. Thin: parse, call, render."""

import datetime
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.pages import per_reader
from concord.access.policy import acting_organisation, may_contribute_inside
from concord.accounts.requests import AuthedRequest
from concord.audit.views import history_page
from concord.core import charts, exports, inputs, locales, uploads
from concord.core.errors import Forbidden, NotFound, ValidationFailed
from concord.core.filtering import cleaned
from concord.core.forms import apply_errors
from concord.core.paging import html_page
from concord.goals import exports as goal_exports
from concord.goals import selectors, services, transfer
from concord.goals.charts import goal_chart
from concord.goals.filters import GoalFilter, MeasurementFilter
from concord.goals.forms import CorrectionForm, GoalEditForm, GoalForm, ImportForm, MeasurementForm
from concord.partnerships.selectors import party_choices
from concord.partnerships.views import workspace_context


@login_required
@per_reader
def goal_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "goals")
    partnership = context["partnership"]
    owner_id = acting_organisation(request.user, partnership) or 0
    form = GoalForm(
        request.POST or None,
        initial={"owner_person_id": request.user.pk},
        **selectors.form_choices(actor=request.user, partnership=partnership, owner_id=owner_id),
    )
    if request.method == "POST":
        if not context["can_contribute"]:
            raise Forbidden("Viewers can read but not add goals.")
        if form.is_valid():
            try:
                created = services.goal_create(
                    actor=request.user, partnership=partnership, **form.cleaned_data
                )
            except ValidationFailed as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"Goal “{created.title}” added. Record its first measurement.")
                return redirect("goal", pk=created.pk)
    found = GoalFilter(
        request.GET or None, queryset=selectors.goal_list(actor=request.user, partnership=partnership)
    )
    found.offer("owner", party_choices(partnership))
    goals = selectors.goal_views(found.qs, status=cleaned(found, "status"), overdue=cleaned(found, "overdue"))
    context.update(goal_filter=found, goals=html_page(request, goals), form=form)
    return render(request, "goals/list.html", context)


def _goal_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    goal, may = selectors.goal_get(actor=request.user, pk=pk)
    context = workspace_context(request, goal.partnership_id, "goals")
    context["goal"] = goal
    context["can_edit"] = may.change
    context["can_measure"] = may_contribute_inside(request.user, goal)
    return context


@login_required
def goal_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, pk, MeasurementForm(initial={"measured_on": datetime.date.today()}))


def _detail(request: AuthedRequest, pk: int, form: MeasurementForm, status: int = 200) -> HttpResponse:
    """The goal page, with the measurement form as it is (blank, or as typed with its errors)."""
    context = _goal_context(request, pk)
    goal = context["goal"]
    view = selectors.describe([goal])[0]
    found = MeasurementFilter(request.GET or None, queryset=selectors.measurements(goal=goal))
    context.update(
        view=view,
        chart=goal_chart(view),
        measurement_filter=found,
        measurements=html_page(request, found.qs),
        form=form,
    )
    return render(request, "goals/detail.html", context, status=status)


@login_required
def goal_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _goal_context(request, pk)
    goal = context["goal"]
    if not context["can_edit"]:
        raise Forbidden("Only the author or an admin of the owning organisation may edit this goal.")
    initial = inputs.stored(goal, GoalEditForm.base_fields)
    initial["objective_ids"] = [o.pk for o in goal.objectives.all()]
    form = GoalEditForm(
        request.POST or None,
        initial=initial,
        **selectors.form_choices(actor=request.user, partnership=goal.partnership, owner_id=goal.owner_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(actor=request.user, goal=goal, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Goal saved.")
            return redirect("goal", pk=pk)
    context["form"] = form
    return render(request, "goals/edit.html", context)


@login_required
def goal_history(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _goal_context(request, pk)
    return history_page(request, context["goal"], context)


@login_required
@require_POST
def measurement_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record a value; a problem shows the goal page again with what was typed and why (422)."""
    context = _goal_context(request, pk)
    if not context["can_measure"]:  # before reading the input: a viewer learns nothing from it
        raise Forbidden("You may read but not add values to this goal.")
    form = MeasurementForm(request.POST)
    if form.is_valid():
        try:
            added = services.measurement_add(actor=request.user, goal=context["goal"], **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            value = locales.format_number(added.value, 4)
            messages.success(request, f"Recorded {value} for {added.measured_on:%d %b %Y}.")
            return redirect("goal", pk=pk)
    return _detail(request, pk, form, status=422)


@login_required
def measurement_correct(request: AuthedRequest, pk: int) -> HttpResponse:
    measurement = selectors.measurement_get(actor=request.user, pk=pk).obj
    context = _goal_context(request, measurement.goal_id)
    if not context["can_measure"]:
        raise Forbidden("You may read but not correct these values.")
    initial = {
        "version": measurement.version,
        "value": locales.format_number(measurement.value, 4),  # as the person writes it; never "1E+2"
        "note": measurement.note,
    }
    form = CorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.measurement_correct(actor=request.user, measurement=measurement, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Value corrected; the earlier one stays in the history.")
            return redirect("goal", pk=measurement.goal_id)
    context.update(form=form, measurement=measurement)
    return render(request, "goals/correct.html", context)


@login_required
def measurement_history(request: AuthedRequest, pk: int) -> HttpResponse:
    measurement = selectors.measurement_get(actor=request.user, pk=pk).obj
    return history_page(request, measurement, _goal_context(request, measurement.goal_id))


@login_required
def goal_chart_file(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in charts.FORMATS:
        raise NotFound()  # before any work
    goal = selectors.goal_get(actor=request.user, pk=pk).obj
    return charts.download(goal_chart(selectors.describe([goal])[0]), fmt, f"goal-{goal.pk}")


@login_required
def goal_list_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """The Goals tab's whole filtered list (not only its page) as a spreadsheet."""
    exports.check_format(fmt)
    context = workspace_context(request, pk, "goals")
    found = GoalFilter(
        request.GET or None,
        queryset=selectors.goal_list(actor=request.user, partnership=context["partnership"]),
    )
    table = goal_exports.goal_table(
        found.qs, status=cleaned(found, "status"), overdue=cleaned(found, "overdue")
    )
    return exports.download(fmt, f"goals-{pk}", table, "Goals")


@login_required
def goals_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """Every measurement of the goals the reader can see (or of one: ?goal=), the import's columns."""
    exports.check_format(fmt)
    context = workspace_context(request, pk, "goals")
    goal_id = request.GET.get("goal")
    rows = selectors.export_rows(
        actor=request.user,
        partnership=context["partnership"],
        goal_id=int(goal_id) if goal_id and goal_id.isdigit() and len(goal_id) < 19 else None,
    )
    return exports.download(fmt, f"measurements-{pk}", transfer.export_table(rows), "Measurements")


@login_required
def goals_import(request: AuthedRequest, pk: int) -> HttpResponse:
    """Upload; always a preview first, then an all-or-nothing import of exactly what was previewed."""
    context = workspace_context(request, pk, "goals")
    partnership = context["partnership"]
    if not context["can_contribute"]:
        raise Forbidden("Viewers can read but not import measurements.")
    form = ImportForm(request.POST or None, request.FILES or None)
    plan: services.ImportPlan | None = None
    staged = io.StringIO()
    if request.method == "POST" and form.is_valid():
        plan = _import(request, form, partnership, staged)
        if plan is not None and request.POST.get("action") == "commit" and not plan.problem_count:
            messages.success(
                request,
                f"Imported {plan.count('add')} new and {plan.count('correct')} corrected values "
                f"({plan.count('unchanged')} unchanged).",
            )
            return redirect("goals", pk=pk)
    context.update(
        form=form,
        plan=plan,
        staged=staged.getvalue() if plan and not plan.problem_count else "",
    )
    return render(request, "goals/import.html", context)


def _import(
    request: AuthedRequest, form: ImportForm, partnership: Any, staged: io.StringIO
) -> services.ImportPlan | None:
    """Read the upload (or, on commit, the rows staged by the preview) and plan or run the import.
    A preview stages every row it accepted (the upload's size limit bounds them) for the commit."""
    upload = form.cleaned_data.get("file")
    correct = bool(form.cleaned_data.get("correct_existing"))
    try:
        if upload is not None:
            rows = transfer.read(upload.name or "", uploads.read(upload))
        elif request.POST.get("staged"):
            rows = transfer.read("staged.csv", request.POST["staged"].encode("utf-8"))
        else:
            form.add_error("file", "Choose a .csv or .xlsx file.")
            return None
        if request.POST.get("action") == "commit":
            return services.measurements_import(
                actor=request.user, partnership=partnership, rows=rows, correct_existing=correct
            )
        return services.measurements_plan(
            actor=request.user, partnership=partnership, rows=rows, correct_existing=correct, stage=staged
        )
    except services.ImportRefused as exc:
        return exc.plan  # nothing was written; the page lists the problems
    except ValidationFailed as exc:
        apply_errors(form, exc)
        return None
