"""API: the buying organisation's due diligence on its suppliers (checklists, documents, files).
The bodies are the pages' forms (schemas.py); outside the caller's reach every answer is 404.
The Kraljic segmentation, the life cycle and the exit plan are in api_plans.py."""

from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from ninja import File, Path, Query, Router, Status
from ninja.files import UploadedFile

from concord.accounts.requests import AuthedRequest
from concord.audit.api import HistoryFilters, history_answer
from concord.core import exports, filtering, inputs, uploads
from concord.core.api import AuditEventOut, responses
from concord.core.downloads import attachment
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.lifecycle import exports as sheets
from concord.lifecycle import selectors
from concord.lifecycle.filters import DiligenceFilter
from concord.lifecycle.forms import DiligenceItemEditForm, DiligenceItemForm
from concord.lifecycle.schemas import (
    DiligenceFilters,
    DiligenceItemIn,
    DiligenceItemOut,
    DiligenceItemPatch,
    DocumentOut,
    SupplierOut,
)
from concord.lifecycle.services import diligence
from concord.organisations.selectors import organisation_get

router = Router(tags=["due diligence"])
Id = Path(..., ge=1, le=MAX_ID)


def _org(request: AuthedRequest, org_id: int) -> Any:
    return organisation_get(actor=request.user, pk=org_id).obj


def _item(request: AuthedRequest, item_id: int) -> Any:
    return selectors.item_get(actor=request.user, pk=item_id).obj


@router.get(
    "/organisations/{org_id}/diligence/suppliers",
    response=responses(200, Paged[SupplierOut], 404),
    summary="The organisation's suppliers with their due diligence in figures (its members only)",
)
def supplier_list(request: AuthedRequest, paging: Query[PageParams], org_id: int = Id) -> Any:
    org = _org(request, org_id)
    found = page(selectors.supplier_list(actor=request.user, owner=org), paging)
    rows = selectors.supplier_rows(
        actor=request.user, owner=org, suppliers=found["results"], today=timezone.localdate()
    )
    found["results"] = [{"id": r.supplier.pk, "name": r.supplier.name, **_figures(r)} for r in rows]
    return found


def _figures(row: selectors.SupplierRow) -> dict[str, int]:
    return {"items": row.items, "open": row.open, "expired": row.expired, "expiring": row.expiring}


@router.get(
    "/organisations/{org_id}/diligence",
    response=responses(200, Paged[DiligenceItemOut], 404),
    summary="The organisation's due-diligence items, filtered (by supplier, status, expiry, …)",
)
def item_list(
    request: AuthedRequest,
    filters: Query[DiligenceFilters],
    paging: Query[PageParams],
    org_id: int = Id,
) -> Any:
    items = selectors.item_list(actor=request.user, owner=_org(request, org_id))
    return page(filtering.apply(DiligenceFilter, filters, items).qs, paging)


@router.get(
    "/organisations/{org_id}/diligence/export",
    response=responses(200, None, 404),
    summary="Every due-diligence item, filtered as the list, as .csv or .xlsx",
)
def item_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[DiligenceFilters],
    org_id: int = Id,
) -> HttpResponse:
    items = selectors.item_list(actor=request.user, owner=_org(request, org_id))
    found = filtering.apply(DiligenceFilter, filters, items).qs
    return exports.download(
        params.format,
        f"due-diligence-{org_id}",
        exports.table(sheets.DILIGENCE_COLUMNS, found),
        "Due diligence",
    )


@router.post(
    "/organisations/{org_id}/diligence/suppliers/{supplier_id}/start",
    response=responses(201, list[DiligenceItemOut], 403, 404),
    summary="Add the default checklist for a supplier (the items not there yet)",
)
def diligence_start(request: AuthedRequest, org_id: int = Id, supplier_id: int = Id) -> Any:
    org = _org(request, org_id)
    supplier = selectors.supplier_get(actor=request.user, owner=org, pk=supplier_id)
    made = diligence.diligence_start(actor=request.user, owner=org, supplier=supplier)
    items = selectors.item_list(actor=request.user, owner=org).filter(pk__in=[i.pk for i in made])
    return Status(201, list(items))


@router.post(
    "/organisations/{org_id}/diligence/suppliers/{supplier_id}/items",
    response=responses(201, DiligenceItemOut, 403, 404),
    summary="Add a check or document to a supplier's due diligence",
)
def item_create(
    request: AuthedRequest, payload: DiligenceItemIn, org_id: int = Id, supplier_id: int = Id
) -> Any:
    org = _org(request, org_id)
    supplier = selectors.supplier_get(actor=request.user, owner=org, pk=supplier_id)
    data = inputs.validated(DiligenceItemForm, payload)
    made = diligence.item_create(actor=request.user, owner=org, supplier=supplier, **data)
    return Status(201, _item(request, made.pk))


@router.get(
    "/diligence/{item_id}", response=responses(200, DiligenceItemOut, 404), summary="A due-diligence item"
)
def item_get(request: AuthedRequest, item_id: int = Id) -> Any:
    return _item(request, item_id)


@router.patch(
    "/diligence/{item_id}",
    response=responses(200, DiligenceItemOut, 403, 404, 409),
    summary="Change a due-diligence item: only what is sent changes",
)
def item_update(request: AuthedRequest, payload: DiligenceItemPatch, item_id: int = Id) -> Any:
    item = selectors.item_get(actor=request.user, pk=item_id).obj
    current = inputs.stored(item, DiligenceItemEditForm.base_fields)
    data = inputs.validated(DiligenceItemEditForm, payload, current=current)
    data |= inputs.cleared(payload, DiligenceItemEditForm)
    diligence.item_update(actor=request.user, item=item, **data)
    return _item(request, item_id)


@router.delete(
    "/diligence/{item_id}",
    response=responses(204, None, 403, 404, 409),
    summary="Delete a due-diligence item",
)
def item_delete(request: AuthedRequest, version: Query[inputs.VersionQuery], item_id: int = Id) -> Any:
    item = selectors.item_get(actor=request.user, pk=item_id).obj
    diligence.item_delete(actor=request.user, item=item, version=version.version)
    return Status(204, None)


@router.get(
    "/diligence/{item_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="The item's audit trail",
)
def item_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], item_id: int = Id
) -> Any:
    item = selectors.item_get(actor=request.user, pk=item_id).obj
    return history_answer(actor=request.user, instance=item, filters=filters, paging=paging)


@router.get(
    "/diligence/{item_id}/files",
    response=responses(200, Paged[DocumentOut], 404),
    summary="The files kept for an item, newest first",
)
def document_list(request: AuthedRequest, paging: Query[PageParams], item_id: int = Id) -> Any:
    item = selectors.item_get(actor=request.user, pk=item_id).obj
    return page(selectors.document_list(actor=request.user, item=item), paging)


# A file upload (multipart), not a form's fields: its parameter is declared here.
@router.post(
    "/diligence/{item_id}/files",
    response=responses(201, DocumentOut, 403, 404),
    summary="Keep a file (.pdf, .png, .jpg, .docx, .xlsx, .txt, .csv; checked by content)",
)
def document_add(request: AuthedRequest, file: File[UploadedFile], item_id: int = Id) -> Any:
    item = selectors.item_get(actor=request.user, pk=item_id).obj
    made = diligence.document_add(
        actor=request.user, item=item, name=file.name or "", content=uploads.read(file)
    )
    return Status(201, made)


@router.get(
    "/diligence/files/{document_id}/download",
    response=responses(200, None, 404),
    summary="A kept file, as it was uploaded",
)
def document_download(request: AuthedRequest, document_id: int = Id) -> HttpResponse:
    document = selectors.document_get(actor=request.user, pk=document_id).obj
    content = selectors.document_bytes(actor=request.user, document=document)
    return attachment(
        content,
        diligence.MIME.get(document.kind, "application/octet-stream"),
        document.name.replace('"', "'"),
    )


@router.delete(
    "/diligence/files/{document_id}", response=responses(204, None, 403, 404), summary="Delete a kept file"
)
def document_delete(request: AuthedRequest, document_id: int = Id) -> Any:
    document = selectors.document_get(actor=request.user, pk=document_id).obj
    diligence.document_delete(actor=request.user, document=document)
    return Status(204, None)
