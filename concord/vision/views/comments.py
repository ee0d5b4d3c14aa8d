"""The comments on the vision's sections: listed (filtered, paged), added and resolved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from concord.accounts.requests import AuthedRequest
from concord.core.forms import problems, run_action
from concord.core.paging import html_page
from concord.partnerships.views import workspace_context
from concord.vision import selectors
from concord.vision.filters import CommentFilter
from concord.vision.forms import CommentForm, ResolveForm
from concord.vision.models import COMMENT_SECTIONS
from concord.vision.services import comments


@login_required
@require_http_methods(["GET", "POST"])
def vision_comments(request: AuthedRequest, pk: int) -> HttpResponse:
    """The vision's comments: GET lists them (filtered, paged), POST adds one — as the API's
    /partnerships/{id}/vision/comments does."""
    return comment_add(request, pk) if request.method == "POST" else comment_list(request, pk)


def comment_list(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every comment the reader may see, grouped by section (the vision page shows a few each)."""
    context = workspace_context(request, pk, "vision")
    found = CommentFilter(
        request.GET or None,
        queryset=selectors.comments_for(actor=request.user, partnership=context["partnership"]),
    )
    context.update(comment_filter=found, comments=html_page(request, found.qs), sections=COMMENT_SECTIONS)
    return render(request, "vision/comments.html", context)


def comment_add(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "vision")
    form = CommentForm(request.POST)
    run_action(
        request,
        form,
        lambda data: comments.comment_add(actor=request.user, partnership=context["partnership"], **data),
        "Comment posted.",
    )
    page = reverse("vision", args=[pk])
    section = form.cleaned_data.get("section") if not form.errors else None  # back where it was written
    return redirect(f"{page}#section-{section}" if section else page)


@login_required
@require_POST
def comment_resolve(request: AuthedRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_get(actor=request.user, pk=pk).obj
    # The version the person saw: stale is a conflict (409); garbled is refused, not skipped.
    form = ResolveForm(request.POST)
    if form.is_valid():
        comments.comment_resolve(actor=request.user, comment=comment, **form.cleaned_data)
    else:
        messages.error(request, problems(form))
    back = request.POST.get("next", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(f"{back}#comment-{comment.pk}")  # the comments page it was resolved on
    return redirect(f"{reverse('vision', args=[comment.partnership_id])}#section-{comment.section}")
