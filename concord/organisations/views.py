"""Pages for organisations and their members (invitations: concord.invitations)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.audit.views import history_page
from concord.core.errors import ValidationFailed
from concord.core.forms import apply_errors
from concord.core.paging import html_page
from concord.organisations import selectors, services
from concord.organisations.filters import InvitationFilter, MemberFilter, OrganisationFilter
from concord.organisations.forms import InviteMemberForm, OrganisationEditForm, OrganisationForm, RoleForm
from concord.organisations.models import Organisation

INVITATIONS = "invitations"  # the prefix of the invitations' filter and page on the organisation page


@login_required
def organisation_list(request: AuthedRequest) -> HttpResponse:
    found = OrganisationFilter(request.GET or None, queryset=selectors.organisation_list(actor=request.user))
    rows = selectors.with_my_role(actor=request.user, organisations=html_page(request, found.qs))
    return render(request, "organisations/list.html", {"filter": found, "organisations": rows})


@login_required
def organisation_create(request: AuthedRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organisation_create(actor=request.user, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{org.name} created; you are its admin.")
            return redirect("organisation-detail", pk=org.pk)
    return render(request, "organisations/form.html", {"form": form})


@login_required
def organisation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    org, may = selectors.organisation_get(actor=request.user, pk=pk)
    members = MemberFilter(
        request.GET or None, queryset=selectors.member_list(actor=request.user, organisation=org)
    )
    context = {
        "org": org,
        "is_admin": may.manage,
        "member_filter": members,
        "members": html_page(request, members.qs),
        "invite_form": InviteMemberForm(),
        "role_form": RoleForm(),
    }
    if may.manage:
        context.update(_invitations(request, org))
    return render(request, "organisations/detail.html", context)


def _invitations(request: AuthedRequest, org: Organisation) -> dict[str, Any]:
    """The invitations the organisation sent, for its admins: a second list on the page, so its
    filter fields and its page number carry the prefix `invitations`."""
    found = InvitationFilter(
        request.GET or None,
        queryset=selectors.invitation_list(actor=request.user, organisation=org),
        prefix=INVITATIONS,
    )
    return {
        "invitation_filter": found,
        "invitations": html_page(request, found.qs, param=f"{INVITATIONS}_page"),
    }


@login_required
def organisation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    org = selectors.organisation_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    form = OrganisationEditForm(request.POST or None, instance=org, initial={"version": org.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(actor=request.user, organisation=org, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Organisation saved.")
            return redirect("organisation-detail", pk=pk)
    return render(request, "organisations/form.html", {"form": form, "org": org})


@login_required
def organisation_history(request: AuthedRequest, pk: int) -> HttpResponse:
    org = selectors.organisation_get(actor=request.user, pk=pk).obj
    return history_page(request, org)


@login_required
@require_POST
def member_role(request: AuthedRequest, pk: int, member_id: int) -> HttpResponse:
    org = selectors.organisation_get(actor=request.user, pk=pk, action=Action.MANAGE).obj
    membership = selectors.membership_get(actor=request.user, organisation=org, pk=member_id)
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationFailed({k: [str(m) for m in v] for k, v in form.errors.items()})
        services.membership_set_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
        messages.success(request, f"{membership.user} is now {form.cleaned_data['role']}.")
    except ValidationFailed as exc:
        messages.error(request, exc.text())
    return redirect("organisation-detail", pk=pk)


@login_required
@require_POST
def member_remove(request: AuthedRequest, pk: int, member_id: int) -> HttpResponse:
    org = selectors.organisation_get(actor=request.user, pk=pk, action=Action.MANAGE).obj
    membership = selectors.membership_get(actor=request.user, organisation=org, pk=member_id)
    try:
        services.membership_remove(actor=request.user, membership=membership)
        messages.success(request, f"{membership.user} removed.")
    except ValidationFailed as exc:
        messages.error(request, exc.text())
    return redirect("organisation-detail", pk=pk)
