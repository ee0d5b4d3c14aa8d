"""The Lifecycle tab: the ISO 44001 stage, its checklist and history, the exit plan — and, for the
buying side only, its Kraljic segmentation, the relationship type and its due diligence on the
supplier. The supplier's page is built without ever reading those (sides.reads_as_buyer)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from concord.access.pages import per_reader
from concord.access.sides import buyer_org, reads_as_buyer
from concord.accounts.requests import AuthedRequest
from concord.core import exports
from concord.core.errors import Forbidden, ValidationFailed
from concord.core.forms import apply_errors
from concord.core.paging import html_page
from concord.lifecycle import expiry, kraljic, selectors
from concord.lifecycle import exports as sheets
from concord.lifecycle.filters import SegmentationFilter, StageChangeFilter
from concord.lifecycle.forms import ExitPlanForm, RelationshipForm, SegmentationForm, StageMoveForm
from concord.lifecycle.models import ExitPlan
from concord.lifecycle.services import segmentation, stages
from concord.partnerships.views import workspace_context

TAB = "lifecycle"


def _buyer_context(request: AuthedRequest, partnership: Any, forms: dict[str, Any]) -> dict[str, Any]:
    """What only the buying side sees (never computed for anyone else)."""
    if not reads_as_buyer(request.user, partnership):
        return {"buyer_view": False}
    found = SegmentationFilter(
        request.GET or None, queryset=selectors.segmentation_list(actor=request.user, partnership=partnership)
    )
    history = html_page(request, found.qs, param="assessments_page")
    latest = selectors.segmentation_list(actor=request.user, partnership=partnership).first()
    return {
        "buyer_view": True,
        "latest": latest,
        "suggested": latest.suggested_type if latest else None,
        "differs": latest is not None and latest.suggested_type != partnership.relationship_type,
        "assessments": history,
        "segmentation_filter": found,
        "review_due": latest and expiry.review_due_on(latest.assessed_on),
        "segmentation_form": forms.get("segmentation") or SegmentationForm(),
        "relationship_form": forms.get("relationship")
        or RelationshipForm(instance=partnership, initial={"version": partnership.version}),
        "diligence": selectors.partnership_diligence(
            actor=request.user, partnership=partnership, today=timezone.localdate()
        ),
        "buyer_org_id": buyer_org(request.user, partnership),
        "factors": kraljic.FACTORS,
    }


def _page(request: AuthedRequest, pk: int, **forms: Any) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    view = selectors.lifecycle_view(actor=request.user, partnership=partnership)
    found = StageChangeFilter(
        request.GET or None, queryset=selectors.stage_history(actor=request.user, partnership=partnership)
    )
    context.update(
        view=view,
        history=html_page(request, found.qs),
        filter=found,
        move_form=forms.get("move")
        or StageMoveForm(initial={"version": view.version, "stage": view.next_stage or view.stage}),
        today=timezone.localdate(),
    )
    context.update(_buyer_context(request, partnership, forms))
    return render(request, "lifecycle/tab.html", context)


@login_required
@per_reader
def lifecycle(request: AuthedRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


@login_required
@require_POST
def stage_move(request: AuthedRequest, pk: int) -> HttpResponse:
    partnership = workspace_context(request, pk, TAB)["partnership"]
    form = StageMoveForm(request.POST)
    if form.is_valid():
        try:
            stages.stage_move(actor=request.user, partnership=partnership, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Stage moved; the move is in the history.")
            return redirect("lifecycle", pk=pk)
    return _page(request, pk, move=form)


@login_required
def exit_plan(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    if not context["can_contribute"]:
        raise Forbidden("Viewers can read the exit plan on the Lifecycle tab but not edit it.")
    partnership = context["partnership"]
    plan = selectors.exit_plan_get(actor=request.user, partnership=partnership)
    initial = {"version": plan.version if plan else 1}
    form = ExitPlanForm(request.POST or None, instance=plan or ExitPlan(), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            stages.exit_plan_save(actor=request.user, partnership=partnership, version=version, **data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Exit plan saved.")
            return redirect("lifecycle", pk=pk)
    context.update(form=form, plan=plan)
    return render(request, "lifecycle/exit_plan.html", context)


@login_required
def history_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    found = StageChangeFilter(
        request.GET or None, queryset=selectors.stage_history(actor=request.user, partnership=partnership)
    )
    table = exports.table(sheets.STAGE_COLUMNS, found.qs)
    return exports.download(fmt, f"lifecycle-{pk}", table, "Stage history")


@login_required
@require_POST
def segmentation_record(request: AuthedRequest, pk: int) -> HttpResponse:
    partnership = workspace_context(request, pk, TAB)["partnership"]
    buyer_org(request.user, partnership)  # the supplier side: 404 before anything else
    form = SegmentationForm(request.POST)
    if form.is_valid():
        try:
            made = segmentation.segmentation_record(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Assessed: {made.get_quadrant_display()}.")
            return redirect("lifecycle", pk=pk)
    return _page(request, pk, segmentation=form)


@login_required
@require_POST
def relationship_set(request: AuthedRequest, pk: int) -> HttpResponse:
    partnership = workspace_context(request, pk, TAB)["partnership"]
    buyer_org(request.user, partnership)
    form = RelationshipForm(request.POST, instance=partnership)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            segmentation.relationship_set(actor=request.user, partnership=partnership, **data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Relationship type saved.")
            return redirect("lifecycle", pk=pk)
    partnership.refresh_from_db()
    return _page(request, pk, relationship=form)


@login_required
def segmentations_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    buyer_org(request.user, partnership)
    found = SegmentationFilter(
        request.GET or None, queryset=selectors.segmentation_list(actor=request.user, partnership=partnership)
    )
    table = exports.table(sheets.SEGMENTATION_COLUMNS, found.qs)
    return exports.download(fmt, f"segmentations-{pk}", table, "Segmentations")
