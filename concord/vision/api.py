"""API: vision rounds, blind submissions, reveal and the alignment report."""

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import Strict

from concord.access.roles import Visibility
from concord.core import filtering
from concord.core.api import MAX_ID, Version, responses
from concord.core.errors import InvalidState
from concord.core.paging import Paged, PageParams, page
from concord.partnerships.selectors import partnership_get
from concord.vision import selectors, services
from concord.vision.filters import CommentFilter, RoundFilter, SubmissionFilter
from concord.vision.services import comments, document

router = Router(tags=["vision"])
Id = Path(..., ge=1, le=MAX_ID)


class PartyStatusOut(Schema):
    organisation: str
    side: str
    submitted: bool


class RoundOut(Schema):
    id: int
    number: int
    status: str
    dimensions: list[str]
    created_at: datetime
    revealed_at: datetime | None
    parties: list[PartyStatusOut] = Field(description="Only whether each party has submitted.")

    @staticmethod
    def resolve_parties(obj: Any) -> list[Any]:
        return selectors.party_statuses(round_=obj)


class RoundFilters(filtering.query_schema(RoundFilter)):  # type: ignore[misc]
    """The rounds' filters (filters.RoundFilter)."""


class SubmissionFilters(filtering.query_schema(SubmissionFilter)):  # type: ignore[misc]
    """The submissions' filters (filters.SubmissionFilter)."""


class CommentFilters(filtering.query_schema(CommentFilter)):  # type: ignore[misc]
    """The comments' filters (filters.CommentFilter)."""


class RoundIn(Schema):
    dimensions: list[str] | None = Field(
        None, max_length=12, description="Default: the eight standard dimensions."
    )


class Outcome(Schema):
    outcome: str = Field(max_length=1000)
    measure: str = Field("", max_length=1000, description="How we would know.")


class SubmissionIn(Schema):
    version: Version | None = None
    outcomes: list[Outcome] = Field(default_factory=list, max_length=20)
    priorities: dict[str, int] = Field(default_factory=dict)
    prediction: dict[str, int] = Field(
        default_factory=dict, description="Your guess of the other party's points."
    )
    ways: dict[str, str] = Field(default_factory=dict)
    ways_note: str = Field("", max_length=4000)


class SubmissionOut(Schema):
    id: int
    organisation: str = Field(alias="owner.name")
    outcomes: list[dict[str, str]]
    priorities: dict[str, int]
    prediction: dict[str, int]
    ways: dict[str, str]
    ways_note: str
    submitted_at: datetime | None
    version: int


class VersionIn(Schema):
    version: Version


class ReportOut(Schema):
    parties: list[str]
    alignment: float = Field(description="100 − ½·Σ|a−b| over the dimensions.")
    rank_correlation: float | None = Field(description="Spearman; null when a side has no order.")
    rows: list[dict[str, Any]]
    misalignments: list[str]
    perception: dict[str, Any]
    ways: list[str]


def _report_out(report: Any) -> dict[str, Any]:
    return {
        "parties": [report.a_name, report.b_name],
        "alignment": report.alignment,
        "rank_correlation": report.rank_correlation,
        "rows": [{"dimension": r.dimension, "points": [r.a, r.b], "gap": r.gap} for r in report.rows],
        "misalignments": report.misalignments,
        "perception": report.perception,
        "ways": report.ways,
    }


@router.get(
    "/partnerships/{partnership_id}/vision/rounds",
    response=responses(200, Paged[RoundOut], 404),
    summary="List submission rounds, latest first",
)
def round_list(
    request: HttpRequest, filters: Query[RoundFilters], paging: Query[PageParams], partnership_id: int = Id
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        RoundFilter, filters, selectors.round_list(actor=request.user, partnership=partnership)
    )
    answer = page(found.qs, paging)
    answer["results"] = selectors.with_party_statuses(rounds=answer["results"])
    return answer


@router.post(
    "/partnerships/{partnership_id}/vision/rounds",
    response=responses(201, RoundOut, 403, 404, 409),
    summary="Open a blind submission round (admins and partnership managers)",
)
def round_open(request: HttpRequest, payload: RoundIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return Status(
        201, services.round_open(actor=request.user, partnership=partnership, dimensions=payload.dimensions)
    )


@router.get("/vision/rounds/{round_id}", response=responses(200, RoundOut, 404), summary="Get a round")
def round_get(request: HttpRequest, round_id: int = Id) -> Any:
    return selectors.round_get(actor=request.user, pk=round_id).obj


@router.get(
    "/vision/rounds/{round_id}/submissions",
    response=responses(200, Paged[SubmissionOut], 404),
    summary="Submissions you may read: your own, and everyone's once revealed",
)
def submission_list(
    request: HttpRequest, filters: Query[SubmissionFilters], paging: Query[PageParams], round_id: int = Id
) -> Any:
    round_ = selectors.round_get(actor=request.user, pk=round_id).obj
    found = filtering.apply(
        SubmissionFilter, filters, selectors.submission_list(actor=request.user, round_=round_)
    )
    return page(found.qs, paging)


@router.put(
    "/vision/rounds/{round_id}/submission",
    response=responses(200, SubmissionOut, 403, 404, 409),
    summary="Save your organisation's answers (draft or revision)",
)
def submission_save(request: HttpRequest, payload: SubmissionIn, round_id: int = Id) -> Any:
    round_ = selectors.round_get(actor=request.user, pk=round_id).obj
    data = payload.dict(exclude={"version"})
    return services.submission_save(actor=request.user, round_=round_, version=payload.version, **data)


@router.post(
    "/vision/rounds/{round_id}/submission/submit",
    response=responses(200, SubmissionOut, 403, 404, 409),
    summary="Submit your organisation's answers",
)
def submission_submit(request: HttpRequest, payload: VersionIn, round_id: int = Id) -> Any:
    round_ = selectors.round_get(actor=request.user, pk=round_id).obj
    mine = selectors.submission_mine(actor=request.user, round_=round_)
    if mine is None:
        raise InvalidState("Save your answers before submitting them.")
    return services.submission_submit(actor=request.user, submission=mine, version=payload.version)


@router.post(
    "/vision/rounds/{round_id}/reveal",
    response=responses(200, RoundOut, 403, 404, 409),
    summary="Close the round and reveal all answers (once every party has submitted)",
)
def round_reveal(request: HttpRequest, round_id: int = Id) -> Any:
    round_ = selectors.round_get(actor=request.user, pk=round_id).obj
    return services.round_reveal(actor=request.user, round_=round_)


@router.get(
    "/vision/rounds/{round_id}/report",
    response=responses(200, list[ReportOut], 404, 409),
    summary="The alignment report (after reveal)",
)
def round_report(request: HttpRequest, round_id: int = Id) -> Any:
    round_ = selectors.round_get(actor=request.user, pk=round_id).obj
    return [_report_out(r) for r in selectors.alignment_reports(actor=request.user, round_=round_)]


class SignatureOut(Schema):
    organisation: str = Field(alias="organisation.name")
    signed_by: str
    signed_at: datetime

    @staticmethod
    def resolve_signed_by(obj: Any) -> str:
        return obj.signed_by.get_full_name()


class RevisionOut(Schema):
    number: int
    sections: dict[str, str]
    objectives: list[dict[str, Any]]
    author: str | None
    created_at: datetime
    superseded: bool

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return obj.author.get_full_name() if obj.author else None


class VisionOut(Schema):
    status: str
    current: RevisionOut | None
    signatures: list[SignatureOut]
    waiting_for: list[str]
    objectives: list[dict[str, Any]]


class VisionIn(Schema):
    base: int | None = Field(
        None, ge=0, le=MAX_ID, description="The revision you edited (null for the first)."
    )
    sections: dict[str, str] = Field(description="purpose, outcomes, principles, behaviours (Markdown).")


class ObjectiveIn(Schema):
    base: Annotated[int, Strict()] | None = Field(
        None, ge=0, le=MAX_ID, description="The current revision number."
    )
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)


class SignIn(Schema):
    revision: Annotated[int, Strict()] = Field(
        ge=1, le=MAX_ID, description="The exact revision you read and sign."
    )


class DiffOut(Schema):
    section: str
    lines: list[str]


def _vision_out(view: Any) -> dict[str, Any]:
    return {
        "status": view.status,
        "current": view.current,
        "signatures": view.signatures,
        "waiting_for": view.waiting_for,
        "objectives": [
            {"id": o.pk, "code": o.code, "title": o.title, "description": o.description, "retired": o.retired}
            for o in view.objectives
        ],
    }


@router.get(
    "/partnerships/{partnership_id}/vision",
    response=responses(200, VisionOut, 404),
    summary="The Shared Vision: current revision, status, signatures",
)
def vision_get(request: HttpRequest, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return _vision_out(selectors.vision_view(actor=request.user, partnership=partnership))


@router.put(
    "/partnerships/{partnership_id}/vision",
    response=responses(200, RevisionOut, 403, 404, 409),
    summary="Propose the next revision (stale base: 409)",
)
def vision_edit(request: HttpRequest, payload: VisionIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return document.vision_edit(
        actor=request.user, partnership=partnership, base=payload.base, sections=payload.sections
    )


@router.post(
    "/partnerships/{partnership_id}/vision/objectives",
    response=responses(201, VisionOut, 403, 404, 409),
    summary="Add an objective (stable code O1, O2, …)",
)
def objective_add(request: HttpRequest, payload: ObjectiveIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    document.objective_add(
        actor=request.user,
        partnership=partnership,
        base=payload.base,
        title=payload.title,
        description=payload.description,
    )
    return Status(201, _vision_out(selectors.vision_view(actor=request.user, partnership=partnership)))


@router.post(
    "/partnerships/{partnership_id}/vision/sign",
    response=responses(200, VisionOut, 403, 404, 409),
    summary="Sign an exact revision for your organisation (admins)",
)
def vision_sign(request: HttpRequest, payload: SignIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    document.vision_sign(actor=request.user, partnership=partnership, number=payload.revision)
    return _vision_out(selectors.vision_view(actor=request.user, partnership=partnership))


@router.get(
    "/partnerships/{partnership_id}/vision/diff",
    response=responses(200, list[DiffOut], 404),
    summary="Differences between two revisions, per section",
)
def vision_diff(
    request: HttpRequest,
    old: int = Query(..., ge=1, le=MAX_ID),
    new: int = Query(..., ge=1, le=MAX_ID),
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    diff = selectors.revision_diff(actor=request.user, partnership=partnership, old=old, new=new)
    return [{"section": label, "lines": lines} for label, lines in diff]


class CommentOut(Schema):
    id: int
    section: str
    revision_number: int | None = Field(description="The revision the comment was written against.")
    body: str
    visibility: Visibility
    owner: str = Field(alias="owner.name")
    author: str | None = None
    resolved: bool
    version: int
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return obj.created_by.get_full_name() if obj.created_by else None


class CommentIn(Schema):
    section: str = Field(description="purpose, outcomes, principles, behaviours or objectives.")
    body: str = Field(min_length=1, max_length=20000)
    visibility: Visibility = Visibility.SHARED


class CommentPatch(Schema):
    version: Version
    resolved: bool


@router.get(
    "/partnerships/{partnership_id}/vision/comments",
    response=responses(200, Paged[CommentOut], 404),
    summary="Comments on the vision's sections (internal ones only for their organisation), "
    "grouped by section in the document's order, each section's in the order written",
)
def comment_list(
    request: HttpRequest, filters: Query[CommentFilters], paging: Query[PageParams], partnership_id: int = Id
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        CommentFilter, filters, selectors.comments_for(actor=request.user, partnership=partnership)
    )
    return page(found.qs, paging)


@router.post(
    "/partnerships/{partnership_id}/vision/comments",
    response=responses(201, CommentOut, 403, 404),
    summary="Comment on a section of the vision",
)
def comment_add(request: HttpRequest, payload: CommentIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    created = comments.comment_add(actor=request.user, partnership=partnership, **payload.dict())
    return Status(201, selectors.comments_for(actor=request.user, partnership=partnership).get(pk=created.pk))


@router.patch(
    "/vision/comments/{comment_id}",
    response=responses(200, CommentOut, 403, 404, 409),
    summary="Resolve or reopen a comment",
)
def comment_resolve(request: HttpRequest, payload: CommentPatch, comment_id: int = Id) -> Any:
    comment = selectors.comment_get(actor=request.user, pk=comment_id).obj
    comments.comment_resolve(
        actor=request.user, comment=comment, version=payload.version, resolved=payload.resolved
    )
    return selectors.comment_get(actor=request.user, pk=comment_id).obj
