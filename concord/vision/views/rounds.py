"""Vision pages: rounds, the blind submission form, reveal, and the alignment report."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.policy import other_side, require
from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.core.downloads import MARKDOWN, PDF, attachment
from concord.core.errors import InvalidState, ValidationFailed
from concord.core.paging import html_page
from concord.partnerships.views import workspace_context
from concord.vision import exports, selectors, services
from concord.vision.filters import SubmissionFilter
from concord.vision.forms import RoundForm, SubmissionForm
from concord.vision.models import RoundStatus


@login_required
@require_POST
def round_open(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "vision")
    form = RoundForm(request.POST)
    if form.is_valid():
        try:
            opened = services.round_open(
                actor=request.user, partnership=context["partnership"], dimensions=form.cleaned_dimensions()
            )
        except ValidationFailed as exc:
            messages.error(request, exc.text())
        except InvalidState as exc:
            messages.error(request, exc.detail)
        else:
            messages.success(request, f"Round {opened.number} is open. Answers stay blind until reveal.")
            return redirect("vision-round", pk=opened.pk)
    return redirect("vision", pk=pk)


def _other_side(context: dict[str, Any]) -> str:
    partnership = context["partnership"]
    others = other_side(partnership, context["standing"].organisation_id)
    names = [p.organisation.name for p in partnership.parties.all() if p.organisation_id in others]
    return " / ".join(names) or "the other party"


def _round_context(request: AuthedRequest, round_pk: int) -> dict[str, Any]:
    round_ = selectors.round_get(actor=request.user, pk=round_pk).obj
    context = workspace_context(request, round_.partnership_id, "vision")
    # Revealing is a change of the partnership's joint work: its admins and partnership managers.
    mine = selectors.submission_mine(actor=request.user, round_=round_)
    context.update(
        round=round_,
        mine=mine,
        statuses=selectors.party_statuses(round_=round_),
        can_reveal=context["can_change"],
        other=_other_side(context),
    )
    if round_.status == RoundStatus.REVEALED:
        found = SubmissionFilter(
            request.GET or None, queryset=selectors.submission_list(actor=request.user, round_=round_)
        )
        context["reports"] = selectors.alignment_reports(actor=request.user, round_=round_)
        context["submission_filter"] = found
        context["submissions"] = html_page(request, found.qs)
    return context


@login_required
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _round_context(request, pk)
    round_, mine = context["round"], context["mine"]
    if round_.status == RoundStatus.OPEN and context["can_contribute"]:
        initial = SubmissionForm.initial_from(mine, round_.dimensions) if mine else {}
        context["form"] = SubmissionForm(
            initial=initial, dimensions=round_.dimensions, other=context["other"]
        )
    return render(request, "vision/round.html", context)


@login_required
@require_POST
def answers_save(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _round_context(request, pk)
    round_ = context["round"]
    require(request.user, Action.CONTRIBUTE, context["partnership"])
    form = SubmissionForm(request.POST, dimensions=round_.dimensions, other=context["other"])
    if form.is_valid():
        try:
            saved = services.submission_save(
                actor=request.user, round_=round_, version=form.cleaned_data["version"], **form.answers()
            )
            if "submit" in request.POST:
                services.submission_submit(actor=request.user, submission=saved, version=saved.version)
                messages.success(request, "Submitted. The other side sees only that you have submitted.")
            else:
                messages.success(request, "Draft saved. Only your organisation can see it.")
            return redirect("vision-round", pk=pk)
        except ValidationFailed as exc:
            for field, errors in exc.errors.items():
                for message in errors:
                    form.add_error(form.map_error_field(field), message)
    context["form"] = form
    return render(request, "vision/round.html", context, status=422)


@login_required
@require_POST
def round_reveal(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get(actor=request.user, pk=pk).obj
    try:
        services.round_reveal(actor=request.user, round_=round_)
    except InvalidState as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, "Revealed: both sides now see every answer and the alignment report.")
    return redirect("vision-round", pk=pk)


def _report(request: AuthedRequest, pk: int) -> tuple[Any, str]:
    round_ = selectors.round_get(actor=request.user, pk=pk).obj
    reports = selectors.alignment_reports(actor=request.user, round_=round_)
    return round_, exports.report_markdown(round_, reports)


@login_required
def round_report_markdown(request: AuthedRequest, pk: int) -> HttpResponse:
    round_, text = _report(request, pk)
    return attachment(text, MARKDOWN, f"alignment-round-{round_.number}.md")


@login_required
def round_report_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    from concord.core import pdf  # fpdf is heavy to import: only an export pays for it

    round_, text = _report(request, pk)
    title = f"{round_.partnership.name} — alignment report, round {round_.number}"
    return attachment(pdf.markdown_pdf(text, title=title), PDF, f"alignment-round-{round_.number}.pdf")
