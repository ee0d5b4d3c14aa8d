"""API: partnerships, their parties, notes, history and the audit chain's verification."""

from typing import Any

from django.http.response import HttpResponseBase
from ninja import Path, Query, Router, Status

from concord.access.pages import per_reader_api
from concord.accounts.requests import AuthedRequest
from concord.audit.api import ChainsCheckOut, HistoryFilters, chain_answer, chain_download, history_answer
from concord.core import filtering, inputs
from concord.core.api import AuditEventOut, responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.organisations.selectors import organisation_get, organisation_list
from concord.partnerships import selectors, services
from concord.partnerships.filters import NoteFilter, PartnershipFilter
from concord.partnerships.forms import NoteEditForm, NoteForm, PartnershipCreateForm, PartnershipEditForm
from concord.partnerships.schemas import (
    NoteFilters,
    NoteIn,
    NoteOut,
    NotePatch,
    PartnershipFilters,
    PartnershipIn,
    PartnershipOut,
    PartnershipPatch,
    VersionQuery,
)

router = Router(tags=["partnerships"])
Id = Path(..., ge=1, le=MAX_ID)


@router.get(
    "/partnerships",
    response=responses(200, Paged[PartnershipOut]),
    summary="List my partnerships (portfolio)",
)
@per_reader_api
def partnership_list(
    request: AuthedRequest, filters: Query[PartnershipFilters], paging: Query[PageParams]
) -> Any:
    found = filtering.apply(PartnershipFilter, filters, selectors.partnership_list(actor=request.user))
    return page(found.qs, paging)


@router.post(
    "/partnerships",
    response=responses(201, PartnershipOut, 403, 404),
    summary="Open a partnership (buying organisation admins)",
)
def partnership_create(request: AuthedRequest, payload: PartnershipIn) -> Any:
    buyer = organisation_get(actor=request.user, pk=payload.buyer_id).obj
    mine = organisation_list(actor=request.user)
    data = inputs.validated(lambda d: PartnershipCreateForm(d, buyers=mine), payload)
    del data["buyer_id"]  # read above: outside the actor's reach it is a 404, not a field error
    created = services.partnership_create(actor=request.user, buyer=buyer, **data)
    return Status(201, selectors.partnership_get(actor=request.user, pk=created.pk).obj)


@router.get(
    "/partnerships/{partnership_id}",
    response=responses(200, PartnershipOut, 404),
    summary="Get a partnership",
)
def partnership_get(request: AuthedRequest, partnership_id: int = Id) -> Any:
    return selectors.partnership_get(actor=request.user, pk=partnership_id).obj


@router.patch(
    "/partnerships/{partnership_id}",
    response=responses(200, PartnershipOut, 403, 404, 409),
    summary="Edit a partnership (admins and partnership managers)",
)
def partnership_patch(request: AuthedRequest, payload: PartnershipPatch, partnership_id: int = Id) -> Any:
    partnership = selectors.partnership_get(actor=request.user, pk=partnership_id).obj
    current = inputs.stored(partnership, PartnershipEditForm.base_fields)
    data = inputs.validated(lambda d: PartnershipEditForm(d, instance=partnership), payload, current=current)
    services.partnership_update(actor=request.user, partnership=partnership, **data)
    return selectors.partnership_get(actor=request.user, pk=partnership_id).obj


@router.get(
    "/partnerships/{partnership_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="Audit trail of a partnership",
)
def partnership_history(
    request: AuthedRequest,
    filters: Query[HistoryFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = selectors.partnership_get(actor=request.user, pk=partnership_id).obj
    return history_answer(actor=request.user, instance=partnership, filters=filters, paging=paging)


@router.get(
    "/partnerships/{partnership_id}/audit/verify",
    response=responses(200, ChainsCheckOut, 404),
    summary="Verify the partnership's audit chain (any party: either side can check)",
    description="Recomputes every link of the partnership's hash chains that you read (docs/audit.md): "
    "the shared chain and your side's own. Answers, per chain, intact or the first broken link: its "
    "place and the kind of break, never the content of the event.",
)
def partnership_audit_verify(request: AuthedRequest, partnership_id: int = Id) -> Any:
    partnership = selectors.partnership_get(actor=request.user, pk=partnership_id).obj
    return chain_answer(actor=request.user, partnership=partnership)


@router.get(
    "/partnerships/{partnership_id}/audit/export",
    response=responses(200, None, 404),
    summary="The partnership's audit chains that you read, as JSON lines, for offline verification",
    description="Per chain (the shared one, then your side's own), a header line and one line per event "
    "in order. Events about records you may no longer read carry only their content hash; the "
    "algorithm in docs/audit.md verifies every link.",
)
def partnership_audit_export(request: AuthedRequest, partnership_id: int = Id) -> HttpResponseBase:
    partnership = selectors.partnership_get(actor=request.user, pk=partnership_id).obj
    filename = f"partnership-{partnership.pk}-audit.jsonl"
    return chain_download(actor=request.user, partnership=partnership, filename=filename)


@router.get(
    "/partnerships/{partnership_id}/notes",
    response=responses(200, Paged[NoteOut], 404),
    summary="List notes (internal notes only for their own organisation)",
)
@per_reader_api
def note_list(
    request: AuthedRequest,
    filters: Query[NoteFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = selectors.partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        NoteFilter, filters, selectors.note_list(actor=request.user, partnership=partnership)
    )
    return page(found.qs, paging)


@router.post(
    "/partnerships/{partnership_id}/notes",
    response=responses(201, NoteOut, 403, 404),
    summary="Post a note",
)
def note_create(request: AuthedRequest, payload: NoteIn, partnership_id: int = Id) -> Any:
    partnership = selectors.partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(NoteForm, payload)
    note = services.note_create(actor=request.user, partnership=partnership, **data)
    return Status(201, selectors.note_get(actor=request.user, pk=note.pk).obj)


@router.get("/notes/{note_id}", response=responses(200, NoteOut, 404), summary="Get a note")
def note_get(request: AuthedRequest, note_id: int = Id) -> Any:
    return selectors.note_get(actor=request.user, pk=note_id).obj


@router.patch(
    "/notes/{note_id}",
    response=responses(200, NoteOut, 403, 404, 409),
    summary="Edit a note (author or owning organisation's admins)",
)
def note_patch(request: AuthedRequest, payload: NotePatch, note_id: int = Id) -> Any:
    note = selectors.note_get(actor=request.user, pk=note_id).obj
    current = inputs.stored(note, NoteEditForm.base_fields)
    data = inputs.validated(lambda d: NoteEditForm(d, instance=note), payload, current=current)
    services.note_update(actor=request.user, note=note, **data)
    return selectors.note_get(actor=request.user, pk=note_id).obj


@router.delete("/notes/{note_id}", response=responses(204, None, 403, 404, 409), summary="Delete a note")
def note_delete(request: AuthedRequest, version: Query[VersionQuery], note_id: int = Id) -> Any:
    note = selectors.note_get(actor=request.user, pk=note_id).obj
    services.note_delete(actor=request.user, note=note, version=version.version)
    return Status(204, None)


@router.get(
    "/notes/{note_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="Audit trail of a note",
)
def note_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], note_id: int = Id
) -> Any:
    note = selectors.note_get(actor=request.user, pk=note_id).obj
    return history_answer(actor=request.user, instance=note, filters=filters, paging=paging)
