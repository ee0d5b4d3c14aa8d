"""API: meetings (internal or joint), their agenda, minutes, attendees, decisions and actions, the
.ics of a meeting, and personal calendar feeds. The bodies are the pages' forms
(schemas.py): each handler reads what it is given through the selectors (outside the caller's
reach: 404), runs the page's form over the body (core.inputs.validated) and calls the service with
the cleaned values."""

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Path, Query, Router, Status

from concord.access.pages import per_reader_api
from concord.accounts.requests import AuthedRequest
from concord.audit.api import HistoryFilters, history_answer
from concord.commitments.selectors import demand_get
from concord.core import exports, filtering, inputs
from concord.core.api import AuditEventOut, responses
from concord.core.downloads import attachment
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.goals.selectors import goal_get
from concord.meetings import exports as sheets
from concord.meetings import ics, selectors, services
from concord.meetings.filters import FeedFilter, MeetingFilter
from concord.meetings.forms import (
    ActionForm,
    AttendeesForm,
    DecisionForm,
    MeetingEditForm,
    MeetingForm,
    RecordForm,
)
from concord.meetings.schemas import (
    ActionIn,
    ActionOut,
    AttendeesIn,
    DecisionIn,
    DecisionOut,
    FeedCreated,
    FeedFilters,
    FeedOut,
    MeetingFilters,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    RecordIn,
    VersionIn,
)
from concord.partnerships.selectors import colleagues, partnership_get

router = Router(tags=["meetings"])
Id = Path(..., ge=1, le=MAX_ID)


def _one(request: AuthedRequest, meeting_id: int) -> Any:
    return selectors.meeting_get(actor=request.user, pk=meeting_id).obj


@router.get(
    "/partnerships/{partnership_id}/meetings",
    response=responses(200, Paged[MeetingOut], 404),
    summary="Meetings you may see: upcoming ones soonest first, then past ones latest first",
)
@per_reader_api
def meeting_list(
    request: AuthedRequest,
    filters: Query[MeetingFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    now = timezone.now()
    found = filtering.apply(
        MeetingFilter, filters, selectors.meeting_list(actor=request.user, partnership=partnership, now=now)
    )
    return page(selectors.at(found.qs, filtering.cleaned(found, "when"), now), paging)


@router.get(
    "/partnerships/{partnership_id}/meetings/export",
    response=responses(200, None, 404),
    summary="Every meeting you may see, filtered as the list, as .csv or .xlsx (one row per meeting)",
)
def meetings_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[MeetingFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    now = timezone.now()
    found = filtering.apply(
        MeetingFilter, filters, selectors.meeting_list(actor=request.user, partnership=partnership, now=now)
    )
    meetings = selectors.at(found.qs, filtering.cleaned(found, "when"), now)
    table = exports.table(sheets.MEETING_COLUMNS, meetings)
    return exports.download(params.format, f"meetings-{partnership_id}", table, "Meetings")


@router.post(
    "/partnerships/{partnership_id}/meetings",
    response=responses(201, MeetingOut, 403, 404),
    summary="Schedule a meeting: agenda drafted from live data, invitations with .ics sent",
)
def meeting_schedule(request: AuthedRequest, payload: MeetingIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    people = colleagues(actor=request.user, partnership=partnership)
    data = inputs.validated(lambda d: MeetingForm(d, colleagues=people), payload)
    meeting = services.meeting_schedule(actor=request.user, partnership=partnership, **data)
    return Status(201, _one(request, meeting.pk))


@router.get("/meetings/{meeting_id}", response=responses(200, MeetingOut, 404), summary="A meeting")
def meeting_get(request: AuthedRequest, meeting_id: int = Id) -> Any:
    return _one(request, meeting_id)


@router.patch(
    "/meetings/{meeting_id}",
    response=responses(200, MeetingOut, 403, 404, 409),
    summary="Change a meeting (a new time or place re-sends the invitation)",
)
def meeting_update(request: AuthedRequest, payload: MeetingPatch, meeting_id: int = Id) -> Any:
    meeting = _one(request, meeting_id)
    current = inputs.stored(meeting, MeetingEditForm.base_fields)
    data = inputs.validated(MeetingEditForm, payload, current=current)
    data |= inputs.cleared(payload, MeetingEditForm)  # null empties the location, as it did before
    services.meeting_update(actor=request.user, meeting=meeting, **data)
    return _one(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/cancel",
    response=responses(200, MeetingOut, 403, 404, 409),
    summary="Cancel (attendees' calendars are told)",
)
def meeting_cancel(request: AuthedRequest, payload: VersionIn, meeting_id: int = Id) -> Any:
    services.meeting_cancel(actor=request.user, meeting=_one(request, meeting_id), version=payload.version)
    return _one(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/record",
    response=responses(200, MeetingOut, 403, 404, 409),
    summary="Edit the agenda or write the minutes (minutes mark it held)",
)
def meeting_record(request: AuthedRequest, payload: RecordIn, meeting_id: int = Id) -> Any:
    meeting = _one(request, meeting_id)
    # Only what is sent changes: an agenda edit leaves the minutes alone, and the other way round.
    data = inputs.validated(RecordForm, payload, current=inputs.stored(meeting, RecordForm.base_fields))
    services.meeting_record(actor=request.user, meeting=meeting, **data)
    return _one(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/attendees",
    response=responses(200, MeetingOut, 403, 404),
    summary="Invite colleagues of your own organisation",
)
def attendees_add(request: AuthedRequest, payload: AttendeesIn, meeting_id: int = Id) -> Any:
    meeting = _one(request, meeting_id)
    people = colleagues(actor=request.user, partnership=meeting.partnership)
    data = inputs.validated(lambda d: AttendeesForm(d, colleagues=people), payload)
    services.attendees_add(actor=request.user, meeting=meeting, **data)
    return _one(request, meeting_id)


@router.get(
    "/meetings/{meeting_id}/decisions",
    response=responses(200, Paged[DecisionOut], 404),
    summary="Decisions of a meeting (the decision log, governance, lists them across meetings)",
)
def decision_list(request: AuthedRequest, paging: Query[PageParams], meeting_id: int = Id) -> Any:
    return page(selectors.decisions_of(meeting=_one(request, meeting_id)), paging)


@router.post(
    "/meetings/{meeting_id}/decisions",
    response=responses(201, DecisionOut, 403, 404),
    summary="Log a decision with its rationale",
)
def decision_add(request: AuthedRequest, payload: DecisionIn, meeting_id: int = Id) -> Any:
    meeting = _one(request, meeting_id)
    # What it touches is read in the caller's reach first: a goal or demand they cannot see is a 404.
    if payload.goal_id is not None:
        goal_get(actor=request.user, pk=payload.goal_id)
    if payload.demand_id is not None:
        demand_get(actor=request.user, pk=payload.demand_id)
    links = selectors.decision_links(actor=request.user, meeting=meeting)
    data = inputs.validated(lambda d: DecisionForm(d, goals=links.goals, demands=links.demands), payload)
    return Status(201, services.decision_add(actor=request.user, meeting=meeting, **data))


@router.post(
    "/meetings/{meeting_id}/actions",
    response=responses(201, ActionOut, 403, 404),
    summary="Record an action: a commitment of the person's organisation",
)
def action_add(request: AuthedRequest, payload: ActionIn, meeting_id: int = Id) -> Any:
    meeting = _one(request, meeting_id)
    people = selectors.action_people(actor=request.user, meeting=meeting)
    data = inputs.validated(lambda d: ActionForm(d, people=people), payload)
    action = services.action_add(actor=request.user, meeting=meeting, **data)
    return Status(
        201,
        {
            "commitment_id": action.pk,
            "title": action.title,
            "organisation": action.owner.name,
            "promised_on": action.promised_on,
        },
    )


@router.get(
    "/meetings/{meeting_id}/ics",
    response=responses(200, None, 404),
    summary="The meeting as an iCalendar file",
)
def meeting_ics(request: AuthedRequest, meeting_id: int = Id) -> HttpResponse:
    meeting = _one(request, meeting_id)
    body = ics.invitation(meeting, [a.user for a in meeting.attendance.all()])
    return attachment(body, "text/calendar; charset=utf-8", f"meeting-{meeting_id}.ics")


@router.get(
    "/meetings/{meeting_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="History of a meeting",
)
def meeting_history(
    request: AuthedRequest, filters: Query[HistoryFilters], paging: Query[PageParams], meeting_id: int = Id
) -> Any:
    return history_answer(
        actor=request.user, instance=_one(request, meeting_id), filters=filters, paging=paging
    )


@router.get(
    "/me/calendar-feeds", response=responses(200, Paged[FeedOut]), summary="Your calendar feeds, newest first"
)
def feed_list(request: AuthedRequest, filters: Query[FeedFilters], paging: Query[PageParams]) -> Any:
    found = filtering.apply(FeedFilter, filters, selectors.feeds_of(actor=request.user))
    return page(found.qs, paging)


@router.post(
    "/me/calendar-feeds",
    response=responses(201, FeedCreated, 403),
    summary="Create a personal calendar feed address (shown once)",
)
def feed_create(request: AuthedRequest) -> Any:
    feed, secret = services.feed_create(actor=request.user)
    url = settings.SITE_URL + reverse("calendar-feed", args=[secret])
    return Status(
        201,
        {
            "id": feed.pk,
            "hint": feed.hint,
            "created_at": feed.created_at,
            "revoked_at": None,
            "url": url,
        },
    )


@router.post(
    "/me/calendar-feeds/{feed_id}/revoke",
    response=responses(200, FeedOut, 403, 404),
    summary="Revoke a calendar feed",
)
def feed_revoke(request: AuthedRequest, feed_id: int = Id) -> Any:
    return services.feed_revoke(actor=request.user, feed=selectors.feed_get(actor=request.user, pk=feed_id))
