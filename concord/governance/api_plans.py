"""API: issues (raise, read, resolve citing the vision, history) and the lessons they carry (the
lessons' own operations: lessons/api.py). Named api_plans so the app's layer contract covers it
(pyproject: an app's second API module)."""

from typing import Any

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from concord.access.pages import per_reader_api
from concord.accounts.requests import AuthedRequest
from concord.audit.api import HistoryFilters, history_answer
from concord.core import exports, filtering, inputs
from concord.core.api import AuditEventOut, responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.governance import exports as sheets
from concord.governance import selectors
from concord.governance.filters import IssueFilter
from concord.governance.forms import IssueForm, ReopenForm, ResolveForm
from concord.governance.schemas import (
    IssueFilters,
    IssueIn,
    IssueOut,
    ReopenIn,
    ResolveIn,
)
from concord.governance.services import issues, lessons
from concord.lessons.forms import LessonForm
from concord.lessons.schemas import LessonIn, LessonOut
from concord.partnerships.selectors import partnership_get

router = Router(tags=["governance"])
Id = Path(..., ge=1, le=MAX_ID)


def _partnership(request: AuthedRequest, partnership_id: int) -> Any:
    return partnership_get(actor=request.user, pk=partnership_id).obj


def _issue(request: AuthedRequest, issue_id: int) -> Any:
    return selectors.issue_get(actor=request.user, pk=issue_id).obj


def _issues(request: AuthedRequest, partnership_id: int, filters: IssueFilters) -> Any:
    found = selectors.issue_list(actor=request.user, partnership=_partnership(request, partnership_id))
    return filtering.apply(IssueFilter, filters, found).qs


@router.get(
    "/partnerships/{partnership_id}/issues",
    response=responses(200, Paged[IssueOut], 404),
    summary="Issues you may see: open ones first, newest first",
)
@per_reader_api
def issue_list(
    request: AuthedRequest, filters: Query[IssueFilters], paging: Query[PageParams], partnership_id: int = Id
) -> Any:
    return page(_issues(request, partnership_id, filters), paging)


@router.get(
    "/partnerships/{partnership_id}/issues/export",
    response=responses(200, None, 404),
    summary="The issues, filtered as the list, as .csv or .xlsx",
)
def issues_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[IssueFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    table = exports.table(sheets.ISSUE_COLUMNS, _issues(request, partnership_id, filters))
    return exports.download(params.format, f"issues-{partnership_id}", table, "Issues")


@router.post(
    "/partnerships/{partnership_id}/issues",
    response=responses(201, IssueOut, 403, 404),
    summary="Raise an issue: it starts at the first level of the escalation path",
)
def issue_raise(request: AuthedRequest, payload: IssueIn, partnership_id: int = Id) -> Any:
    partnership = _partnership(request, partnership_id)
    goals = selectors.goal_choices(actor=request.user, partnership=partnership)
    data = inputs.validated(lambda d: IssueForm(d, goals=goals), payload)
    issue = issues.issue_raise(actor=request.user, partnership=partnership, **data)
    return Status(201, _issue(request, issue.pk))


@router.get("/issues/{issue_id}", response=responses(200, IssueOut, 404), summary="An issue")
def issue_get(request: AuthedRequest, issue_id: int = Id) -> Any:
    return _issue(request, issue_id)


@router.post(
    "/issues/{issue_id}/resolve",
    response=responses(200, IssueOut, 403, 404, 409),
    summary="Resolve an issue, citing the vision objective or guiding principle it serves",
)
def issue_resolve(request: AuthedRequest, payload: ResolveIn, issue_id: int = Id) -> Any:
    issue = _issue(request, issue_id)
    found = selectors.citations(actor=request.user, partnership=issue.partnership)
    data = inputs.validated(lambda d: ResolveForm(d, citations=found), payload)
    issues.issue_resolve(actor=request.user, issue=issue, **data)
    return _issue(request, issue_id)


@router.post(
    "/issues/{issue_id}/reopen",
    response=responses(200, IssueOut, 403, 404, 409),
    summary="Open a resolved issue again, with the reason: back to its level (or the first)",
)
def issue_reopen(request: AuthedRequest, payload: ReopenIn, issue_id: int = Id) -> Any:
    issue = _issue(request, issue_id)
    issues.issue_reopen(actor=request.user, issue=issue, **inputs.validated(ReopenForm, payload))
    return _issue(request, issue_id)


@router.get(
    "/issues/{issue_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="History (escalations included, with their reason)",
)
def issue_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], issue_id: int = Id
) -> Any:
    return history_answer(
        actor=request.user, instance=_issue(request, issue_id), filters=filters, paging=paging
    )


@router.post(
    "/issues/{issue_id}/lessons",
    response=responses(201, LessonOut, 403, 404),
    summary="Write a blameless lesson carried by the issue",
)
def issue_lesson(request: AuthedRequest, payload: LessonIn, issue_id: int = Id) -> Any:
    issue = _issue(request, issue_id)
    data = inputs.validated(LessonForm, payload)
    lesson = lessons.issue_lesson_add(actor=request.user, issue=issue, **data)
    return Status(201, lesson)
