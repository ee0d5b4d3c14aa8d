"""The buying organisation's own pages: due diligence on its suppliers (checklists, documents and
their files) and its Kraljic portfolio (the scatter of its partnerships, the factor weights).
Members of the organisation only (404 for anyone else: the suppliers never learn of them)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from concord.accounts.requests import AuthedRequest
from concord.audit.views import history_page
from concord.core import charts as core_charts
from concord.core import exports
from concord.core.downloads import attachment
from concord.core.errors import ValidationFailed
from concord.core.forms import VersionForm, apply_errors, create_from, problems
from concord.core.inputs import stored
from concord.core.paging import html_page
from concord.core.uploads import read
from concord.lifecycle import charts, expiry, selectors
from concord.lifecycle import exports as sheets
from concord.lifecycle.filters import DiligenceFilter, PortfolioFilter
from concord.lifecycle.forms import DiligenceItemEditForm, DiligenceItemForm, DocumentForm, WeightsForm
from concord.lifecycle.services import diligence, segmentation
from concord.organisations.selectors import organisation_get


def _org(request: AuthedRequest, pk: int) -> Any:
    return organisation_get(actor=request.user, pk=pk).obj


@login_required
def diligence_list(request: AuthedRequest, pk: int) -> HttpResponse:
    org = _org(request, pk)
    today = timezone.localdate()
    listed = selectors.supplier_list(actor=request.user, owner=org)
    suppliers = html_page(request, listed, param="suppliers_page")
    rows = selectors.supplier_rows(actor=request.user, owner=org, suppliers=suppliers, today=today)
    found = DiligenceFilter(request.GET or None, queryset=selectors.item_list(actor=request.user, owner=org))
    found.offer("supplier", [(r.supplier.pk, r.supplier.name) for r in rows])
    context = {
        "org": org,
        "suppliers": rows,
        "suppliers_page": suppliers,
        "filter": found,
        "items": html_page(request, found.qs),
        "today": today,
        "horizon": expiry.horizon(today),
    }
    return render(request, "lifecycle/diligence.html", context)


@login_required
def diligence_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    org = _org(request, pk)
    found = DiligenceFilter(request.GET or None, queryset=selectors.item_list(actor=request.user, owner=org))
    return exports.download(
        fmt, f"due-diligence-{pk}", exports.table(sheets.DILIGENCE_COLUMNS, found.qs), "Due diligence"
    )


@login_required
def diligence_supplier(request: AuthedRequest, pk: int, supplier_id: int) -> HttpResponse:
    org = _org(request, pk)
    supplier = selectors.supplier_get(actor=request.user, owner=org, pk=supplier_id)
    form = DiligenceItemForm(request.POST or None)
    may = selectors.may_contribute(actor=request.user, organisation=org)
    made = create_from(
        request,
        form,
        allowed=may,
        create=lambda d: diligence.item_create(actor=request.user, owner=org, supplier=supplier, **d),
        done=lambda i: f"“{i.title}” added.",
    )
    if made is not None:
        return redirect("diligence-supplier", pk=pk, supplier_id=supplier_id)
    today = timezone.localdate()
    items = selectors.item_list(actor=request.user, owner=org, supplier=supplier)
    context = {
        "org": org,
        "supplier": supplier,
        "items": html_page(request, items),
        "form": form,
        "can_contribute": may,
        "today": today,
        "horizon": expiry.horizon(today),
    }
    return render(request, "lifecycle/diligence_supplier.html", context)


@login_required
@require_POST
def diligence_start(request: AuthedRequest, pk: int, supplier_id: int) -> HttpResponse:
    org = _org(request, pk)
    supplier = selectors.supplier_get(actor=request.user, owner=org, pk=supplier_id)
    made = diligence.diligence_start(actor=request.user, owner=org, supplier=supplier)
    messages.success(
        request, f"{len(made)} checklist item(s) added." if made else "The checklist is complete already."
    )
    return redirect("diligence-supplier", pk=pk, supplier_id=supplier_id)


def _item_page(request: AuthedRequest, pk: int, *, form: Any = None, edit_form: Any = None) -> HttpResponse:
    item = selectors.item_get(actor=request.user, pk=pk).obj
    may_write = selectors.may_contribute(actor=request.user, organisation=item.owner)
    context = {
        "org": item.owner,
        "item": item,
        "documents": html_page(request, selectors.document_list(actor=request.user, item=item)),
        "form": form or DocumentForm(),
        "edit_form": edit_form
        or DiligenceItemEditForm(initial=stored(item, DiligenceItemEditForm.base_fields)),
        "can_contribute": may_write,
        "expiry": expiry.expiry(item.expires_on, timezone.localdate()),
    }
    return render(request, "lifecycle/diligence_item.html", context)


@login_required
def diligence_item(request: AuthedRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return _item_page(request, pk)
    item = selectors.item_get(actor=request.user, pk=pk).obj
    form = DiligenceItemEditForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            diligence.item_update(actor=request.user, item=item, **data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("diligence-item", pk=pk)
    return _item_page(request, pk, edit_form=form)


@login_required
@require_POST
def diligence_item_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    item = selectors.item_get(actor=request.user, pk=pk).obj
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, problems(form))
        return redirect("diligence-item", pk=pk)
    diligence.item_delete(actor=request.user, item=item, version=form.cleaned_data["version"])
    messages.success(request, f"“{item.title}” deleted.")
    return redirect("diligence-supplier", pk=item.owner_id, supplier_id=item.supplier_id)


@login_required
@require_POST
def diligence_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    item = selectors.item_get(actor=request.user, pk=pk).obj
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            diligence.document_add(
                actor=request.user, item=item, name=upload.name or "", content=read(upload)
            )
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "File kept.")
            return redirect("diligence-item", pk=pk)
    return _item_page(request, pk, form=form)


@login_required
def diligence_document(request: AuthedRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(actor=request.user, pk=pk).obj
    content = selectors.document_bytes(actor=request.user, document=document)
    return attachment(
        content,
        diligence.MIME.get(document.kind, "application/octet-stream"),
        document.name.replace('"', "'"),
    )


@login_required
@require_POST
def diligence_document_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(actor=request.user, pk=pk).obj
    diligence.document_delete(actor=request.user, document=document)
    messages.success(request, f"{document.name} deleted.")
    return redirect("diligence-item", pk=document.item_id)


@login_required
def diligence_item_history(request: AuthedRequest, pk: int) -> HttpResponse:
    item = selectors.item_get(actor=request.user, pk=pk).obj
    return history_page(request, item, {"org": item.owner})


# ---- the Kraljic portfolio ------------------------------------------------------------------------


def _portfolio(request: AuthedRequest, pk: int, weights_form: Any = None) -> HttpResponse:
    org = _org(request, pk)
    weights, version = selectors.weights_get(actor=request.user, organisation=org)
    found = PortfolioFilter(request.GET or None, queryset=selectors.portfolio(actor=request.user, owner=org))
    points = list(found.qs[: charts.MAX_POINTS])
    context = {
        "org": org,
        "filter": found,
        "rows": html_page(request, found.qs),
        "chart": charts.portfolio_chart(points, title=f"Kraljic portfolio of {org.name}"),
        "weights_form": weights_form or WeightsForm(initial={**weights, "version": version}),
        "can_contribute": selectors.may_contribute(actor=request.user, organisation=org),
        "reviews": selectors.reviews_due(actor=request.user, today=timezone.localdate()),
    }
    return render(request, "lifecycle/kraljic.html", context)


@login_required
def kraljic_portfolio(request: AuthedRequest, pk: int) -> HttpResponse:
    return _portfolio(request, pk)


@login_required
@require_POST
def kraljic_weights(request: AuthedRequest, pk: int) -> HttpResponse:
    org = _org(request, pk)
    form = WeightsForm(request.POST)
    if form.is_valid():
        try:
            segmentation.weights_set(actor=request.user, organisation=org, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Weights saved: the next assessments use them.")
            return redirect("kraljic", pk=pk)
    return _portfolio(request, pk, weights_form=form)


@login_required
def kraljic_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    org = _org(request, pk)
    found = PortfolioFilter(request.GET or None, queryset=selectors.portfolio(actor=request.user, owner=org))
    return exports.download(
        fmt, f"kraljic-{pk}", exports.table(sheets.PORTFOLIO_COLUMNS, found.qs), "Kraljic portfolio"
    )


@login_required
def kraljic_chart(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """The portfolio scatter as a file (SVG, PNG or PDF: core.charts), for the filtered portfolio
    the page shows."""
    org = _org(request, pk)
    found = PortfolioFilter(request.GET or None, queryset=selectors.portfolio(actor=request.user, owner=org))
    points = list(found.qs[: charts.MAX_POINTS])
    spec = charts.portfolio_chart(points, title=f"Kraljic portfolio of {org.name}")
    return core_charts.download(spec, fmt, f"kraljic-{pk}")
