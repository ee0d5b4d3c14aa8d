"""Due diligence a buying organisation keeps on its suppliers: the checklist, documents with their
dates, and files (kept in the database, checked by content: core.uploads)."""

import datetime
import hashlib

from django.db import transaction

from concord.access import members
from concord.access.sides import require_org_contributor
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_delete, tracked_update
from concord.core import uploads
from concord.core.errors import ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.lifecycle.models import (
    DEFAULT_CHECKLIST,
    DiligenceCategory,
    DiligenceDocument,
    DiligenceItem,
    DiligenceStatus,
    DocumentContent,
)
from concord.organisations.models import Organisation

# What may be kept: certificates and statements as PDF or images, policies as Word documents,
# spreadsheets, and plain-text reports (a screening export).
KINDS = {
    ".pdf": uploads.PDF,
    ".png": uploads.PNG,
    ".jpg": uploads.JPEG,
    ".jpeg": uploads.JPEG,
    ".docx": uploads.DOCX,
    ".xlsx": uploads.XLSX,
    ".txt": uploads.TEXT,
    ".csv": uploads.TEXT,
}
MIME = {
    uploads.PDF: "application/pdf",
    uploads.PNG: "image/png",
    uploads.JPEG: "image/jpeg",
    uploads.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    uploads.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    uploads.TEXT: "text/plain; charset=utf-8",
}
ACCEPTED = "a .pdf, .png, .jpg, .docx, .xlsx, .txt or .csv file"
MAX_DOCUMENTS = 20  # per item: a certificate and its renewals, not an archive


def check_supplier(owner: Organisation, supplier_id: int) -> None:
    """Due diligence is kept on a supplier the organisation buys from — the same organisations its
    needs may name as existing candidates (access.members.supplier_partner_ids, as
    access.sides.candidate_organisation_ids), so every such candidate can be vetted before it is
    chosen: the need's candidate row links to it (selection)."""
    if not members.supplier_partner_ids(owner.pk).filter(organisation_id=supplier_id).exists():
        raise ValidationFailed.single("supplier", "Choose a supplier your organisation partners with.")


def diligence_start(*, actor: User, owner: Organisation, supplier: Organisation) -> list[DiligenceItem]:
    """Open the default checklist for a supplier: the items not there yet (running it twice adds
    nothing twice)."""
    require_org_contributor(actor, owner.pk)
    check_supplier(owner, supplier.pk)
    present = set(
        DiligenceItem.unscoped.filter(owner=owner, supplier=supplier).values_list("title", flat=True)
    )
    made = []
    with transaction.atomic():
        for title, category in DEFAULT_CHECKLIST:
            if title not in present:
                item = DiligenceItem(
                    owner=owner, supplier=supplier, title=title, category=category, created_by=actor
                )
                made.append(tracked_create(actor=actor, instance=item))
    return made


def item_create(
    *,
    actor: User,
    owner: Organisation,
    supplier: Organisation,
    title: str,
    category: str = DiligenceCategory.OTHER,
    status: str = DiligenceStatus.OPEN,
    reference: str = "",
    issued_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
    note: str = "",
) -> DiligenceItem:
    """Add a check or document to a supplier's due diligence (members of the buying organisation)."""
    require_org_contributor(actor, owner.pk)
    check_supplier(owner, supplier.pk)
    item = DiligenceItem(
        owner=owner,
        supplier=supplier,
        title=title,
        category=category,
        status=status,
        reference=reference,
        issued_on=issued_on,
        expires_on=expires_on,
        note=note,
        created_by=actor,
    )
    return tracked_create(actor=actor, instance=item)


def item_update(
    *,
    actor: User,
    item: DiligenceItem,
    version: int | None,
    title: str | Unset = UNSET,
    category: str | Unset = UNSET,
    status: str | Unset = UNSET,
    reference: str | Unset = UNSET,
    issued_on: datetime.date | Unset | None = UNSET,
    expires_on: datetime.date | Unset | None = UNSET,
    note: str | Unset = UNSET,
) -> DiligenceItem:
    require_org_contributor(actor, item.owner_id)
    changes = given(
        title=title,
        category=category,
        status=status,
        reference=reference,
        issued_on=issued_on,
        expires_on=expires_on,
        note=note,
    )
    return tracked_update(actor=actor, instance=item, version=version, changes=changes)


def item_delete(*, actor: User, item: DiligenceItem, version: int) -> None:
    require_org_contributor(actor, item.owner_id)
    tracked_delete(actor=actor, instance=item, version=version)


def document_add(*, actor: User, item: DiligenceItem, name: str, content: bytes) -> DiligenceDocument:
    """Keep a file for an item, if its size and content agree with its name (core.uploads)."""
    require_org_contributor(actor, item.owner_id)
    try:
        upload = uploads.check(name, content, KINDS, ACCEPTED)
    except uploads.UploadRefused as exc:
        raise ValidationFailed.single("file", str(exc)) from None
    if DiligenceDocument.unscoped.filter(item=item).count() >= MAX_DOCUMENTS:
        raise ValidationFailed.single(
            "file", f"An item keeps at most {MAX_DOCUMENTS} files; delete an old one."
        )
    document = DiligenceDocument(
        item=item,
        name=upload.name,
        kind=upload.kind,
        size=len(upload.content),
        sha256=hashlib.sha256(upload.content).hexdigest(),
        uploaded_by=actor,
    )
    with transaction.atomic():
        tracked_create(actor=actor, instance=document)
        DocumentContent.unscoped.create(document=document, data=upload.content)
        if item.status == DiligenceStatus.OPEN:
            tracked_update(
                actor=actor, instance=item, version=None, changes={"status": DiligenceStatus.RECEIVED}
            )
    return document


def document_delete(*, actor: User, document: DiligenceDocument) -> None:
    require_org_contributor(actor, document.item.owner_id)
    tracked_delete(actor=actor, instance=document, version=None)
