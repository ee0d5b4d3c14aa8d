"""Pages: an organisation admin downloads the organisation's export, or erases a member's
personal data on request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.core.errors import ValidationFailed
from concord.core.forms import apply_errors
from concord.organisations import selectors as organisations
from concord.privacy import services
from concord.privacy.downloads import export_download
from concord.privacy.forms import ErasureForm
from concord.privacy.selectors import organisation_for_export


@login_required
@require_GET
def organisation_export(request: AuthedRequest, pk: int) -> HttpResponseBase:
    organisation = organisation_for_export(actor=request.user, pk=pk)
    return export_download(actor=request.user, organisation=organisation)


@login_required
@require_http_methods(["GET", "POST"])
def member_erase(request: AuthedRequest, pk: int, member_id: int) -> HttpResponse:
    """Ask for the reason and a confirmation, then erase (the service checks who may)."""
    org = organisations.organisation_get(actor=request.user, pk=pk, action=Action.MANAGE).obj
    person = organisations.membership_get(actor=request.user, organisation=org, pk=member_id).user
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(actor=request.user, person=person, reason=form.cleaned_data["reason"])
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Personal data erased: now {services.pseudonym(person)}.")
            return redirect("organisation-detail", pk=pk)
    context = {"org": org, "person": person, "pseudonym": services.pseudonym(person), "form": form}
    return render(request, "privacy/erase.html", context, status=422 if form.errors else 200)
