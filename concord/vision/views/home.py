"""The Vision tab: the shared document with its comments by section, and the blind rounds."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from concord.access.policy import can_sign
from concord.accounts.requests import AuthedRequest
from concord.core.paging import html_page
from concord.partnerships.views import workspace_context
from concord.vision import selectors
from concord.vision.filters import RoundFilter
from concord.vision.forms import ObjectiveForm, RoundForm
from concord.vision.models import DEFAULT_DIMENSIONS, SECTIONS, RevisionStatus, RoundStatus

# The vision page shows at most this many comments per section (5 sections: one page in all);
# the rest are on the comments page, filtered by section.
COMMENTS_PER_SECTION = 5


@login_required
def vision_home(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "vision")
    partnership = context["partnership"]
    rounds = selectors.round_list(actor=request.user, partnership=partnership)
    found = RoundFilter(request.GET or None, queryset=rounds)
    context.update(
        round_filter=found,
        rounds=html_page(request, found.qs),
        has_open=rounds.filter(status=RoundStatus.OPEN).exists(),
        round_form=RoundForm(initial={"dimensions": "\n".join(DEFAULT_DIMENSIONS)}),
    )
    doc = selectors.vision_view(actor=request.user, partnership=partnership)
    context.update(
        doc=doc,
        sections=SECTIONS,
        doc_status_label=RevisionStatus(doc.status).label,
        can_sign=can_sign(request.user, partnership),
        objective_form=ObjectiveForm(initial={"base": doc.current.number if doc.current else None}),
        threads=selectors.comment_threads(
            actor=request.user, partnership=partnership, per_section=COMMENTS_PER_SECTION
        ),
    )
    return render(request, "vision/home.html", context)
