"""Scorecard pages: both sides' scorecards, one scorecard with every score explained, the editor
with its back-test preview (nothing saved until 'Save'), history and chart files."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from concord.access.policy import acting_organisation, acting_side
from concord.access.roles import Side, Visibility
from concord.accounts.requests import AuthedRequest
from concord.audit.views import history_page
from concord.core import charts
from concord.core.errors import Forbidden, NotFound, ValidationFailed
from concord.core.paging import html_page
from concord.partnerships.views import workspace_context
from concord.scorecards import selectors, services
from concord.scorecards.charts import history_chart
from concord.scorecards.filters import ScorecardFilter
from concord.scorecards.forms import (
    CriterionFormSet,
    KpiFormSet,
    SettingsForm,
    definition_from,
    initial_from,
    place_errors,
)
from concord.scorecards.models import Scorecard, ScoreDirection


@login_required
def scorecard_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "goals")
    partnership = context["partnership"]
    listed = selectors.scorecard_list(actor=request.user, partnership=partnership)
    found = ScorecardFilter(request.GET or None, queryset=listed)
    cards = html_page(request, found.qs)
    scores = selectors.results(actor=request.user, cards=list(cards))
    side = acting_side(request.user, partnership)
    my_direction = services.DIRECTION_OF_SIDE[Side(side)] if side else None
    context.update(
        scorecard_filter=found,
        cards=cards,
        scored=[
            {
                "card": c,
                "result": scores.get(c.pk),
                "chart": history_chart(scores[c.pk], c.name) if c.pk in scores else None,
                "chart_id": f"scorecard-chart-{c.pk}",
            }
            for c in cards
        ],
        can_set_up=context["can_contribute"]
        and my_direction is not None
        and not listed.filter(direction=my_direction).exists(),
        my_direction=ScoreDirection(my_direction).label if my_direction else "",
    )
    return render(request, "scorecards/list.html", context)


def _card_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    card, may = selectors.scorecard_get(actor=request.user, pk=pk)
    context = workspace_context(request, card.partnership_id, "goals")
    context.update(card=card, can_edit=may.change)
    return context


@login_required
def scorecard_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _card_context(request, pk)
    card = context["card"]
    result = selectors.results(actor=request.user, cards=[card]).get(card.pk)
    goals = services.usable_goals(card.partnership_id, card.visibility, card.owner_id)
    recent = list(reversed(result.periods)) if result else []
    kpis = result.definition.kpis.items() if result else []
    titles = {name: goals[gid].title for name, gid in kpis if gid in goals}
    context.update(
        result=result,
        chart=history_chart(result, card.name) if result else None,
        recent=recent,
        # the page opens on the latest period that has a score, not on one still without data
        opened=next((p for p in recent if p.score is not None), None),
        titles=titles,
        rules={c.name: c.sentence(titles) for c in result.definition.criteria} if result else {},
        goals=goals,
    )
    return render(request, "scorecards/detail.html", context)


def _forms(request: AuthedRequest, goals: dict[int, Any], card: Scorecard | None) -> tuple[Any, Any, Any]:
    data = request.POST or None
    settings_initial, kpis_initial, criteria_initial = initial_from(card.definition if card else {})
    if card is not None:
        settings_initial |= {"name": card.name, "visibility": card.visibility, "version": card.version}
    settings = SettingsForm(data, initial=settings_initial)
    kpis = KpiFormSet(data, prefix="kpi", initial=kpis_initial)
    criteria = CriterionFormSet(data, prefix="criterion", initial=criteria_initial)
    choices = [("", "—"), *((g.pk, f"{g.title} ({g.unit})" if g.unit else g.title) for g in goals.values())]
    for form in kpis:
        field = form.fields["goal_id"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = choices
    return settings, kpis, criteria


@login_required
def scorecard_create(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "goals")
    partnership = context["partnership"]
    mine = acting_organisation(request.user, partnership)
    if not context["can_contribute"] or mine is None:
        raise Forbidden("Viewers can read but not set up scorecards.")
    # The form offers every goal an internal card could use; saving a shared card narrows it.
    goals = services.usable_goals(partnership.pk, Visibility.INTERNAL, mine)
    settings, kpis, criteria = _forms(request, goals, None)
    if request.method == "POST" and all(f.is_valid() for f in (settings, kpis, criteria)):
        try:
            definition = definition_from(settings, kpis, criteria)
            created = services.scorecard_create(
                actor=request.user,
                partnership=partnership,
                name=settings.cleaned_data["name"],
                visibility=settings.cleaned_data["visibility"],
                definition=definition,
            )
        except ValidationFailed as exc:
            place_errors(exc, settings, kpis, criteria)
        else:
            messages.success(request, f"Scorecard “{created.name}” set up.")
            return redirect("scorecard", pk=created.pk)
    context.update(settings=settings, kpis=kpis, criteria=criteria, card=None)
    return render(request, "scorecards/edit.html", context)


@login_required
def scorecard_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _card_context(request, pk)
    card = context["card"]
    if not context["can_edit"]:
        raise Forbidden("Only the author or an admin of the scoring organisation may change this scorecard.")
    goals = services.usable_goals(card.partnership_id, Visibility.INTERNAL, card.owner_id)
    settings, kpis, criteria = _forms(request, goals, card)
    backtest = None
    if request.method == "POST" and all(f.is_valid() for f in (settings, kpis, criteria)):
        try:
            definition = definition_from(settings, kpis, criteria)
            if request.POST.get("action") == "preview":
                backtest = services.backtest(actor=request.user, scorecard=card, definition=definition)
            else:
                services.scorecard_update(
                    actor=request.user,
                    scorecard=card,
                    version=settings.cleaned_data.get("version"),
                    name=settings.cleaned_data["name"],
                    visibility=settings.cleaned_data["visibility"],
                    definition=definition,
                )
                messages.success(request, "Scorecard saved.")
                return redirect("scorecard", pk=pk)
        except ValidationFailed as exc:
            place_errors(exc, settings, kpis, criteria)
    context.update(settings=settings, kpis=kpis, criteria=criteria, backtest=backtest)
    return render(request, "scorecards/edit.html", context)


@login_required
def scorecard_history(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _card_context(request, pk)
    return history_page(request, context["card"], context)


@login_required
def scorecard_chart_file(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in charts.FORMATS:
        raise NotFound()  # before any work
    card = selectors.scorecard_get(actor=request.user, pk=pk).obj
    result = selectors.results(actor=request.user, cards=[card]).get(card.pk)
    if result is None:
        raise NotFound()
    return charts.download(history_chart(result, card.name), fmt, f"scorecard-{card.pk}")
