"""The health index's pages: the partnership's index explained (part of the Overview tab) and the
organisation's weights (its admins change them; every member reads them)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from concord.access.pages import per_reader
from concord.access.policy import can
from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.core.errors import ValidationFailed
from concord.core.forms import apply_errors
from concord.health import index, selectors, services
from concord.health.forms import WeightsForm
from concord.organisations.models import Organisation
from concord.organisations.selectors import organisation_get
from concord.partnerships.views import workspace_context


@login_required
@per_reader
def partnership_health(request: AuthedRequest, pk: int) -> HttpResponse:
    """The index as the reader's organisation sees it, component by component, with its trend."""
    context = workspace_context(request, pk, "overview")
    found = selectors.explained(actor=request.user, partnership=context["partnership"])
    context.update(
        health=found,
        parts=[(p, index.HELP[index.Component(p.key)]) for p in found.result.parts],
        weights_org=found.organisation_id,
        bands={"good": index.GOOD, "fair": index.FAIR},
    )
    return render(request, "health/partnership.html", context)


def _weights_page(request: AuthedRequest, org: Organisation, form: WeightsForm | None = None) -> HttpResponse:
    weights, version = selectors.weights_get(actor=request.user, organisation=org)
    context: dict[str, Any] = {
        "org": org,
        "form": form or WeightsForm(initial={**weights, "version": version}),
        "weights": [(index.LABELS[c], weights[c.value], index.HELP[c]) for c in index.Component],
        "defaults": [(index.LABELS[c], index.DEFAULT_WEIGHTS[c]) for c in index.Component],
        "can_change": can(request.user, Action.CHANGE, org),
    }
    return render(request, "health/weights.html", context, status=422 if form is not None else 200)


@login_required
def weights(request: AuthedRequest, pk: int) -> HttpResponse:
    org = organisation_get(actor=request.user, pk=pk).obj
    if request.method != "POST":
        return _weights_page(request, org)
    form = WeightsForm(request.POST)
    if form.is_valid():
        try:
            services.weights_set(actor=request.user, organisation=org, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Weights saved: the health index of this month uses them.")
            return redirect("health-weights", pk=pk)
    return _weights_page(request, org, form)
