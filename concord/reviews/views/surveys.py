"""Survey pages: the rounds (list, trends table and chart, draft one), a round (its results per
side and perception gaps, your answer, the lead's edit/open/close) and the export. Thin."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.pages import per_reader
from concord.access.policy import is_side_lead
from concord.accounts.requests import AuthedRequest
from concord.core import exports
from concord.core.errors import InvalidState, ValidationFailed
from concord.core.forms import VersionForm, apply_errors, create_from, run_action
from concord.core.paging import html_page
from concord.partnerships.views import workspace_context
from concord.reviews import dimensions, selectors
from concord.reviews import exports as sheets
from concord.reviews.charts import dimensions_chart, trend_chart
from concord.reviews.filters import RoundFilter
from concord.reviews.forms import AnswerForm, RoundEditForm, RoundForm
from concord.reviews.models import RoundStatus
from concord.reviews.services import survey

TAB = "reviews"


@login_required
@per_reader
def survey_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    lead = is_side_lead(request.user, partnership)
    form = RoundForm(request.POST or None)
    created = create_from(
        request,
        form,
        allowed=lead,
        create=lambda d: survey.round_create(actor=request.user, partnership=partnership, **d),
        done=lambda r: f"Round “{r.title}” drafted: check its dimensions, then open it.",
    )
    if created is not None:
        return redirect("survey-round", pk=created.pk)
    found = RoundFilter(
        request.GET or None, queryset=selectors.round_list(actor=request.user, partnership=partnership)
    )
    trends = selectors.trends(actor=request.user, partnership=partnership)
    context.update(
        filter=found,
        rounds=html_page(request, found.qs),
        form=form,
        lead=lead,
        trends=trends,
        chart=trend_chart(trends) if trends else None,
    )
    return render(request, "reviews/surveys.html", context)


def _round_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    found, may = selectors.round_get(actor=request.user, pk=pk)
    context = workspace_context(request, found.partnership_id, TAB)
    results = selectors.round_results(actor=request.user, round_=found)
    mine = selectors.my_response(actor=request.user, round_=found)
    context.update(
        round=found,
        may=may,
        results=results,
        rows=results.rows(),
        mine=mine,
        lead=is_side_lead(request.user, found.partnership),
        chart=dimensions_chart(results) if results.closed and results.score is not None else None,
    )
    return context


def _detail(
    request: AuthedRequest, context: dict[str, Any], answer: Any = None, edit: Any = None
) -> HttpResponse:
    found = context["round"]
    if answer is None and found.status == RoundStatus.OPEN:
        answer = AnswerForm(round_=found, answers=context["mine"].answers if context["mine"] else None)
    if edit is None and found.status != RoundStatus.CLOSED:
        initial = {
            "version": found.version,
            "title": found.title,
            "closes_on": found.closes_on,
            "min_respondents": found.min_respondents,
            "dimensions": dimensions.as_text(found.dimensions),
        }
        edit = RoundEditForm(initial=initial)
    context.update(
        answer_form=answer, edit_form=edit, version_form=VersionForm(initial={"version": found.version})
    )
    return render(request, "reviews/survey_round.html", context)


@login_required
def survey_round(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, _round_context(request, pk))


@login_required
@require_POST
def survey_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _round_context(request, pk)
    form = AnswerForm(request.POST, round_=context["round"])
    if form.is_valid():
        try:
            survey.response_save(actor=request.user, round_=context["round"], answers=form.answers())
        except ValidationFailed as exc:
            apply_errors(
                form, ValidationFailed({k.replace("answers.", "") + "__is": v for k, v in exc.errors.items()})
            )
        except InvalidState as exc:
            messages.error(request, exc.text())
            return redirect("survey-round", pk=pk)
        else:
            messages.success(
                request,
                "Thank you: your answer is saved, anonymously. You may change it until the round closes.",
            )
            return redirect("survey-round", pk=pk)
    return _detail(request, context, answer=form)


@login_required
@require_POST
def survey_round_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _round_context(request, pk)
    form = RoundEditForm(request.POST)
    if form.is_valid():
        try:
            survey.round_update(actor=request.user, round_=context["round"], **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except InvalidState as exc:
            messages.error(request, exc.text())
            return redirect("survey-round", pk=pk)
        else:
            messages.success(request, "Round saved.")
            return redirect("survey-round", pk=pk)
    return _detail(request, context, edit=form)


@login_required
@require_POST
def survey_round_open(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.round_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        VersionForm(request.POST),
        lambda d: survey.round_open(actor=request.user, round_=found, **d),
        "Round open: everyone of both sides is invited to answer.",
    )
    return redirect("survey-round", pk=pk)


@login_required
@require_POST
def survey_round_close(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.round_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        VersionForm(request.POST),
        lambda d: survey.round_close(actor=request.user, round_=found, **d),
        "Round closed: results show for each side that reached the threshold.",
    )
    return redirect("survey-round", pk=pk)


@login_required
def surveys_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """The filtered rounds as a spreadsheet (counts, never answers)."""
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    found = RoundFilter(
        request.GET or None, queryset=selectors.round_list(actor=request.user, partnership=partnership)
    )
    return exports.download(
        fmt, f"surveys-{pk}", exports.table(sheets.ROUND_COLUMNS, found.qs), "Survey rounds"
    )
