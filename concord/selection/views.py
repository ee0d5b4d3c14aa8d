"""Selection pages: the needs, a need (criteria and weights, candidates ranked, sensitivity, the
decision), the evaluator's scoring page and the side-by-side comparison. Thin: parse, call, render."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from concord.access.pages import per_reader
from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.core import exports
from concord.core.forms import create_from, run_action
from concord.core.inputs import stored
from concord.core.paging import html_page
from concord.selection import exports as sheets
from concord.selection import selectors, services
from concord.selection.filters import CandidateFilter, NeedFilter
from concord.selection.forms import (
    CandidateForm,
    CloseForm,
    ComparisonForm,
    CriterionForm,
    DecideForm,
    NeedEditForm,
    NeedForm,
    ScoreForm,
)


def _pick(items: Any, pk: int) -> Any:
    """The item of `items` (the form's own choices, so it is there) with the id chosen."""
    return next(item for item in items if item.pk == pk)


@login_required
@per_reader
def need_list(request: AuthedRequest) -> HttpResponse:
    orgs = selectors.buying_organisations(actor=request.user)
    form = NeedForm(
        request.POST or None, organisations=orgs, initial={"organisation": orgs[0].pk if orgs else None}
    )

    def create(data: dict[str, Any]) -> Any:
        organisation = _pick(orgs, data.pop("organisation"))
        return services.need_create(actor=request.user, organisation=organisation, **data)

    need = create_from(
        request,
        form,
        allowed=bool(orgs),
        create=create,
        done=lambda n: f"“{n.title}” recorded with the default criteria.",
    )
    if need is not None:
        return redirect("selection-need", pk=need.pk)
    found = NeedFilter(request.GET or None, queryset=selectors.need_list(actor=request.user))
    context = {"filter": found, "needs": html_page(request, found.qs), "form": form, "can_add": bool(orgs)}
    return render(request, "selection/needs.html", context)


@login_required
def needs_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    found = NeedFilter(request.GET or None, queryset=selectors.need_list(actor=request.user))
    return exports.download(fmt, "needs", exports.table(sheets.NEED_COLUMNS, found.qs), "Needs")


def _context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    need, may = selectors.need_get(actor=request.user, pk=pk)
    found = selectors.evaluation(actor=request.user, need=need)
    return {"need": need, "may": may, "evaluation": found, "open": need.status == "open"}


def _ranking(request: AuthedRequest, context: dict[str, Any]) -> tuple[Any, list[Any]]:
    need, found = context["need"], context["evaluation"]
    filtered = CandidateFilter(
        request.GET or None, queryset=selectors.candidates_of(actor=request.user, need=need)
    )
    shown = set(filtered.qs.values_list("pk", flat=True))
    return filtered, [r for r in [*found.ranked, *found.unranked] if r.candidate.pk in shown]


@login_required
def need_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _context(request, pk)
    need, found = context["need"], context["evaluation"]
    filtered, rows = _ranking(request, context)
    candidates = [r.candidate for r in found.rows]
    context.update(
        diligence=selectors.candidate_diligence(
            actor=request.user, need=need, candidates=candidates, today=timezone.localdate()
        ),
        filter=filtered,
        rows=html_page(request, rows),
        edit_form=NeedEditForm(initial=stored(need, NeedEditForm.base_fields)),
        close_form=CloseForm(initial={"version": need.version}),
        criterion_form=CriterionForm(),
        comparison_form=ComparisonForm(criteria=found.criteria),
        candidate_form=CandidateForm(suppliers=selectors.known_suppliers(actor=request.user, need=need)),
        decide_form=DecideForm(
            candidates=candidates,
            initial={
                "version": need.version,
                "candidate": found.leader.candidate.pk if found.leader else None,
            },
        ),
    )
    return render(request, "selection/need.html", context)


def _post(request: AuthedRequest, pk: int, form: Any, run: Any, done: Any, anchor: str = "") -> HttpResponse:
    run_action(request, form, run, done)
    response = redirect("selection-need", pk=pk)
    response["Location"] += anchor
    return response


@login_required
@require_POST
def need_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    need = selectors.need_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    return _post(
        request,
        pk,
        NeedEditForm(request.POST),
        lambda d: services.need_update(actor=request.user, need=need, **d),
        "Saved.",
    )


@login_required
@require_POST
def need_close(request: AuthedRequest, pk: int) -> HttpResponse:
    need = selectors.need_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    return _post(
        request,
        pk,
        CloseForm(request.POST),
        lambda d: services.need_close(actor=request.user, need=need, **d),
        "Need closed.",
    )


@login_required
@require_POST
def criterion_add(request: AuthedRequest, pk: int) -> HttpResponse:
    need = selectors.need_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    run = lambda d: services.criterion_add(actor=request.user, need=need, **d)  # noqa: E731
    return _post(request, pk, CriterionForm(request.POST), run, "Criterion added.", "#weights")


@login_required
@require_POST
def criterion_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    criterion = selectors.criterion_get(actor=request.user, pk=pk).obj
    selectors.need_get(actor=request.user, pk=criterion.need_id, action=Action.CHANGE)
    run = lambda d: services.criterion_update(actor=request.user, criterion=criterion, **d)  # noqa: E731
    return _post(request, criterion.need_id, CriterionForm(request.POST), run, "Criterion saved.", "#weights")


@login_required
@require_POST
def criterion_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    criterion = selectors.criterion_get(actor=request.user, pk=pk).obj
    run = lambda d: services.criterion_remove(actor=request.user, criterion=criterion)  # noqa: E731
    return _post(request, criterion.need_id, forms.Form(request.POST), run, "Criterion removed.", "#weights")


@login_required
@require_POST
def comparison_set(request: AuthedRequest, pk: int) -> HttpResponse:
    need = selectors.need_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    criteria = selectors.criteria_of(actor=request.user, need=need)
    by_id = {c.pk: c for c in criteria}

    def run(data: dict[str, Any]) -> Any:
        first, second = by_id[data.pop("first")], by_id[data.pop("second")]
        return services.comparison_set(actor=request.user, need=need, first=first, second=second, **data)

    return _post(
        request, pk, ComparisonForm(request.POST, criteria=criteria), run, "Judgment recorded.", "#weights"
    )


@login_required
@require_POST
def candidate_add(request: AuthedRequest, pk: int) -> HttpResponse:
    need = selectors.need_get(actor=request.user, pk=pk, action=Action.CONTRIBUTE).obj
    form = CandidateForm(request.POST, suppliers=selectors.known_suppliers(actor=request.user, need=need))

    def run(data: dict[str, Any]) -> Any:
        data["organisation_id"] = data.pop("organisation")
        return services.candidate_add(actor=request.user, need=need, **data)

    return _post(request, pk, form, run, lambda c: f"{c.name} added as a candidate.", "#ranking")


@login_required
@require_POST
def candidate_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    candidate = selectors.candidate_get(actor=request.user, pk=pk).obj
    run = lambda d: services.candidate_remove(actor=request.user, candidate=candidate)  # noqa: E731
    return _post(request, candidate.need_id, forms.Form(request.POST), run, "Candidate removed.", "#ranking")


@login_required
def candidates_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    context = _context(request, pk)
    _, rows = _ranking(request, context)
    table = exports.table(sheets.ranking_columns(context["evaluation"].criteria), rows)
    return exports.download(fmt, f"ranking-{pk}", table, "Ranking")


@login_required
def scores(request: AuthedRequest, pk: int) -> HttpResponse:
    """The evaluator's own scoring page: one small form per candidate and criterion."""
    context = _context(request, pk)
    found = context["evaluation"]
    candidates = [r.candidate for r in found.rows]
    if request.method == "POST":
        selectors.need_get(actor=request.user, pk=pk, action=Action.CONTRIBUTE)
        form = ScoreForm(request.POST, candidates=candidates, criteria=found.criteria)

        def run(data: dict[str, Any]) -> Any:
            candidate = _pick(candidates, data.pop("candidate"))
            criterion = _pick(found.criteria, data.pop("criterion"))
            return services.score_set(actor=request.user, candidate=candidate, criterion=criterion, **data)

        run_action(request, form, run, "Score saved.")
        return redirect("selection-scores", pk=pk)
    mine = {
        (s.candidate_id, s.criterion_id): s
        for r in found.rows
        for c in r.cells
        for s in c.scores
        if s.evaluator_id == request.user.pk
    }
    grid = [
        (
            row.candidate,
            [(criterion, mine.get((row.candidate.pk, criterion.pk))) for criterion in found.criteria],
        )
        for row in found.rows
    ]
    context.update(grid=grid, scale=range(1, 6))
    return render(request, "selection/scores.html", context)


@login_required
def compare(request: AuthedRequest, pk: int) -> HttpResponse:
    """Side by side: criteria down, ranked candidates across, with every evaluator's score."""
    context = _context(request, pk)
    found = context["evaluation"]
    found.rows = [*found.ranked, *found.unranked]
    context["lines"] = [
        {"criterion": criterion, "weight": weight, "cells": [row.cells[i] for row in found.rows]}
        for i, (criterion, weight) in enumerate(found.weighted)
    ]
    return render(request, "selection/compare.html", context)


@login_required
@require_POST
def decide(request: AuthedRequest, pk: int) -> HttpResponse:
    need = selectors.need_get(actor=request.user, pk=pk, action=Action.MANAGE).obj
    candidates = list(selectors.candidates_of(actor=request.user, need=need))
    form = DecideForm(request.POST, candidates=candidates)

    def run(data: dict[str, Any]) -> Any:
        candidate = _pick(candidates, data.pop("candidate"))
        return services.need_decide(actor=request.user, need=need, candidate=candidate, **data)

    done = "Partner chosen: the partnership is opened (a new organisation is invited by email)."
    return _post(request, pk, form, run, done)
