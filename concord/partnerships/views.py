"""Pages of the portfolio and the partnership workspace. Thin: parse, call, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.policy import can_invite_partner, standing
from concord.access.roles import Action
from concord.access.sides import buying_side_of
from concord.accounts.requests import AuthedRequest
from concord.audit.views import history_page
from concord.core.errors import NotFound, ValidationFailed
from concord.core.forms import VersionForm, apply_errors, problems
from concord.organisations.models import OrganisationKind
from concord.organisations.selectors import administered
from concord.partnerships import selectors, services
from concord.partnerships.forms import (
    ManagerForm,
    NoteEditForm,
    PartnershipCreateForm,
    PartnershipEditForm,
)

# The workspace tabs. Each groups pages under sub-tabs (SUBTABS: URL names), so the ledger, plans,
# wins and scorecards are one click from the bar. Capabilities not built yet keep their page
# (a placeholder that says what is coming) but no tab: the bar shows only what works.
TABS = [
    ("overview", "Overview"),
    ("vision", "Vision"),
    ("agreements", "Agreements"),
    ("goals", "Goals & scorecards"),
    ("demands", "Demands & commitments"),
    ("meetings", "Meetings"),
    ("governance", "Governance"),
    ("risks", "Risks"),
    ("lifecycle", "Lifecycle"),
    ("insight", "Insight"),
    ("reviews", "Reviews"),
]
SUBTABS = {
    "goals": [("goals", "Goals"), ("scorecards", "Scorecards")],
    "demands": [
        ("demands", "Demands"),
        ("commitments", "Commitments & reliability"),
        ("plans", "Action plans"),
        ("wins", "Wins"),
    ],
    "meetings": [("meetings", "Meetings")],
    "governance": [
        ("governance", "Roles & escalation"),
        ("committees", "Committees"),
        ("decision-log", "Decision log"),
        ("issues", "Issues"),
        ("lessons", "Lessons"),
    ],
    "reviews": [("reviews", "Reviews"), ("surveys", "Health survey")],
    "insight": [
        ("insight", "Recommendations"),
        ("installed-base", "Installed base"),
        ("customer-goals", "Customer goals"),
        ("proposals", "Proposals"),
    ],
}
BUYER_KINDS = (OrganisationKind.BUYER, OrganisationKind.BOTH)
LATER_TABS: list[tuple[str, str]] = []
PLACEHOLDER_TABS = dict(LATER_TABS)


@login_required
def partnership_create(request: AuthedRequest) -> HttpResponse:
    buyers = administered(actor=request.user, kinds=BUYER_KINDS)
    form = PartnershipCreateForm(request.POST or None, buyers=buyers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        buyer = data.pop("buyer_id")
        try:
            created = services.partnership_create(actor=request.user, buyer=buyer, **data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Partnership opened. Invite the supplier next.")
            return redirect("partnership-detail", pk=created.pk)
    return render(request, "partnerships/partnership_form.html", {"form": form, "creating": True})


def workspace_context(request: AuthedRequest, pk: int, tab: str) -> dict[str, Any]:
    partnership, may = selectors.partnership_get(actor=request.user, pk=pk)
    return {
        "partnership": partnership,
        "tab": tab,
        "tabs": TABS,
        "subtabs": SUBTABS.get(tab, []),
        "subtab": _subtab(request, tab),
        "standing": standing(request.user, partnership),
        "can_change": may.change,
        "can_contribute": may.contribute,
        "can_invite": can_invite_partner(request.user, partnership),
        "manage_parties": selectors.parties_to_manage(actor=request.user, partnership=partnership),
    }


def _subtab(request: AuthedRequest, tab: str) -> str:
    """The sub-tab of the page: its URL name ("scorecard-edit" is under "scorecards")."""
    match = getattr(request, "resolver_match", None)
    name = getattr(match, "url_name", "") or ""
    for slug, _ in SUBTABS.get(tab, []):
        if name == slug or f"{name.split('-')[0]}s" == slug or name.split("-")[0] == slug:
            return slug
    return ""


@login_required
def partnership_tab(request: AuthedRequest, pk: int, tab: str) -> HttpResponse:
    if tab not in PLACEHOLDER_TABS:
        raise NotFound()
    context = workspace_context(request, pk, tab)
    context["tab_label"] = PLACEHOLDER_TABS[tab]
    return render(request, "partnerships/tab_placeholder.html", context)


@login_required
def partnership_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    partnership = selectors.partnership_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    initial = {"version": partnership.version}
    buying_side = buying_side_of(request.user, partnership) is not None
    form = PartnershipEditForm(
        request.POST or None, instance=partnership, initial=initial, buying_side=buying_side
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.partnership_update(actor=request.user, partnership=partnership, version=version, **data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Partnership saved.")
            return redirect("partnership-detail", pk=pk)
    return render(request, "partnerships/partnership_form.html", {"form": form, "partnership": partnership})


@login_required
def partnership_history(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "overview")
    return history_page(request, context["partnership"], context)


@login_required
@require_POST
def party_manager(request: AuthedRequest, pk: int, party_id: int) -> HttpResponse:
    partnership = selectors.partnership_get(actor=request.user, pk=pk).obj
    party = selectors.party_get(actor=request.user, partnership=partnership, pk=party_id)
    form = ManagerForm(request.POST, members=selectors.party_members(actor=request.user, party=party))
    if form.is_valid():
        services.party_set_manager(actor=request.user, party=party, manager=form.cleaned_data["manager"])
        messages.success(request, "Partnership manager updated.")
    else:
        messages.error(request, "Choose a member of the organisation.")
    return redirect("partnership-detail", pk=pk)


@login_required
def note_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    note = selectors.note_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    form = NoteEditForm(request.POST or None, instance=note, initial={"version": note.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.note_update(actor=request.user, note=note, version=version, **data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Note saved.")
            return redirect("partnership-detail", pk=note.partnership_id)
    return render(request, "partnerships/note_form.html", {"form": form, "note": note})


@login_required
@require_POST
def note_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    note = selectors.note_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    # The version the person saw: a stale one is a conflict (409), a missing or garbled one is
    # refused — never replaced by the current version, which would delete unseen changes.
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, problems(form))
        return redirect("note-edit", pk=note.pk)
    services.note_delete(actor=request.user, note=note, version=form.cleaned_data["version"])
    messages.success(request, "Note deleted.")
    return redirect("partnership-detail", pk=note.partnership_id)


@login_required
def note_history(request: AuthedRequest, pk: int) -> HttpResponse:
    note = selectors.note_get(actor=request.user, pk=pk).obj
    return history_page(request, note, workspace_context(request, note.partnership_id, "overview"))
