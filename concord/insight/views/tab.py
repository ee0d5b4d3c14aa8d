"""The Insight tab: recommendations for the supplier side, proposals for both, "why (not)?" for one
offering, and turning a recommendation into a proposal. Thin: parse, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from concord.access.pages import per_reader
from concord.access.policy import contributes_for
from concord.access.sides import insight_org, require_insight_writer
from concord.accounts.requests import AuthedRequest
from concord.core import exports
from concord.core.errors import ValidationFailed
from concord.core.forms import apply_errors
from concord.core.paging import html_page
from concord.insight import exports as sheets
from concord.insight import selectors
from concord.insight.filters import ProposalFilter
from concord.insight.forms import ProposalForm
from concord.insight.services.proposals import proposal_make
from concord.partnerships.views import workspace_context

TAB = "insight"
RECENT = 5
LEFT_OUT = 50  # offerings listed with the reason they are left out, on request


@login_required
@per_reader
def insight_home(request: AuthedRequest, pk: int) -> HttpResponse:
    """The supplier's short list with reasons; the customer sees the proposals shared with it."""
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    org = insight_org(request.user, partnership)
    if org is not None:
        left_out = LEFT_OUT if request.GET.get("left_out") else 0
        context["found"] = selectors.recommendations(
            actor=request.user, partnership=partnership, left_out=left_out
        )
        context["can_propose"] = contributes_for(request.user, org)
    recent = selectors.proposal_list(actor=request.user, partnership=partnership)[:RECENT]
    context.update(supplier=org is not None, org_id=org, recent=list(recent))
    return render(request, "insight/home.html", context)


@login_required
def insight_fit(request: AuthedRequest, pk: int, offering: int) -> HttpResponse:
    """How one offering fits the customer, or why it is left out."""
    context = workspace_context(request, pk, TAB)
    verdict = selectors.fit_of(actor=request.user, partnership=context["partnership"], offering_pk=offering)
    context["verdict"] = verdict
    return render(request, "insight/fit.html", context)


@login_required
def insight_propose(request: AuthedRequest, pk: int, offering: int) -> HttpResponse:
    """A proposal prefilled from the recommendation; the supplier edits it before sharing."""
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    require_insight_writer(request.user, partnership)
    verdict = selectors.fit_of(actor=request.user, partnership=partnership, offering_pk=offering)
    initial = {
        "title": f"Proposal: {verdict.offering.name}"[:200],
        "description": verdict.text if not verdict.assessment.excluded else "",
    }
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = proposal_make(
                actor=request.user, partnership=partnership, offering_id=offering, **form.cleaned_data
            )
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Proposal shared: the customer answers yes, no or maybe.")
            return redirect("demand", pk=made.demand_id)
    context.update(form=form, verdict=verdict)
    return render(request, "insight/propose.html", context, status=422 if form.errors else 200)


@login_required
def proposals(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    found = ProposalFilter(
        request.GET or None,
        queryset=selectors.proposal_list(actor=request.user, partnership=context["partnership"]),
    )
    context.update(filter=found, proposals=html_page(request, found.qs))
    return render(request, "insight/proposals.html", context)


@login_required
def proposals_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    found = ProposalFilter(
        request.GET or None, queryset=selectors.proposal_list(actor=request.user, partnership=partnership)
    )
    return exports.download(
        fmt, f"proposals-{pk}", exports.table(sheets.PROPOSAL_COLUMNS, found.qs), "Proposals"
    )
