"""Vision document pages: edit (a new revision), objectives, sign-off, diff, Markdown and PDF export."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.policy import require
from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.core.downloads import MARKDOWN, PDF, attachment
from concord.core.errors import InvalidState, ValidationFailed
from concord.core.forms import apply_errors, run_action
from concord.core.paging import html_page
from concord.partnerships.views import workspace_context
from concord.vision import exports, selectors
from concord.vision.forms import ObjectiveForm, VisionForm
from concord.vision.models import SECTIONS
from concord.vision.services import document


@login_required
def vision_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "vision")
    require(request.user, Action.CONTRIBUTE, context["partnership"])
    view = selectors.vision_view(actor=request.user, partnership=context["partnership"])
    current = view.current
    initial = {"base": current.number if current else None, **(current.sections if current else {})}
    form = VisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        base = data.pop("base")
        try:
            saved = document.vision_edit(
                actor=request.user, partnership=context["partnership"], base=base, sections=data
            )
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Saved as revision {saved.number}. Signatures are per revision.")
            return redirect("vision", pk=pk)
    context["form"] = form
    return render(request, "vision/edit.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def objective_add(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "vision")
    run_action(
        request,
        ObjectiveForm(request.POST),
        lambda data: document.objective_add(actor=request.user, partnership=context["partnership"], **data),
        lambda added: f"Objective {added.code} added.",
    )
    return redirect("vision", pk=pk)


@login_required
@require_POST
def vision_sign(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "vision")
    raw = request.POST.get("revision", "")
    try:
        document.vision_sign(
            actor=request.user, partnership=context["partnership"], number=int(raw) if raw.isdigit() else 0
        )
    except (ValidationFailed, InvalidState) as exc:
        messages.error(request, exc.text())
    else:
        messages.success(request, "Signed for your organisation.")
    return redirect("vision", pk=pk)


@login_required
def vision_diff(request: AuthedRequest, pk: int) -> HttpResponse:
    """The revisions of the vision, a page at a time, and the changes between two of them."""
    context = workspace_context(request, pk, "vision")
    partnership = context["partnership"]
    old, new = request.GET.get("old", ""), request.GET.get("new", "")
    context.update(old=old, new=new, diff=[], bad=False)
    if old or new:
        if not (old.isdigit() and new.isdigit()) or len(old) > 9 or len(new) > 9:
            context["bad"] = True
        else:
            context["diff"] = selectors.revision_diff(
                actor=request.user, partnership=partnership, old=int(old), new=int(new)
            )
    revisions = selectors.revision_list(actor=request.user, partnership=partnership)
    context["revisions"] = html_page(request, revisions)
    return render(request, "vision/diff.html", context)


def _vision_text(request: AuthedRequest, pk: int) -> tuple[Any, str]:
    context = workspace_context(request, pk, "vision")
    view = selectors.vision_view(actor=request.user, partnership=context["partnership"])
    return context["partnership"], exports.vision_markdown(context["partnership"], view, SECTIONS)


@login_required
def vision_markdown(request: AuthedRequest, pk: int) -> HttpResponse:
    _, text = _vision_text(request, pk)
    return attachment(text, MARKDOWN, "shared-vision.md")


@login_required
def vision_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    from concord.core import pdf  # fpdf is heavy to import: only an export pays for it

    partnership, text = _vision_text(request, pk)
    return attachment(
        pdf.markdown_pdf(text, title=f"Shared Vision — {partnership.name}"), PDF, "shared-vision.pdf"
    )
