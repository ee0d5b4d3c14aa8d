"""The organisation's offering portfolio and the weights of its fit engine: pages of the
organisation, read by its members only. Thin: parse, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.core import exports
from concord.core.errors import ValidationFailed
from concord.core.forms import VersionForm, apply_errors, create_from, run_action
from concord.core.paging import html_page
from concord.insight import exports as sheets
from concord.insight import selectors
from concord.insight.filters import OfferingFilter
from concord.insight.forms import OfferingEditForm, OfferingForm, WeightsForm
from concord.insight.services import portfolio
from concord.insight.services.portfolio import WEIGHT_FIELDS
from concord.organisations.selectors import organisation_get


@login_required
def offerings(request: AuthedRequest, pk: int) -> HttpResponse:
    org, may = organisation_get(actor=request.user, pk=pk)
    form = OfferingForm(request.POST or None)
    made = create_from(
        request,
        form,
        allowed=may.contribute,
        create=lambda d: portfolio.offering_create(actor=request.user, organisation=org, **d),
        done=lambda o: f"Added “{o.name}” to the portfolio.",
    )
    if made is not None:
        return redirect("offerings", pk=pk)
    found = OfferingFilter(
        request.GET or None, queryset=selectors.offering_list(actor=request.user, organisation=org)
    )
    context = {
        "org": org,
        "filter": found,
        "offerings": html_page(request, found.qs),
        "form": form,
        "can_contribute": may.contribute,
        "can_weigh": may.change,
    }
    return render(request, "insight/offerings.html", context)


@login_required
def offerings_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    org = organisation_get(actor=request.user, pk=pk).obj
    found = OfferingFilter(
        request.GET or None, queryset=selectors.offering_list(actor=request.user, organisation=org)
    )
    return exports.download(
        fmt, f"offerings-{pk}", exports.table(sheets.OFFERING_COLUMNS, found.qs), "Offerings"
    )


@login_required
def offering(request: AuthedRequest, pk: int) -> HttpResponse:
    found, may = selectors.offering_get(actor=request.user, pk=pk)
    initial = {f: getattr(found, f) for f in OfferingForm.base_fields} | {"version": found.version}
    form = OfferingEditForm(request.POST or None, initial=initial)
    if request.method == "POST":
        may.require(Action.CONTRIBUTE)
        if form.is_valid():
            try:
                portfolio.offering_update(actor=request.user, offering=found, **form.cleaned_data)
            except ValidationFailed as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "Saved.")
                return redirect("offerings", pk=found.organisation_id)
    context = {"offering": found, "org": found.organisation, "form": form, "can_contribute": may.contribute}
    return render(request, "insight/offering.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def offering_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.offering_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        VersionForm(request.POST),
        lambda d: portfolio.offering_delete(actor=request.user, offering=found, version=d["version"]),
        "Removed from the portfolio.",
    )
    return redirect("offerings", pk=found.organisation_id)


@login_required
def fit_weights(request: AuthedRequest, pk: int) -> HttpResponse:
    org, may = organisation_get(actor=request.user, pk=pk)
    current = selectors.weights_get(actor=request.user, organisation=org)
    initial = {f: getattr(current, f) for f in WEIGHT_FIELDS} | (
        {"version_seen": current.version} if current.pk else {}
    )
    form = WeightsForm(request.POST or None, initial=initial)
    if request.method == "POST":
        may.require(Action.CHANGE)
        if form.is_valid():
            try:
                data = dict(form.cleaned_data)
                portfolio.weights_save(
                    actor=request.user, organisation=org, version=data.pop("version_seen"), **data
                )
            except ValidationFailed as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "Weights saved; recommendations follow them now.")
                return redirect("fit-weights", pk=pk)
    context = {"org": org, "form": form, "can_change": may.change}
    return render(request, "insight/weights.html", context, status=422 if form.errors else 200)
