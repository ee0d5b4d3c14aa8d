"""Risk pages: the Risks tab (heat map, filtered list, export, record a risk), a risk (edit with
optimistic concurrency, fire its trigger, score history) and its audit history. Thin: parse,
call, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.pages import per_reader
from concord.access.policy import may_contribute_inside
from concord.accounts.requests import AuthedRequest
from concord.audit.views import history_page
from concord.core import exports
from concord.core.errors import ValidationFailed
from concord.core.forms import apply_errors, create_from, run_action
from concord.core.inputs import stored
from concord.core.paging import html_page
from concord.lessons.forms import LessonForm
from concord.partnerships.selectors import party_choices
from concord.partnerships.views import workspace_context
from concord.risks import exports as sheets
from concord.risks import selectors, services
from concord.risks.filters import RiskFilter
from concord.risks.forms import FireForm, RiskEditForm, RiskForm

TAB = "risks"


def _cell_query(request: AuthedRequest, likelihood: int, impact: int) -> str:
    """The list's current filters narrowed to one cell of the heat map (the page starts again)."""
    query: QueryDict = request.GET.copy()
    query.pop("page", None)
    query["likelihood"], query["impact"] = str(likelihood), str(impact)
    return query.urlencode()


@login_required
@per_reader
def risk_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    people = selectors.owner_people(actor=request.user, partnership=partnership)
    form = RiskForm(request.POST or None, people=people)
    created = create_from(
        request,
        form,
        allowed=context["can_contribute"],
        create=lambda d: services.risk_create(actor=request.user, partnership=partnership, **d),
        done=lambda r: f"Risk “{r.title}” recorded.",
    )
    if created is not None:
        return redirect("risk", pk=created.pk)
    found = RiskFilter(
        request.GET or None, queryset=selectors.risk_list(actor=request.user, partnership=partnership)
    )
    found.offer("owner_party", party_choices(partnership))
    grid = selectors.heat_map(found.qs)
    rows = [[(cell, _cell_query(request, cell.likelihood, cell.impact)) for cell in row] for row in grid]
    context.update(filter=found, risks=html_page(request, found.qs), heat=rows, form=form)
    return render(request, "risks/list.html", context)


def _risk_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    risk, may = selectors.risk_get(actor=request.user, pk=pk)
    context = workspace_context(request, risk.partnership_id, TAB)
    history = html_page(request, selectors.score_history(actor=request.user, risk=risk), param="ratings_page")
    context.update(risk=risk, may=may, ratings=history)
    return context


def _detail(
    request: AuthedRequest, context: dict[str, Any], edit: Any = None, fire: Any = None
) -> HttpResponse:
    risk = context["risk"]
    if edit is None:
        initial = stored(risk, RiskEditForm.base_fields)
        edit = RiskEditForm(initial=initial, people=selectors.risk_people(actor=request.user, risk=risk))
    context.update(
        edit_form=edit,
        fire_form=fire or FireForm(initial={"version": risk.version}),
        lessons=selectors.lessons_of(actor=request.user, risk=risk),
        can_learn=risk.fired_on is not None and may_contribute_inside(request.user, risk),
        lesson_form=LessonForm(initial={"visibility": risk.visibility}),
    )
    return render(request, "risks/detail.html", context)


@login_required
def risk_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, _risk_context(request, pk))


@login_required
@require_POST
def risk_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _risk_context(request, pk)
    risk = context["risk"]
    form = RiskEditForm(request.POST, people=selectors.risk_people(actor=request.user, risk=risk))
    if form.is_valid():
        try:
            services.risk_update(actor=request.user, risk=risk, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Risk saved.")
            return redirect("risk", pk=pk)
    return _detail(request, context, edit=form)


@login_required
@require_POST
def risk_fire(request: AuthedRequest, pk: int) -> HttpResponse:
    risk = selectors.risk_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        FireForm(request.POST),
        lambda d: services.risk_fire(actor=request.user, risk=risk, **d),
        "Trigger fired: the contingency plan is now an action plan.",
    )
    return redirect("risk", pk=pk)


@login_required
@require_POST
def risk_lesson(request: AuthedRequest, pk: int) -> HttpResponse:
    risk = selectors.risk_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        LessonForm(request.POST),
        lambda d: services.risk_lesson_add(actor=request.user, risk=risk, **d),
        "Lesson written: it is in the library.",
    )
    return redirect("risk", pk=pk)


@login_required
def risk_history(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _risk_context(request, pk)
    return history_page(request, context["risk"], context)


@login_required
def risks_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """The whole filtered risk register as a spreadsheet."""
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    found = RiskFilter(
        request.GET or None, queryset=selectors.risk_list(actor=request.user, partnership=partnership)
    )
    return exports.download(fmt, f"risks-{pk}", exports.table(sheets.RISK_COLUMNS, found.qs), "Risks")
