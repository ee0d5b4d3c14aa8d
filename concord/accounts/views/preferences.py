"""The person's preferences: their time zone and number format."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from concord.accounts import services
from concord.accounts.forms import FormatsForm
from concord.accounts.requests import AuthedRequest


@login_required
def preferences(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = FormatsForm(request.POST or None, initial={"time_zone": user.time_zone, "locale": user.locale})
    if request.method == "POST" and form.is_valid():
        services.formats_set(actor=user, user=user, **form.cleaned_data)
        messages.success(request, "Your preferences are saved.")
        return redirect("preferences")
    return render(request, "accounts/preferences.html", {"form": form}, status=422 if form.errors else 200)
