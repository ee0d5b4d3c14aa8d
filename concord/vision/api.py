"""API: vision rounds, blind submissions, reveal and the alignment report; the vision document,
its objectives, sign-off and comments."""

from typing import Any

from ninja import Path, Query, Router, Status

from concord.accounts.requests import AuthedRequest
from concord.core import filtering, inputs
from concord.core.api import responses
from concord.core.errors import InvalidState
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.partnerships.selectors import partnership_get
from concord.vision import selectors, services
from concord.vision.filters import CommentFilter, RoundFilter, SubmissionFilter
from concord.vision.forms import CommentForm, ObjectiveForm
from concord.vision.schemas import (
    CommentFilters,
    CommentIn,
    CommentOut,
    CommentPatch,
    DiffOut,
    ObjectiveIn,
    ReportOut,
    RevisionOut,
    RoundFilters,
    RoundIn,
    RoundOut,
    SignIn,
    SubmissionFilters,
    SubmissionIn,
    SubmissionOut,
    VersionIn,
    VisionIn,
    VisionOut,
    report_out,
    vision_out,
)
from concord.vision.services import comments, document

router = Router(tags=["vision"])
Id = Path(..., ge=1, le=MAX_ID)


@router.get(
    "/partnerships/{partnership_id}/vision/rounds",
    response=responses(200, Paged[RoundOut], 404),
    summary="List submission rounds, latest first",
)
def round_list(
    request: AuthedRequest, filters: Query[RoundFilters], paging: Query[PageParams], partnership_id: int = Id
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
def round_open(request: AuthedRequest, payload: RoundIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return Status(
        201, services.round_open(actor=request.user, partnership=partnership, dimensions=payload.dimensions)
    )


@router.get("/vision/rounds/{round_id}", response=responses(200, RoundOut, 404), summary="Get a round")
def round_get(request: AuthedRequest, round_id: int = Id) -> Any:
    return selectors.round_get(actor=request.user, pk=round_id).obj


@router.get(
    "/vision/rounds/{round_id}/submissions",
    response=responses(200, Paged[SubmissionOut], 404),
    summary="Submissions you may read: your own, and everyone's once revealed",
)
def submission_list(
    request: AuthedRequest, filters: Query[SubmissionFilters], paging: Query[PageParams], round_id: int = Id
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
def submission_save(request: AuthedRequest, payload: SubmissionIn, round_id: int = Id) -> Any:
    round_ = selectors.round_get(actor=request.user, pk=round_id).obj
    return services.submission_save(actor=request.user, round_=round_, **payload.dict())


@router.post(
    "/vision/rounds/{round_id}/submission/submit",
    response=responses(200, SubmissionOut, 403, 404, 409),
    summary="Submit your organisation's answers",
)
def submission_submit(request: AuthedRequest, payload: VersionIn, round_id: int = Id) -> Any:
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
def round_reveal(request: AuthedRequest, round_id: int = Id) -> Any:
    round_ = selectors.round_get(actor=request.user, pk=round_id).obj
    return services.round_reveal(actor=request.user, round_=round_)


@router.get(
    "/vision/rounds/{round_id}/report",
    response=responses(200, list[ReportOut], 404, 409),
    summary="The alignment report (after reveal)",
)
def round_report(request: AuthedRequest, round_id: int = Id) -> Any:
    round_ = selectors.round_get(actor=request.user, pk=round_id).obj
    return [report_out(r) for r in selectors.alignment_reports(actor=request.user, round_=round_)]


@router.get(
    "/partnerships/{partnership_id}/vision",
    response=responses(200, VisionOut, 404),
    summary="The Shared Vision: current revision, status, signatures",
)
def vision_get(request: AuthedRequest, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return vision_out(selectors.vision_view(actor=request.user, partnership=partnership))


@router.put(
    "/partnerships/{partnership_id}/vision",
    response=responses(200, RevisionOut, 403, 404, 409),
    summary="Propose the next revision (stale base: 409)",
)
def vision_edit(request: AuthedRequest, payload: VisionIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return document.vision_edit(
        actor=request.user,
        partnership=partnership,
        base=payload.base,
        sections=payload.sections.model_dump(exclude_none=True),
    )


@router.post(
    "/partnerships/{partnership_id}/vision/objectives",
    response=responses(201, VisionOut, 403, 404, 409),
    summary="Add an objective (stable code O1, O2, …)",
)
def objective_add(request: AuthedRequest, payload: ObjectiveIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(ObjectiveForm, payload)
    document.objective_add(actor=request.user, partnership=partnership, **data)
    return Status(201, vision_out(selectors.vision_view(actor=request.user, partnership=partnership)))


@router.post(
    "/partnerships/{partnership_id}/vision/sign",
    response=responses(200, VisionOut, 403, 404, 409),
    summary="Sign an exact revision for your organisation (admins)",
)
def vision_sign(request: AuthedRequest, payload: SignIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    document.vision_sign(actor=request.user, partnership=partnership, number=payload.revision)
    return vision_out(selectors.vision_view(actor=request.user, partnership=partnership))


@router.get(
    "/partnerships/{partnership_id}/vision/diff",
    response=responses(200, list[DiffOut], 404),
    summary="Differences between two revisions, per section",
)
def vision_diff(
    request: AuthedRequest,
    old: int = Query(..., ge=1, le=MAX_ID),
    new: int = Query(..., ge=1, le=MAX_ID),
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    diff = selectors.revision_diff(actor=request.user, partnership=partnership, old=old, new=new)
    return [{"section": label, "lines": lines} for label, lines in diff]


@router.get(
    "/partnerships/{partnership_id}/vision/comments",
    response=responses(200, Paged[CommentOut], 404),
    summary="Comments on the vision's sections (internal ones only for their organisation), "
    "grouped by section in the document's order, each section's in the order written",
)
def comment_list(
    request: AuthedRequest,
    filters: Query[CommentFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
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
def comment_add(request: AuthedRequest, payload: CommentIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(CommentForm, payload)
    created = comments.comment_add(actor=request.user, partnership=partnership, **data)
    return Status(201, selectors.comments_for(actor=request.user, partnership=partnership).get(pk=created.pk))


@router.patch(
    "/vision/comments/{comment_id}",
    response=responses(200, CommentOut, 403, 404, 409),
    summary="Resolve or reopen a comment",
)
def comment_resolve(request: AuthedRequest, payload: CommentPatch, comment_id: int = Id) -> Any:
    comment = selectors.comment_get(actor=request.user, pk=comment_id).obj
    comments.comment_resolve(
        actor=request.user, comment=comment, version=payload.version, resolved=payload.resolved
    )
    return selectors.comment_get(actor=request.user, pk=comment_id).obj
