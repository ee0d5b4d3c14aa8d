"""API: agreements, their lifecycle past the vision gate, clauses, imports, traceability, positions.
The shapes are in schemas.py."""

from typing import Any

from django.http import HttpResponse
from ninja import File, Form, Path, Query, Router, Status, UploadedFile

from concord.accounts.requests import AuthedRequest
from concord.agreements import exports as sheets
from concord.agreements import parsing, selectors, services
from concord.agreements.filters import AgreementFilter, ClauseFilter, ClauseNoteFilter
from concord.agreements.forms import (
    AgreementEditForm,
    AgreementForm,
    ClauseEditForm,
    ClauseForm,
    MoveForm,
    PositionForm,
)
from concord.agreements.models import Agreement
from concord.agreements.schemas import (
    AgreementFilters,
    AgreementIn,
    AgreementOut,
    AgreementPatch,
    AgreementSummary,
    BulkIn,
    ClauseFilters,
    ClauseImportOut,
    ClauseIn,
    ClauseNoteFilters,
    ClauseNoteIn,
    ClauseNoteOut,
    ClauseOut,
    ClausePatch,
    MatrixOut,
    MoveIn,
    SuggestionOut,
)
from concord.audit.api import HistoryFilters, history_answer
from concord.core import exports, filtering, inputs, uploads
from concord.core.api import AuditEventOut, responses
from concord.core.errors import ValidationFailed
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.partnerships.selectors import partnership_get
from concord.vision.selectors import current_objectives

router = Router(tags=["agreements"])
Id = Path(..., ge=1, le=MAX_ID)


def read_upload(upload: Any) -> str:
    """The text of an uploaded clause file, or a field error on `file`."""
    try:
        return parsing.upload_text(upload.name, uploads.read(upload))
    except ValueError as exc:
        raise ValidationFailed.single("file", str(exc)) from None


def _agreement(request: AuthedRequest, agreement_id: int) -> Agreement:
    return selectors.agreement_get(actor=request.user, pk=agreement_id).obj


@router.get(
    "/partnerships/{partnership_id}/agreements",
    response=responses(200, Paged[AgreementSummary], 404),
    summary="Agreements of a partnership (MoU, contract, statement of work), newest first",
)
def agreement_list(
    request: AuthedRequest,
    filters: Query[AgreementFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        AgreementFilter, filters, selectors.agreement_list(actor=request.user, partnership=partnership)
    )
    return page(found.qs, paging)


@router.get(
    "/partnerships/{partnership_id}/agreements/export",
    response=responses(200, None, 404),
    summary="Every agreement, filtered as the list, as .csv or .xlsx (one row per clause)",
)
def agreements_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[AgreementFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        AgreementFilter, filters, selectors.agreement_list(actor=request.user, partnership=partnership)
    )
    agreements = selectors.with_clauses(found.qs, actor=request.user)
    table = exports.flat(sheets.AGREEMENT_COLUMNS, agreements, sheets.clauses_of)
    return exports.download(params.format, f"agreements-{partnership_id}", table, "Agreements")


@router.post(
    "/partnerships/{partnership_id}/agreements",
    response=responses(201, AgreementOut, 403, 404),
    summary="Start drafting an agreement",
)
def agreement_create(request: AuthedRequest, payload: AgreementIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(AgreementForm, payload)
    created = services.agreement_create(actor=request.user, partnership=partnership, **data)
    return Status(201, _agreement(request, created.pk))


@router.get("/agreements/{agreement_id}", response=responses(200, AgreementOut, 404), summary="An agreement")
def agreement_get(request: AuthedRequest, agreement_id: int = Id) -> Any:
    return _agreement(request, agreement_id)


@router.patch(
    "/agreements/{agreement_id}",
    response=responses(200, AgreementOut, 403, 404, 409),
    summary="Edit an agreement's title, kind, reference or dates",
)
def agreement_patch(request: AuthedRequest, payload: AgreementPatch, agreement_id: int = Id) -> Any:
    agreement = _agreement(request, agreement_id)
    current = inputs.stored(agreement, AgreementEditForm.base_fields)
    data = inputs.validated(AgreementEditForm, payload, current=current)
    data |= inputs.cleared(payload, AgreementEditForm)  # null empties a date or the reference
    services.agreement_update(actor=request.user, agreement=agreement, **data)
    return _agreement(request, agreement_id)


@router.post(
    "/agreements/{agreement_id}/move",
    response=responses(200, AgreementOut, 403, 404, 409),
    summary="Move along drafting → negotiation → signed → expired (the vision gate applies)",
)
def agreement_move(request: AuthedRequest, payload: MoveIn, agreement_id: int = Id) -> Any:
    agreement = _agreement(request, agreement_id)
    data = inputs.validated(MoveForm, payload)
    services.agreement_move(actor=request.user, agreement=agreement, **data)
    return _agreement(request, agreement_id)


@router.get(
    "/agreements/{agreement_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="Audit trail of an agreement (gate overrides carry their reason)",
)
def agreement_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], agreement_id: int = Id
) -> Any:
    return history_answer(
        actor=request.user, instance=_agreement(request, agreement_id), filters=filters, paging=paging
    )


@router.get(
    "/agreements/{agreement_id}/clauses",
    response=responses(200, Paged[ClauseOut], 404),
    summary="Clauses in order",
)
def clause_list(
    request: AuthedRequest,
    filters: Query[ClauseFilters],
    paging: Query[PageParams],
    agreement_id: int = Id,
) -> Any:
    clauses = selectors.clause_list(agreement=_agreement(request, agreement_id))
    return page(filtering.apply(ClauseFilter, filters, clauses).qs, paging)


@router.post(
    "/agreements/{agreement_id}/clauses",
    response=responses(201, ClauseOut, 403, 404, 409),
    summary="Add a clause at the end",
)
def clause_add(request: AuthedRequest, payload: ClauseIn, agreement_id: int = Id) -> Any:
    agreement = _agreement(request, agreement_id)
    data = inputs.validated(ClauseForm, payload)
    created = services.clause_add(actor=request.user, agreement=agreement, **data)
    return Status(201, selectors.clause_get(actor=request.user, pk=created.pk).obj)


def _import(request: AuthedRequest, agreement: Any, text: str, dry_run: bool) -> dict[str, Any]:
    services.require_editable(request.user, agreement)
    result = parsing.split_text(text)
    if not result.ok:
        raise ValidationFailed({"text": [f"line {line}: {message}" for line, message in result.problems]})
    parsed = [
        {"line": c.line, "number": c.number, "heading": c.heading, "text": c.text} for c in result.clauses
    ]
    if dry_run:
        return {"dry_run": True, "clauses": parsed, "created": []}
    created = services.clauses_import(actor=request.user, agreement=agreement, parsed=result.clauses)
    ids = [c.pk for c in created]
    return {
        "dry_run": False,
        "clauses": parsed,
        "created": list(selectors.clause_list(agreement=agreement).filter(pk__in=ids)),
    }


@router.post(
    "/agreements/{agreement_id}/clauses/bulk",
    response=responses(200, ClauseImportOut, 403, 404, 409),
    summary="Paste clauses as text or Markdown: preview, then import all or nothing",
)
def clauses_bulk(request: AuthedRequest, payload: BulkIn, agreement_id: int = Id) -> Any:
    return _import(request, _agreement(request, agreement_id), payload.text, payload.dry_run)


# A file upload (multipart), not a form's fields: its parameters are declared here.
@router.post(
    "/agreements/{agreement_id}/clauses/import",
    response=responses(200, ClauseImportOut, 403, 404, 409),
    summary="Import clauses from a .txt, .md or .docx file (multipart), split on headings",
)
def clauses_import(
    request: AuthedRequest,
    file: File[UploadedFile],
    dry_run: Form[bool] = True,
    agreement_id: int = Id,
) -> Any:
    agreement = _agreement(request, agreement_id)
    return _import(request, agreement, read_upload(file), dry_run)


@router.get(
    "/agreements/{agreement_id}/traceability",
    response=responses(200, MatrixOut, 404),
    summary="Clauses × objectives, a page of clauses at a time; orphan clauses and uncovered objectives",
)
def traceability(
    request: AuthedRequest,
    filters: Query[ClauseFilters],
    paging: Query[PageParams],
    agreement_id: int = Id,
) -> Any:
    agreement = _agreement(request, agreement_id)
    found = filtering.apply(ClauseFilter, filters, selectors.clause_list(agreement=agreement))
    answer = page(found.qs, paging)
    cover = selectors.coverage(actor=request.user, agreement=agreement)
    answer["results"] = [
        {
            "clause_id": c.pk,
            "number": c.number,
            "heading": c.heading,
            "objective_ids": sorted(links),
            "orphan": not links,
        }
        for c, links in selectors.matrix_rows(answer["results"])
    ]
    return answer | {
        "objectives": cover.objectives,
        "uncovered_objectives": cover.uncovered,
        "orphan_count": cover.orphan_count,
    }


@router.get("/clauses/{clause_id}", response=responses(200, ClauseOut, 404), summary="A clause")
def clause_get(request: AuthedRequest, clause_id: int = Id) -> Any:
    return selectors.clause_get(actor=request.user, pk=clause_id).obj


@router.patch(
    "/clauses/{clause_id}",
    response=responses(200, ClauseOut, 403, 404, 409),
    summary="Edit a clause, its negotiation status or the objectives it supports",
)
def clause_patch(request: AuthedRequest, payload: ClausePatch, clause_id: int = Id) -> Any:
    clause = selectors.clause_get(actor=request.user, pk=clause_id).obj
    objectives = current_objectives(actor=request.user, partnership=clause.agreement.partnership)
    current = inputs.stored(clause, ClauseEditForm.base_fields)
    data = inputs.validated(lambda d: ClauseEditForm(d, objectives=objectives), payload, current=current)
    services.clause_update(actor=request.user, clause=clause, **data)
    return selectors.clause_get(actor=request.user, pk=clause_id).obj


@router.get(
    "/clauses/{clause_id}/suggestions",
    response=responses(200, list[SuggestionOut], 404),
    summary="Objectives this clause may support, by word similarity, with the words that matched",
)
def clause_suggestions(request: AuthedRequest, clause_id: int = Id) -> Any:
    clause = selectors.clause_get(actor=request.user, pk=clause_id).obj
    return [
        {"objective": s.objective, "score": s.score, "words": s.words}
        for s in selectors.suggestions(actor=request.user, clause=clause)
    ]


@router.get(
    "/clauses/{clause_id}/notes",
    response=responses(200, Paged[ClauseNoteOut], 404),
    summary="Negotiation positions on a clause, oldest first (internal ones only for their organisation)",
)
def clause_notes(
    request: AuthedRequest,
    filters: Query[ClauseNoteFilters],
    paging: Query[PageParams],
    clause_id: int = Id,
) -> Any:
    clause = selectors.clause_get(actor=request.user, pk=clause_id).obj
    found = filtering.apply(
        ClauseNoteFilter, filters, selectors.clause_notes(actor=request.user, clause=clause)
    )
    return page(found.qs, paging)


@router.post(
    "/clauses/{clause_id}/notes",
    response=responses(201, ClauseNoteOut, 403, 404),
    summary="State your organisation's position on a clause",
)
def clause_note_add(request: AuthedRequest, payload: ClauseNoteIn, clause_id: int = Id) -> Any:
    clause = selectors.clause_get(actor=request.user, pk=clause_id).obj
    data = inputs.validated(PositionForm, payload)
    note = services.note_add(actor=request.user, clause=clause, **data)
    return Status(201, selectors.clause_notes(actor=request.user, clause=clause).get(pk=note.pk))
