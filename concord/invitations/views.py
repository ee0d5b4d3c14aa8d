"""Pages to invite people and supplier organisations, and to accept an invitation by its link."""

from typing import cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.policy import require_partner_inviter
from concord.access.roles import Action
from concord.accounts.models import User
from concord.accounts.requests import AuthedRequest
from concord.accounts.services import user_register
from concord.core.errors import ValidationFailed
from concord.core.forms import apply_errors
from concord.invitations import services
from concord.invitations.forms import AcceptPartnerForm, PartnerInviteForm, SignupForm
from concord.organisations.forms import InviteMemberForm
from concord.organisations.models import Invitation, InvitationKind
from concord.organisations.selectors import administered, invitation_get, organisation_get
from concord.partnerships.views import workspace_context


@login_required
def organisation_invite(request: AuthedRequest, pk: int) -> HttpResponse:
    org = organisation_get(actor=request.user, pk=pk, action=Action.MANAGE).obj
    form = InviteMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(actor=request.user, organisation=org, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            return redirect("organisation-detail", pk=pk)
    return render(request, "invitations/invite_member.html", {"org": org, "form": form})


@login_required
def partnership_invite(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, "overview")
    require_partner_inviter(request.user, context["partnership"])
    form = PartnerInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_partner(
                actor=request.user, partnership=context["partnership"], **form.cleaned_data
            )
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            return redirect("partnership-detail", pk=pk)
    context["form"] = form
    return render(request, "invitations/invite_partner.html", context)


@login_required
@require_POST
def invitation_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    invitation = invitation_get(actor=request.user, pk=pk)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
        messages.success(request, "Invitation revoked.")
    except ValidationFailed as exc:
        messages.error(request, exc.text())
    return redirect("organisation-detail", pk=invitation.organisation_id)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Works for a signed-in person and for a newcomer, who creates an account here."""
    try:
        invitation = services.invitation_from_token(token)
    except ValidationFailed:
        return render(request, "invitations/invalid.html", status=404)
    user = request.user
    existing = User.objects.filter(email=invitation.email).exists()
    if not user.is_authenticated:
        if existing:
            return render(request, "invitations/signin.html", {"invitation": invitation})
        return _accept_as_newcomer(request, invitation)
    return _accept_signed_in(cast(AuthedRequest, request), invitation)  # signed in: its user is a User


def _accept_as_newcomer(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_register(email=invitation.email, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            joined = services.invitation_accept(actor=user, invitation=invitation)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to Concord. You have joined {joined.name}.")
            return _after_accept(invitation)
    return render(
        request,
        "invitations/accept.html",
        {"invitation": invitation, "signup_form": form},
    )


def _accept_signed_in(request: AuthedRequest, invitation: Invitation) -> HttpResponse:
    admin_orgs = administered(actor=request.user)
    data = request.POST if request.method == "POST" else None
    form = AcceptPartnerForm(data, admin_orgs=admin_orgs)
    if request.method == "POST" and form.is_valid():
        org = form.cleaned_data.get("organisation")
        try:
            joined = services.invitation_accept(actor=request.user, invitation=invitation, organisation=org)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"You have joined with {joined.name}.")
            return _after_accept(invitation)
    context = {
        "invitation": invitation,
        "partner_form": form,
        "is_partner": invitation.kind == InvitationKind.PARTNER,
    }
    return render(request, "invitations/accept.html", context)


def _after_accept(invitation: Invitation) -> HttpResponse:
    if invitation.partnership_id:
        return redirect("partnership-detail", pk=invitation.partnership_id)
    return redirect("organisation-detail", pk=invitation.organisation_id)
