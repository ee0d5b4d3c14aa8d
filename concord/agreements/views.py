"""Agreement pages: the Agreements tab, an agreement with its gate and clauses, the import preview,
the traceability matrix, and a clause with its objectives, suggestions and negotiation positions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.policy import can_sign, require
from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.agreements import exports as sheets
from concord.agreements import parsing, selectors, services
from concord.agreements.filters import AgreementFilter, ClauseFilter, ClauseNoteFilter
from concord.agreements.forms import (
    AgreementEditForm,
    AgreementForm,
    ClauseEditForm,
    ClauseForm,
    ImportForm,
    MoveForm,
    PositionForm,
)
from concord.agreements.models import AgreementStatus
from concord.audit.views import history_page
from concord.core import exports, inputs, uploads
from concord.core.errors import InvalidState, ValidationFailed
from concord.core.forms import apply_errors, problems, run_action
from concord.core.paging import html_page
from concord.partnerships.selectors import party_choices
from concord.partnerships.views import workspace_context


def _agreement_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    agreement = selectors.agreement_get(actor=request.user, pk=pk).obj
    context = workspace_context(request, agreement.partnership_id, "agreements")
    context["agreement"] = agreement
    context["editable"] = context["can_contribute"] and agreement.status in (
        AgreementStatus.DRAFTING,
        AgreementStatus.NEGOTIATION,
    )
    return context


@login_required
def agreement_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "agreements")
    partnership = context["partnership"]
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.agreement_create(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{created.get_kind_display()} “{created.title}” is in drafting.")
            return redirect("agreement", pk=created.pk)
    found = AgreementFilter(
        request.GET or None, queryset=selectors.agreement_list(actor=request.user, partnership=partnership)
    )
    context.update(
        agreement_filter=found,
        agreements=html_page(request, found.qs),
        vision_agreed=services.vision_agreed(partnership),
        form=form,
    )
    return render(request, "agreements/list.html", context)


@login_required
def agreements_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """The whole filtered list of agreements as a spreadsheet, one row per clause."""
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, "agreements")["partnership"]
    found = AgreementFilter(
        request.GET or None, queryset=selectors.agreement_list(actor=request.user, partnership=partnership)
    )
    agreements = selectors.with_clauses(found.qs, actor=request.user)
    table = exports.flat(sheets.AGREEMENT_COLUMNS, agreements, sheets.clauses_of)
    return exports.download(fmt, f"agreements-{pk}", table, "Agreements")


def _moves(request: AuthedRequest, context: dict[str, Any]) -> list[dict[str, Any]]:
    """The moves this person can make now, each with its form (the gate may ask for a reason)."""
    agreement = context["agreement"]
    if not context["can_contribute"]:
        return []
    signatory = can_sign(request.user, agreement.partnership)
    moves = []
    forward_first = sorted(services.MOVES[agreement.status], key=lambda to: to == AgreementStatus.DRAFTING)
    for to in forward_first:
        if to in services.SIGNATORY_MOVES and not signatory:
            continue
        gated = (
            agreement.status == AgreementStatus.DRAFTING
            and not agreement.gate_override_reason
            and not context["vision_agreed"]
        )
        if gated and not signatory:
            continue
        moves.append(
            {
                "to": to,
                "label": AgreementStatus(to).label,
                "gated": gated,
                "form": MoveForm(initial={"version": agreement.version, "to": to}),
            }
        )
    return moves


@login_required
def agreement_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _agreement_context(request, pk)
    agreement = context["agreement"]
    context["vision_agreed"] = services.vision_agreed(agreement.partnership)
    context.update(
        _clauses(request, agreement),
        moves=_moves(request, context),
        clause_form=ClauseForm(),
    )
    return render(request, "agreements/detail.html", context)


def _clauses(request: AuthedRequest, agreement: Any) -> dict[str, Any]:
    """A page of the agreement's clauses, filtered, with how they cover the vision."""
    found = ClauseFilter(request.GET or None, queryset=selectors.clause_list(agreement=agreement))
    clauses = html_page(request, found.qs)
    return {
        "clause_filter": found,
        "clauses": clauses,
        "rows": selectors.matrix_rows(clauses),
        "coverage": selectors.coverage(actor=request.user, agreement=agreement),
    }


@login_required
def agreement_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _agreement_context(request, pk)
    agreement = context["agreement"]
    require(request.user, Action.CONTRIBUTE, agreement)
    initial = inputs.stored(agreement, AgreementEditForm.base_fields)
    form = AgreementEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(actor=request.user, agreement=agreement, **form.cleaned_data)
        except (ValidationFailed, InvalidState) as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Agreement saved.")
            return redirect("agreement", pk=pk)
    context["form"] = form
    return render(request, "agreements/edit.html", context)


def _form_error(form: Any, exc: ValidationFailed | InvalidState) -> None:
    if isinstance(exc, ValidationFailed):
        apply_errors(form, exc)
    else:
        form.add_error(None, exc.detail)


@login_required
@require_POST
def agreement_move(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _agreement_context(request, pk)
    run_action(
        request,
        MoveForm(request.POST),
        lambda data: services.agreement_move(actor=request.user, agreement=context["agreement"], **data),
        lambda moved: f"The agreement is now in {moved.get_status_display().lower()}.",
    )
    return redirect("agreement", pk=pk)


@login_required
def agreement_history(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _agreement_context(request, pk)
    return history_page(request, context["agreement"], context)


@login_required
@require_POST
def clause_add(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _agreement_context(request, pk)
    form = ClauseForm(request.POST)
    if form.is_valid():
        try:
            added = services.clause_add(
                actor=request.user, agreement=context["agreement"], **form.cleaned_data
            )
        except (ValidationFailed, InvalidState) as exc:
            messages.error(request, exc.text())
        else:
            messages.success(request, f"Clause “{added}” added.")
            return redirect("clause", pk=added.pk)
    else:
        messages.error(request, problems(form))
    return redirect("agreement", pk=pk)


@login_required
def clauses_import(request: AuthedRequest, pk: int) -> HttpResponse:
    """Paste or upload; always a preview first, then an all-or-nothing import of what was previewed."""
    context = _agreement_context(request, pk)
    agreement = context["agreement"]
    services.require_editable(request.user, agreement)
    form = ImportForm(request.POST or None, request.FILES or None)
    preview: parsing.ParseResult | None = None
    if request.method == "POST":
        text = request.POST.get("text", "")
        upload = request.FILES.get("file")
        try:
            if upload is not None:
                text = parsing.upload_text(upload.name, uploads.read(upload))
        except ValueError as exc:
            form.add_error("file", str(exc))
        else:
            preview = parsing.split_text(text)
            if request.POST.get("action") == "commit" and preview.ok:
                try:
                    created = services.clauses_import(
                        actor=request.user, agreement=agreement, parsed=preview.clauses
                    )
                except ValidationFailed as exc:
                    form.add_error(None, exc.text())
                else:
                    messages.success(request, f"Imported {len(created)} clauses.")
                    return redirect("agreement", pk=pk)
    context.update(
        form=form,
        preview=preview,
        normalised=parsing.to_markdown(preview.clauses) if preview and preview.ok else "",
    )
    return render(request, "agreements/import.html", context)


@login_required
def traceability(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _agreement_context(request, pk)
    context.update(_clauses(request, context["agreement"]))
    return render(request, "agreements/matrix.html", context)


def _clause_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    clause = selectors.clause_get(actor=request.user, pk=pk).obj
    context = _agreement_context(request, clause.agreement_id)
    found = ClauseNoteFilter(
        request.GET or None, queryset=selectors.clause_notes(actor=request.user, clause=clause)
    )
    found.offer("owner", party_choices(context["partnership"]))
    context.update(
        clause=clause,
        objectives=selectors.current_objectives(actor=request.user, partnership=clause.agreement.partnership),
        note_filter=found,
        notes=html_page(request, found.qs),
        position_form=PositionForm(),
        can_note=context["can_contribute"],
    )
    return context


@login_required
def clause_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _clause_context(request, pk)
    clause = context["clause"]
    initial = inputs.stored(clause, ClauseEditForm.base_fields)
    initial["objective_ids"] = [o.pk for o in clause.objectives.all()]
    form = ClauseEditForm(request.POST or None, initial=initial, objectives=context["objectives"])
    if not context["editable"]:
        for name in ("number", "heading", "text"):
            form.fields[name].disabled = True  # signed: the words are fixed; links and status are not
    if request.method == "POST" and form.is_valid():
        try:
            services.clause_update(actor=request.user, clause=clause, **form.cleaned_data)
        except (ValidationFailed, InvalidState) as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Clause saved.")
            return redirect("clause", pk=pk)
    context.update(form=form, suggestions=selectors.suggestions(actor=request.user, clause=clause))
    return render(request, "agreements/clause.html", context)


@login_required
@require_POST
def clause_note_add(request: AuthedRequest, pk: int) -> HttpResponse:
    clause = selectors.clause_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        PositionForm(request.POST),
        lambda data: services.note_add(actor=request.user, clause=clause, **data),
        "Position recorded.",
    )
    return redirect("clause", pk=pk)
