"""The customer profile pages of the Insight tab: installed base (with import and export), the
customer's goals and pillars, its constraints. Thin: parse, call, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.policy import contributes_for
from concord.access.sides import insight_org, reads_as_owner, require_insight_writer
from concord.accounts.requests import AuthedRequest
from concord.core import exports
from concord.core.errors import ValidationFailed
from concord.core.forms import VersionForm, apply_errors, create_from, run_action
from concord.core.paging import html_page
from concord.goals.selectors import visible_goals
from concord.insight import exports as sheets
from concord.insight import selectors, transfer
from concord.insight.filters import CustomerGoalFilter, ItemFilter
from concord.insight.forms import (
    ConstraintsForm,
    CustomerGoalEditForm,
    CustomerGoalForm,
    ImportForm,
    ItemEditForm,
    ItemForm,
)
from concord.insight.services import imports, profile
from concord.partnerships.views import workspace_context
from concord.vision.selectors import current_objectives

TAB = "insight"


def _writer(request: AuthedRequest, partnership: Any) -> bool:
    org = insight_org(request.user, partnership)
    return org is not None and contributes_for(request.user, org)


@login_required
def installed_base(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    form = ItemForm(request.POST or None)
    made = create_from(
        request,
        form,
        allowed=_writer(request, partnership),
        create=lambda d: profile.item_create(actor=request.user, partnership=partnership, **d),
        done=lambda i: f"Added {i} to the installed base.",
    )
    if made is not None:
        return redirect("installed-base", pk=pk)
    found = ItemFilter(
        request.GET or None, queryset=selectors.item_list(actor=request.user, partnership=partnership)
    )
    items = html_page(request, found.qs)
    rows = [(i, reads_as_owner(request.user, i)) for i in items]
    context.update(filter=found, items=items, rows=rows, form=form, can_write=_writer(request, partnership))
    return render(request, "insight/installed_base.html", context)


@login_required
def installed_base_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """The filtered installed base with the import's columns; notes only for the supplier."""
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    found = ItemFilter(
        request.GET or None, queryset=selectors.item_list(actor=request.user, partnership=partnership)
    )
    columns = sheets.item_columns(with_notes=insight_org(request.user, partnership) is not None)
    return exports.download(fmt, f"installed-base-{pk}", exports.table(columns, found.qs), "Installed base")


@login_required
def installed_base_import(request: AuthedRequest, pk: int) -> HttpResponse:
    """Upload; a dry run (the default) lists what would be added and every problem; a real import
    adds every row or none."""
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    require_insight_writer(request.user, partnership)
    form = ImportForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        run = imports.items_plan if form.cleaned_data["dry_run"] else imports.items_import
        try:
            rows = transfer.read(upload.name, upload.read())
            plan = run(actor=request.user, partnership=partnership, rows=rows)
        except imports.ImportRefused as exc:
            plan = exc.plan
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            if not form.cleaned_data["dry_run"]:
                messages.success(request, f"Imported {plan.count} items.")
                return redirect("installed-base", pk=pk)
    context.update(form=form, plan=plan)
    return render(request, "insight/import.html", context)


@login_required
def installed_item(request: AuthedRequest, pk: int) -> HttpResponse:
    item, may = selectors.item_get(actor=request.user, pk=pk)
    context = workspace_context(request, item.partnership_id, TAB)
    writable = may.change and _writer(request, item.partnership)
    initial = {f: getattr(item, f) for f in ItemForm.base_fields} | {"version": item.version}
    form = ItemEditForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require_insight_writer(request.user, item.partnership)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                profile.item_update(actor=request.user, item=item, **data)
            except ValidationFailed as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "Saved.")
                return redirect("installed-base", pk=item.partnership_id)
    context.update(item=item, form=form, can_write=writable, owner_reads=reads_as_owner(request.user, item))
    return render(request, "insight/item.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def installed_item_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    item = selectors.item_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        VersionForm(request.POST),
        lambda d: profile.item_delete(actor=request.user, item=item, version=d["version"]),
        "Removed from the installed base.",
    )
    return redirect("installed-base", pk=item.partnership_id)


def _goal_form(request: AuthedRequest, partnership: Any, form_class: type, **kwargs: Any) -> Any:
    goals = visible_goals(actor=request.user, partnership=partnership)
    return form_class(
        request.POST or None,
        goals=goals,
        objectives=current_objectives(actor=request.user, partnership=partnership),
        **kwargs,
    )


@login_required
def customer_goals(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    writer = _writer(request, partnership)
    form = _goal_form(request, partnership, CustomerGoalForm)
    made = create_from(
        request,
        form,
        allowed=writer,
        create=lambda d: profile.customer_goal_create(actor=request.user, partnership=partnership, **d),
        done=lambda g: f"Added “{g.title}”.",
    )
    if made is not None:
        return redirect("customer-goals", pk=pk)
    found = CustomerGoalFilter(
        request.GET or None,
        queryset=selectors.customer_goal_list(actor=request.user, partnership=partnership),
    )
    goals = html_page(request, found.qs)
    context.update(filter=found, goals=goals, form=form, can_write=writer)
    if insight_org(request.user, partnership) is not None:
        current = selectors.constraints_get(actor=request.user, partnership=partnership)
        fields = ("budget_month", "standards", "sites", "preferred_timing")
        initial = (
            {f: getattr(current, f) for f in fields} | {"version_seen": current.version} if current else {}
        )
        context["constraints_form"] = ConstraintsForm(initial=initial)
        context["constraints"] = current
    return render(request, "insight/customer_goals.html", context)


@login_required
@require_POST
def customer_constraints(request: AuthedRequest, pk: int) -> HttpResponse:
    partnership = workspace_context(request, pk, TAB)["partnership"]
    require_insight_writer(request.user, partnership)
    run_action(
        request,
        ConstraintsForm(request.POST),
        lambda d: profile.constraints_save(
            actor=request.user, partnership=partnership, version=d.pop("version_seen"), **d
        ),
        "Constraints saved.",
    )
    return redirect("customer-goals", pk=pk)


@login_required
def customer_goals_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    found = CustomerGoalFilter(
        request.GET or None,
        queryset=selectors.customer_goal_list(actor=request.user, partnership=partnership),
    )
    columns = sheets.goal_columns(with_notes=insight_org(request.user, partnership) is not None)
    return exports.download(fmt, f"customer-goals-{pk}", exports.table(columns, found.qs), "Customer goals")


@login_required
def customer_goal(request: AuthedRequest, pk: int) -> HttpResponse:
    goal, may = selectors.customer_goal_get(actor=request.user, pk=pk)
    context = workspace_context(request, goal.partnership_id, TAB)
    fields = ("kind", "title", "theme", "importance", "notes", "visibility")
    initial = {f: getattr(goal, f) for f in fields} | {
        "goal": goal.goal_id,
        "objective": goal.objective_id,
        "version": goal.version,
    }
    form = _goal_form(request, goal.partnership, CustomerGoalEditForm, initial=initial)
    if request.method == "POST":
        require_insight_writer(request.user, goal.partnership)
        if form.is_valid():
            try:
                profile.customer_goal_update(actor=request.user, record=goal, **form.cleaned_data)
            except ValidationFailed as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "Saved.")
                return redirect("customer-goals", pk=goal.partnership_id)
    writable = may.change and _writer(request, goal.partnership)
    context.update(
        customer_goal=goal, form=form, can_write=writable, owner_reads=reads_as_owner(request.user, goal)
    )
    return render(request, "insight/customer_goal.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def customer_goal_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    goal = selectors.customer_goal_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        VersionForm(request.POST),
        lambda d: profile.customer_goal_delete(actor=request.user, record=goal, version=d["version"]),
        "Removed.",
    )
    return redirect("customer-goals", pk=goal.partnership_id)
