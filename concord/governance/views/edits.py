"""Corrections of the governance structure — a directory entry, a committee (and its members), a
decision right — and marking a decision superseded by a later one (the log itself is append-only).
Each page shows the form with the version read (stale: the conflict page) and, where it applies,
a delete form. Thin: parse, call, render."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.core.errors import InvalidState, ValidationFailed
from concord.core.forms import VersionForm, apply_errors, problems
from concord.core.inputs import stored
from concord.governance import selectors
from concord.governance.forms import CommitteeEditForm, KeyPersonEditForm, RightEditForm, SupersedeForm
from concord.governance.services import decisions, structure
from concord.partnerships.views import workspace_context

TAB = "governance"


def _page(
    request: AuthedRequest,
    *,
    partnership_id: int,
    form: forms.Form,
    save: Callable[[dict[str, Any]], Any],
    done: str,
    back: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The edit page: on a valid POST save and go back; otherwise the form with its errors."""
    if request.method == "POST" and form.is_valid():
        try:
            save(dict(form.cleaned_data))
        except (ValidationFailed, InvalidState) as exc:
            if isinstance(exc, ValidationFailed):
                apply_errors(form, exc)
            else:
                messages.error(request, str(exc))
        else:
            messages.success(request, done)
            return redirect(back, pk=partnership_id)
    page = workspace_context(request, partnership_id, TAB)
    page.update(context, form=form)
    return render(request, "governance/edit.html", page)


def _delete(request: AuthedRequest, run: Callable[[int], Any], done: str, back: str, pk: int) -> HttpResponse:
    """A delete with the version read: stale is the conflict page, a record still cited stays."""
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, problems(form))
        return redirect(back, pk=pk)
    try:
        run(form.cleaned_data["version"])
    except InvalidState as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect(back, pk=pk)


@login_required
def key_person_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = selectors.key_person_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    levels = selectors.levels_of(actor=request.user, partnership=entry.partnership)
    initial = {"version": entry.version, "role_title": entry.role_title, "level": entry.level_id}
    form = KeyPersonEditForm(request.POST or None, initial=initial, levels=levels)
    return _page(
        request,
        partnership_id=entry.partnership_id,
        form=form,
        save=lambda d: structure.key_person_update(actor=request.user, key_person=entry, **d),
        done="Directory entry saved.",
        back="governance",
        context={
            "title": f"{entry.person.get_full_name()} in the directory",
            "action": "key-person-edit",
            "record": entry,
            "delete": "key-person-delete",
            "delete_note": "Their RACI letters and committee seats go with them.",
        },
    )


@login_required
@require_POST
def key_person_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = selectors.key_person_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    return _delete(
        request,
        lambda v: structure.key_person_delete(actor=request.user, key_person=entry, version=v),
        "Taken out of the directory.",
        "governance",
        entry.partnership_id,
    )


@login_required
def committee_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    committee = selectors.committee_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    people = selectors.directory(actor=request.user, partnership=committee.partnership)
    initial = stored(committee, ["version", "name", "purpose", "cadence_days"])
    initial["members"] = list(committee.members.values_list("pk", flat=True))
    form = CommitteeEditForm(request.POST or None, initial=initial, people=people)
    return _page(
        request,
        partnership_id=committee.partnership_id,
        form=form,
        save=lambda d: structure.committee_update(actor=request.user, committee=committee, **d),
        done="Committee saved.",
        back="committees",
        context={
            "title": committee.name,
            "action": "committee-edit",
            "record": committee,
            "delete": "committee-delete",
            "delete_note": "Only a committee with no decision in the log can be dissolved.",
        },
    )


@login_required
@require_POST
def committee_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    committee = selectors.committee_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    return _delete(
        request,
        lambda v: structure.committee_delete(actor=request.user, committee=committee, version=v),
        "Committee dissolved.",
        "committees",
        committee.partnership_id,
    )


@login_required
def right_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    right = selectors.right_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    initial = {"version": right.version, "scope": right.scope, "value_limit": right.value_limit}
    form = RightEditForm(request.POST or None, initial=initial)
    return _page(
        request,
        partnership_id=right.committee.partnership_id,
        form=form,
        save=lambda d: structure.right_update(actor=request.user, right=right, **d),
        done="Decision right saved.",
        back="committees",
        context={
            "title": f"{right.committee.name}: {right.scope}",
            "action": "right-edit",
            "record": right,
            "delete": "right-delete",
            "delete_note": "Only a right no decision in the log was taken under can be removed.",
        },
    )


@login_required
@require_POST
def right_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    right = selectors.right_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    return _delete(
        request,
        lambda v: structure.right_delete(actor=request.user, right=right, version=v),
        "Decision right removed.",
        "committees",
        right.committee.partnership_id,
    )


@login_required
def decision_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A decision taken outside a meeting; it is never edited, but may be marked superseded."""
    decision = selectors.decision_get(actor=request.user, pk=pk).obj
    later = selectors.later_decisions(actor=request.user, decision=decision)
    form = SupersedeForm(request.POST or None, initial={"version": decision.version}, later=later)
    if request.method == "POST" and form.is_valid():
        try:
            decisions.decision_supersede(actor=request.user, decision=decision, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except InvalidState as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Marked superseded: the log shows what replaced it.")
            return redirect("governance-decision", pk=pk)
    context = workspace_context(request, decision.partnership_id, TAB)
    context.update(decision=decision, form=form, later=later)
    return render(request, "governance/decision.html", context)
