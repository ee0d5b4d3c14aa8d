"""Performance review pages: the list (create one), a review (its frozen figures, each side's
narrative, improvement actions, signatures), the report pack as a page and as a PDF, and the
export. Thin."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.pages import per_reader
from concord.access.policy import acting_side, is_side_lead
from concord.accounts.requests import AuthedRequest
from concord.core import exports
from concord.core.downloads import PDF, attachment
from concord.core.errors import InvalidState, ValidationFailed
from concord.core.forms import VersionForm, apply_errors, create_from, run_action
from concord.core.markdown import render_markdown
from concord.core.paging import html_page
from concord.partnerships.views import workspace_context
from concord.reviews import exports as sheets
from concord.reviews import report, selectors
from concord.reviews.charts import dimensions_chart
from concord.reviews.filters import ReviewFilter
from concord.reviews.forms import ActionForm, NarrativeForm, ReviewForm
from concord.reviews.services import reviews as services
from concord.reviews.snapshot import deltas

TAB = "reviews"


@login_required
@per_reader
def review_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    form = ReviewForm(request.POST or None)
    created = create_from(
        request,
        form,
        allowed=context["can_contribute"],
        create=lambda d: services.review_create(actor=request.user, partnership=partnership, **d),
        done=lambda r: f"Review “{r.title}” created: its figures are frozen as of now.",
    )
    if created is not None:
        return redirect("review", pk=created.pk)
    found = ReviewFilter(
        request.GET or None, queryset=selectors.review_list(actor=request.user, partnership=partnership)
    )
    context.update(filter=found, reviews=html_page(request, found.qs), form=form)
    return render(request, "reviews/reviews.html", context)


def _context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    review, may = selectors.review_get(actor=request.user, pk=pk)
    context = workspace_context(request, review.partnership_id, TAB)
    previous = review.previous.snapshot if review.previous else None
    survey = review.snapshot.get("survey")
    context.update(
        review=review,
        may=may,
        snap=review.snapshot,
        deltas=deltas(review.snapshot, previous),
        side=acting_side(request.user, review.partnership),
        lead=is_side_lead(request.user, review.partnership),
        actions=selectors.action_items(actor=request.user, review=review),
        chart=dimensions_chart(survey) if survey and survey.get("score") is not None else None,
    )
    return context


def _detail(
    request: AuthedRequest, context: dict[str, Any], narrative: Any = None, action: Any = None
) -> HttpResponse:
    review = context["review"]
    side = context["side"]
    if narrative is None:
        text = review.narrative_buyer if side == "buyer" else review.narrative_supplier
        narrative = NarrativeForm(initial={"version": review.version, "narrative": text})
    if action is None:
        action = ActionForm(people=selectors.action_people(actor=request.user, review=review))
    context.update(
        narrative_form=narrative,
        action_form=action,
        sign_form=VersionForm(initial={"version": review.version}),
        narrative_buyer=render_markdown(review.narrative_buyer),
        narrative_supplier=render_markdown(review.narrative_supplier),
    )
    return render(request, "reviews/review.html", context)


@login_required
def review_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _detail(request, _context(request, pk))


@login_required
@require_POST
def review_narrative(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _context(request, pk)
    form = NarrativeForm(request.POST)
    if form.is_valid():
        try:
            services.review_narrative(actor=request.user, review=context["review"], **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except InvalidState as exc:
            messages.error(request, exc.text())
            return redirect("review", pk=pk)
        else:
            messages.success(request, "Narrative saved.")
            return redirect("review", pk=pk)
    return _detail(request, context, narrative=form)


@login_required
@require_POST
def review_sign(request: AuthedRequest, pk: int) -> HttpResponse:
    review = selectors.review_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        VersionForm(request.POST),
        lambda d: services.review_sign(actor=request.user, review=review, **d),
        "Signed for your side.",
    )
    return redirect("review", pk=pk)


@login_required
@require_POST
def review_action(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _context(request, pk)
    review = context["review"]
    form = ActionForm(request.POST, people=selectors.action_people(actor=request.user, review=review))
    created = create_from(
        request,
        form,
        allowed=context["may"].contribute,
        create=lambda d: services.action_add(actor=request.user, review=review, **d),
        done=lambda c: f"Improvement action “{c.title}” added to the review's action plan.",
    )
    if created is not None:
        return redirect("review", pk=pk)
    return _detail(request, context, action=form)


def _report(request: AuthedRequest, pk: int) -> tuple[dict[str, Any], str]:
    context = _context(request, pk)
    return context, report.markdown(context["review"], context["actions"])


@login_required
def review_report(request: AuthedRequest, pk: int) -> HttpResponse:
    """The report pack as a page (the same text as the PDF), with the survey chart."""
    context, text = _report(request, pk)
    context["report"] = render_markdown(text)
    return render(request, "reviews/report.html", context)


@login_required
def review_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    from concord.core import charts, pdf  # fpdf and the chart renderer are heavy: only a PDF pays for them

    context, text = _report(request, pk)
    images = (
        [("Survey by dimension", charts.render(context["chart"], "png", 640))] if context["chart"] else []
    )
    body = pdf.markdown_pdf(text, title=context["review"].title, images=images)
    return attachment(body, PDF, f"review-{pk}.pdf")


@login_required
def reviews_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    found = ReviewFilter(
        request.GET or None, queryset=selectors.review_list(actor=request.user, partnership=partnership)
    )
    return exports.download(fmt, f"reviews-{pk}", exports.table(sheets.REVIEW_COLUMNS, found.qs), "Reviews")
