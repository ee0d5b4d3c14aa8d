"""Pages for organisations and their members (invitations: concord.invitations)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.roles import Action
from concord.audit.views import history_page
from concord.core.errors import ValidationFailed
from concord.core.forms import apply_errors
from concord.organisations import selectors, services
from concord.organisations.forms import InviteMemberForm, OrganisationEditForm, OrganisationForm, RoleForm


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.organisations_with_roles(actor=request.user)
    return render(request, "organisations/list.html", {"rows": rows})


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
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
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org, may = selectors.organisation_get(actor=request.user, pk=pk)
    is_admin = may.manage
    context = {
        "org": org,
        "is_admin": is_admin,
        "members": selectors.member_list(actor=request.user, organisation=org),
        "invitations": (selectors.invitation_list(actor=request.user, organisation=org) if is_admin else []),
        "invite_form": InviteMemberForm(),
        "role_form": RoleForm(),
    }
    return render(request, "organisations/detail.html", context)


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.organisation_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    form = OrganisationEditForm(request.POST or None, instance=org, initial={"version": org.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.organisation_update(actor=request.user, organisation=org, version=version, **data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Organisation saved.")
            return redirect("organisation-detail", pk=pk)
    return render(request, "organisations/form.html", {"form": form, "org": org})


@login_required
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.organisation_get(actor=request.user, pk=pk).obj
    return history_page(request, org)


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    org = selectors.organisation_get(actor=request.user, pk=pk, action=Action.MANAGE).obj
    membership = selectors.membership_get(actor=request.user, organisation=org, pk=member_id)
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationFailed.single("role", "Choose admin, member or viewer.")
        services.membership_set_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
        messages.success(request, f"{membership.user} is now {form.cleaned_data['role']}.")
    except ValidationFailed as exc:
        messages.error(request, exc.text())
    return redirect("organisation-detail", pk=pk)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    org = selectors.organisation_get(actor=request.user, pk=pk, action=Action.MANAGE).obj
    membership = selectors.membership_get(actor=request.user, organisation=org, pk=member_id)
    try:
        services.membership_remove(actor=request.user, membership=membership)
        messages.success(request, f"{membership.user} removed.")
    except ValidationFailed as exc:
        messages.error(request, exc.text())
    return redirect("organisation-detail", pk=pk)
