"""API: lessons — a partnership's, the portfolio's library (with their exports), one lesson, its
correction and deletion by the author's side (with the version read: stale is 409), its history.
Lessons carried by a record are written through the carrier's own operation (an issue's, a
missed commitment's, a fired risk's), which checks the carrier's rule first."""

from typing import Any

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from concord.accounts.requests import AuthedRequest
from concord.audit.api import HistoryFilters, history_answer
from concord.core import exports, filtering, inputs
from concord.core.api import AuditEventOut, responses
from concord.core.inputs import MAX_ID, VersionQuery
from concord.core.paging import Paged, PageParams, page
from concord.lessons import exports as sheets
from concord.lessons import selectors, services
from concord.lessons.filters import LessonFilter
from concord.lessons.forms import LessonEditForm, LessonForm
from concord.lessons.schemas import LessonEditIn, LessonFilters, LessonIn, LessonOut
from concord.partnerships.selectors import partnership_get

router = Router(tags=["lessons"])
Id = Path(..., ge=1, le=MAX_ID)


def _lessons(request: AuthedRequest, partnership_id: int | None, filters: LessonFilters) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj if partnership_id else None
    found = selectors.lesson_list(actor=request.user, partnership=partnership)
    return filtering.apply(LessonFilter, filters, found).qs


def _page(request: AuthedRequest, rows: Any, paging: PageParams) -> dict[str, Any]:
    answer = page(rows, paging)
    selectors.with_carriers(request.user, answer["results"])
    return answer


@router.get(
    "/partnerships/{partnership_id}/lessons",
    response=responses(200, Paged[LessonOut], 404),
    summary="The partnership's lessons learned, newest first",
)
def lesson_list(
    request: AuthedRequest, filters: Query[LessonFilters], paging: Query[PageParams], partnership_id: int = Id
) -> Any:
    return _page(request, _lessons(request, partnership_id, filters), paging)


@router.get(
    "/partnerships/{partnership_id}/lessons/export",
    response=responses(200, None, 404),
    summary="The partnership's lessons, filtered as the list, as .csv or .xlsx",
)
def lessons_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[LessonFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    table = exports.table(sheets.LESSON_COLUMNS, _lessons(request, partnership_id, filters))
    return exports.download(params.format, f"lessons-{partnership_id}", table, "Lessons")


@router.post(
    "/partnerships/{partnership_id}/lessons",
    response=responses(201, LessonOut, 403, 404),
    summary="Write a blameless lesson: what happened, contributing factors, what we change",
)
def lesson_add(request: AuthedRequest, payload: LessonIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(LessonForm, payload)
    return Status(201, services.lesson_add(actor=request.user, partnership=partnership, **data))


@router.get(
    "/lessons",
    response=responses(200, Paged[LessonOut]),
    summary="The library: lessons of every partnership you take part in, newest first",
)
def library(request: AuthedRequest, filters: Query[LessonFilters], paging: Query[PageParams]) -> Any:
    return _page(request, _lessons(request, None, filters), paging)


@router.get(
    "/lessons/export",
    response=responses(200, None),
    summary="The library, filtered as the list, as .csv or .xlsx",
)
def library_export(
    request: AuthedRequest, params: Query[exports.FormatParams], filters: Query[LessonFilters]
) -> HttpResponse:
    table = exports.table(sheets.LESSON_COLUMNS, _lessons(request, None, filters))
    return exports.download(params.format, "lessons", table, "Lessons")


@router.get("/lessons/{lesson_id}", response=responses(200, LessonOut, 404), summary="A lesson")
def lesson_get(request: AuthedRequest, lesson_id: int = Id) -> Any:
    return selectors.lesson_get(actor=request.user, pk=lesson_id).obj


@router.patch(
    "/lessons/{lesson_id}",
    response=responses(200, LessonOut, 403, 404, 409),
    summary="Correct a lesson (the author's side; its visibility and carrier stay)",
)
def lesson_update(request: AuthedRequest, payload: LessonEditIn, lesson_id: int = Id) -> Any:
    lesson = selectors.lesson_get(actor=request.user, pk=lesson_id).obj
    current = inputs.stored(lesson, LessonEditForm.base_fields)
    data = inputs.validated(LessonEditForm, payload, current=current)
    services.lesson_update(actor=request.user, lesson=lesson, **data)
    return selectors.lesson_get(actor=request.user, pk=lesson_id).obj


@router.delete(
    "/lessons/{lesson_id}", response=responses(204, None, 403, 404, 409), summary="Delete a lesson"
)
def lesson_delete(request: AuthedRequest, version: Query[VersionQuery], lesson_id: int = Id) -> Any:
    lesson = selectors.lesson_get(actor=request.user, pk=lesson_id).obj
    services.lesson_delete(actor=request.user, lesson=lesson, version=version.version)
    return Status(204, None)


@router.get(
    "/lessons/{lesson_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="History of a lesson",
)
def lesson_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], lesson_id: int = Id
) -> Any:
    lesson = selectors.lesson_get(actor=request.user, pk=lesson_id).obj
    return history_answer(actor=request.user, instance=lesson, filters=filters, paging=paging)
