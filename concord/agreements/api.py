"""API: agreements, their lifecycle past the vision gate, clauses, imports, traceability, positions."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Form, Path, Query, Router, Schema, Status, UploadedFile

from concord.access.roles import Visibility
from concord.agreements import parsing, selectors, services
from concord.agreements.filters import AgreementFilter, ClauseFilter, ClauseNoteFilter
from concord.agreements.models import AgreementKind, AgreementStatus, NegotiationStatus
from concord.audit.selectors import history_for
from concord.core import filtering
from concord.core.api import MAX_ID, AuditEventOut, Version, responses
from concord.core.errors import ValidationFailed
from concord.core.paging import Paged, PageParams, page
from concord.partnerships.selectors import partnership_get

router = Router(tags=["agreements"])
Id = Path(..., ge=1, le=MAX_ID)


class GateOut(Schema):
    vision_agreed: bool
    override_reason: str
    override_by: str | None
    override_at: datetime | None


class AgreementOut(Schema):
    id: int
    partnership_id: int
    kind: AgreementKind
    title: str
    reference: str
    status: AgreementStatus
    start_date: date | None
    end_date: date | None
    renewal_notice_date: date | None
    signed_on: date | None
    gate: GateOut
    next_statuses: list[str]
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_gate(obj: Any) -> dict[str, Any]:
        return {
            "vision_agreed": services.vision_agreed(obj.partnership),
            "override_reason": obj.gate_override_reason,
            "override_by": obj.gate_override_by.get_full_name() if obj.gate_override_by else None,
            "override_at": obj.gate_override_at,
        }

    @staticmethod
    def resolve_next_statuses(obj: Any) -> list[str]:
        return list(services.MOVES[obj.status])


class AgreementSummary(Schema):
    id: int
    kind: AgreementKind
    title: str
    status: AgreementStatus
    end_date: date | None
    renewal_notice_date: date | None
    clause_count: int
    orphan_count: int = Field(description="Clauses that support no objective of the vision.")


class AgreementIn(Schema):
    kind: AgreementKind = AgreementKind.CONTRACT
    title: str = Field(min_length=1, max_length=200)
    reference: str = Field("", max_length=60)
    start_date: date | None = None
    end_date: date | None = None
    renewal_notice_date: date | None = None


class AgreementPatch(Schema):
    version: Version
    kind: AgreementKind | None = None
    title: str | None = Field(None, min_length=1, max_length=200)
    reference: str | None = Field(None, max_length=60)
    start_date: date | None = None
    end_date: date | None = None
    renewal_notice_date: date | None = None


class MoveIn(Schema):
    version: Version
    to: AgreementStatus
    override_reason: str = Field(
        "",
        max_length=2000,
        description="Admins only: why the agreement may leave drafting before the vision is agreed.",
    )
    signed_on: date | None = Field(None, description="When moving to signed (default today).")


class ClauseOut(Schema):
    id: int
    agreement_id: int
    position: int
    number: str
    heading: str
    text: str
    negotiation_status: NegotiationStatus
    objectives: list[str] = Field(description="Codes of the vision objectives the clause supports.")
    objective_ids: list[int]
    version: int

    @staticmethod
    def resolve_objectives(obj: Any) -> list[str]:
        return [o.code for o in obj.objectives.all()]

    @staticmethod
    def resolve_objective_ids(obj: Any) -> list[int]:
        return [o.pk for o in obj.objectives.all()]


class ClauseIn(Schema):
    number: str = Field("", max_length=20)
    heading: str = Field(min_length=1, max_length=200)
    text: str = Field("", max_length=20000)


class ClausePatch(Schema):
    version: Version
    number: str | None = Field(None, max_length=20)
    heading: str | None = Field(None, min_length=1, max_length=200)
    text: str | None = Field(None, max_length=20000)
    negotiation_status: NegotiationStatus | None = None
    objective_ids: list[int] | None = Field(
        None, max_length=100, description="The full set of objectives the clause supports."
    )


class BulkIn(Schema):
    text: str = Field(min_length=1, max_length=2_000_000, description="Plain text or Markdown.")
    dry_run: bool = Field(True, description="Preview only (the default); false imports, all or nothing.")


class ParsedOut(Schema):
    line: int
    number: str
    heading: str
    text: str


class ImportOut(Schema):
    dry_run: bool
    clauses: list[ParsedOut]
    created: list[ClauseOut]


class MatrixRowOut(Schema):
    clause_id: int
    number: str
    heading: str
    objective_ids: list[int]
    orphan: bool


class ObjectiveRef(Schema):
    id: int
    code: str
    title: str


class MatrixOut(Paged[MatrixRowOut]):
    """One page of the matrix's rows (clauses, filtered like the clause list) under all of its
    columns (the objectives in force), with what is out of line in the whole agreement."""

    objectives: list[ObjectiveRef]
    uncovered_objectives: list[ObjectiveRef]
    orphan_count: int = Field(description="Clauses of the agreement that support no objective.")


class SuggestionOut(Schema):
    objective: ObjectiveRef
    score: float = Field(description="Cosine similarity of TF-IDF weighted word stems, 0-1.")
    words: list[str] = Field(description="The words that matched, heaviest first.")


class ClauseNoteOut(Schema):
    id: int
    clause_id: int
    owner_id: int = Field(description="The organisation that stated it (the `owner` filter takes it).")
    owner: str = Field(alias="owner.name")
    visibility: Visibility
    body: str
    author: str | None = None
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return obj.created_by.get_full_name() if obj.created_by else None


class ClauseNoteIn(Schema):
    body: str = Field(min_length=1, max_length=20000)
    visibility: Visibility = Visibility.SHARED


class AgreementFilters(filtering.query_schema(AgreementFilter)):  # type: ignore[misc]
    """The agreements' filters (filters.AgreementFilter)."""


class ClauseFilters(filtering.query_schema(ClauseFilter)):  # type: ignore[misc]
    """The clauses' filters (filters.ClauseFilter), for the clause list and the matrix's rows."""


class ClauseNoteFilters(filtering.query_schema(ClauseNoteFilter)):  # type: ignore[misc]
    """The negotiation positions' filters (filters.ClauseNoteFilter)."""


def read_upload(upload: Any) -> str:
    """The text of an uploaded clause file, or a field error on `file`."""
    try:
        return parsing.upload_text(upload.name or "", upload.size or 0, upload.read)
    except ValueError as exc:
        raise ValidationFailed.single("file", str(exc)) from None


def _agreement(request: HttpRequest, agreement_id: int) -> Any:
    return selectors.agreement_get(actor=request.user, pk=agreement_id).obj


@router.get(
    "/partnerships/{partnership_id}/agreements",
    response=responses(200, Paged[AgreementSummary], 404),
    summary="Agreements of a partnership (MoU, contract, statement of work), newest first",
)
def agreement_list(
    request: HttpRequest,
    filters: Query[AgreementFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        AgreementFilter, filters, selectors.agreement_list(actor=request.user, partnership=partnership)
    )
    return page(found.qs, paging)


@router.post(
    "/partnerships/{partnership_id}/agreements",
    response=responses(201, AgreementOut, 403, 404),
    summary="Start drafting an agreement",
)
def agreement_create(request: HttpRequest, payload: AgreementIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    created = services.agreement_create(actor=request.user, partnership=partnership, **payload.dict())
    return Status(201, _agreement(request, created.pk))


@router.get("/agreements/{agreement_id}", response=responses(200, AgreementOut, 404), summary="An agreement")
def agreement_get(request: HttpRequest, agreement_id: int = Id) -> Any:
    return _agreement(request, agreement_id)


@router.patch(
    "/agreements/{agreement_id}",
    response=responses(200, AgreementOut, 403, 404, 409),
    summary="Edit an agreement's title, kind, reference or dates",
)
def agreement_patch(request: HttpRequest, payload: AgreementPatch, agreement_id: int = Id) -> Any:
    agreement = _agreement(request, agreement_id)
    fields = payload.dict(exclude_unset=True, exclude={"version"})
    services.agreement_update(actor=request.user, agreement=agreement, version=payload.version, **fields)
    return _agreement(request, agreement_id)


@router.post(
    "/agreements/{agreement_id}/move",
    response=responses(200, AgreementOut, 403, 404, 409),
    summary="Move along drafting → negotiation → signed → expired (the vision gate applies)",
)
def agreement_move(request: HttpRequest, payload: MoveIn, agreement_id: int = Id) -> Any:
    agreement = _agreement(request, agreement_id)
    services.agreement_move(
        actor=request.user,
        agreement=agreement,
        to=payload.to,
        version=payload.version,
        override_reason=payload.override_reason,
        signed_on=payload.signed_on,
    )
    return _agreement(request, agreement_id)


@router.get(
    "/agreements/{agreement_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="Audit trail of an agreement (gate overrides carry their reason)",
)
def agreement_history(request: HttpRequest, paging: Query[PageParams], agreement_id: int = Id) -> Any:
    return page(history_for(actor=request.user, instance=_agreement(request, agreement_id)), paging)


@router.get(
    "/agreements/{agreement_id}/clauses",
    response=responses(200, Paged[ClauseOut], 404),
    summary="Clauses in order",
)
def clause_list(
    request: HttpRequest,
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
def clause_add(request: HttpRequest, payload: ClauseIn, agreement_id: int = Id) -> Any:
    created = services.clause_add(
        actor=request.user, agreement=_agreement(request, agreement_id), **payload.dict()
    )
    return Status(201, selectors.clause_get(actor=request.user, pk=created.pk).obj)


def _import(request: HttpRequest, agreement: Any, text: str, dry_run: bool) -> dict[str, Any]:
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
    response=responses(200, ImportOut, 403, 404, 409),
    summary="Paste clauses as text or Markdown: preview, then import all or nothing",
)
def clauses_bulk(request: HttpRequest, payload: BulkIn, agreement_id: int = Id) -> Any:
    return _import(request, _agreement(request, agreement_id), payload.text, payload.dry_run)


@router.post(
    "/agreements/{agreement_id}/clauses/import",
    response=responses(200, ImportOut, 403, 404, 409),
    summary="Import clauses from a .txt, .md or .docx file (multipart), split on headings",
)
def clauses_import(
    request: HttpRequest,
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
    request: HttpRequest,
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
def clause_get(request: HttpRequest, clause_id: int = Id) -> Any:
    return selectors.clause_get(actor=request.user, pk=clause_id).obj


@router.patch(
    "/clauses/{clause_id}",
    response=responses(200, ClauseOut, 403, 404, 409),
    summary="Edit a clause, its negotiation status or the objectives it supports",
)
def clause_patch(request: HttpRequest, payload: ClausePatch, clause_id: int = Id) -> Any:
    clause = selectors.clause_get(actor=request.user, pk=clause_id).obj
    fields = payload.dict(exclude_unset=True, exclude={"version", "objective_ids"})
    fields = {k: v for k, v in fields.items() if v is not None}
    services.clause_update(
        actor=request.user,
        clause=clause,
        version=payload.version,
        objective_ids=payload.objective_ids,
        **fields,
    )
    return selectors.clause_get(actor=request.user, pk=clause_id).obj


@router.get(
    "/clauses/{clause_id}/suggestions",
    response=responses(200, list[SuggestionOut], 404),
    summary="Objectives this clause may support, by word similarity, with the words that matched",
)
def clause_suggestions(request: HttpRequest, clause_id: int = Id) -> Any:
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
    request: HttpRequest,
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
def clause_note_add(request: HttpRequest, payload: ClauseNoteIn, clause_id: int = Id) -> Any:
    clause = selectors.clause_get(actor=request.user, pk=clause_id).obj
    note = services.note_add(actor=request.user, clause=clause, **payload.dict())
    return Status(201, selectors.clause_notes(actor=request.user, clause=clause).get(pk=note.pk))
