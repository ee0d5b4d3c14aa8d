"""API: meetings (internal or joint), their agenda, minutes, attendees, decisions and actions, the
.ics of a meeting, the decision log, and personal calendar feeds."""

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from concord.access.roles import Visibility
from concord.audit.selectors import history_for
from concord.core import filtering
from concord.core.api import MAX_ID, AuditEventOut, Version, responses
from concord.core.downloads import attachment
from concord.core.paging import Paged, PageParams, page
from concord.meetings import ics, selectors, services
from concord.meetings.filters import DecisionFilter, FeedFilter, MeetingFilter
from concord.meetings.models import MeetingKind, MeetingStatus
from concord.partnerships.selectors import partnership_get

router = Router(tags=["meetings"])
Id = Path(..., ge=1, le=MAX_ID)
PersonId = Field(ge=1, le=MAX_ID)


class PersonOut(Schema):
    id: int
    name: str
    organisation_ids: list[int] = Field(default_factory=list)


class MeetingOut(Schema):
    id: int
    partnership_id: int
    owner: str = Field(alias="owner.name")
    visibility: Visibility
    kind: MeetingKind
    title: str
    starts_at: datetime
    duration_minutes: int
    location: str
    status: MeetingStatus
    agenda: str
    minutes: str
    attendees: list[PersonOut]
    sequence: int
    version: int

    @staticmethod
    def resolve_attendees(obj: Any) -> list[dict[str, Any]]:
        return [{"id": a.user.pk, "name": a.user.get_full_name()} for a in obj.attendance.all()]


class MeetingIn(Schema):
    kind: MeetingKind = MeetingKind.CHECK_IN
    title: str = Field(min_length=1, max_length=200)
    starts_at: datetime
    duration_minutes: int = Field(60, ge=5, le=720)
    location: str = Field("", max_length=300)
    visibility: Visibility = Field(Visibility.SHARED, description="internal: the other side never sees it.")
    attendee_ids: list[int] = Field(default_factory=list, max_length=100, description="Colleagues to invite.")


class MeetingPatch(Schema):
    version: Version
    kind: MeetingKind | None = None
    title: str | None = Field(None, min_length=1, max_length=200)
    starts_at: datetime | None = None
    duration_minutes: int | None = Field(None, ge=5, le=720)
    location: str | None = Field(None, max_length=300)


class RecordIn(Schema):
    version: Version
    agenda_text: str | None = Field(None, max_length=50_000)
    minutes: str | None = Field(None, max_length=100_000)


class VersionIn(Schema):
    version: Version


class AttendeesIn(Schema):
    user_ids: list[int] = Field(min_length=1, max_length=100)


class DecisionOut(Schema):
    id: int
    meeting_id: int
    text: str
    rationale: str
    goal_id: int | None
    demand_id: int | None
    recorded_by: str | None
    created_at: datetime

    @staticmethod
    def resolve_recorded_by(obj: Any) -> str | None:
        return obj.recorded_by.get_full_name() if obj.recorded_by else None


class DecisionIn(Schema):
    text: str = Field(min_length=1, max_length=500)
    rationale: str = Field(min_length=1, max_length=10_000)
    goal_id: int | None = Field(None, ge=1, le=MAX_ID)
    demand_id: int | None = Field(None, ge=1, le=MAX_ID)


class ActionIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    promised_on: date
    owner_person_id: int = PersonId


class ActionOut(Schema):
    commitment_id: int
    title: str
    organisation: str
    promised_on: date


def _one(request: HttpRequest, meeting_id: int) -> Any:
    return selectors.meeting_get(actor=request.user, pk=meeting_id).obj


class MeetingFilters(filtering.query_schema(MeetingFilter)):  # type: ignore[misc]
    """The meetings' filters (filters.MeetingFilter)."""


@router.get(
    "/partnerships/{partnership_id}/meetings",
    response=responses(200, Paged[MeetingOut], 404),
    summary="Meetings you may see: upcoming ones soonest first, then past ones latest first",
)
def meeting_list(
    request: HttpRequest,
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


@router.post(
    "/partnerships/{partnership_id}/meetings",
    response=responses(201, MeetingOut, 403, 404),
    summary="Schedule a meeting: agenda drafted from live data, invitations with .ics sent",
)
def meeting_schedule(request: HttpRequest, payload: MeetingIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    meeting = services.meeting_schedule(actor=request.user, partnership=partnership, **payload.dict())
    return Status(201, _one(request, meeting.pk))


@router.get("/meetings/{meeting_id}", response=responses(200, MeetingOut, 404), summary="A meeting")
def meeting_get(request: HttpRequest, meeting_id: int = Id) -> Any:
    return _one(request, meeting_id)


@router.patch(
    "/meetings/{meeting_id}",
    response=responses(200, MeetingOut, 403, 404, 409),
    summary="Change a meeting (a new time or place re-sends the invitation)",
)
def meeting_update(request: HttpRequest, payload: MeetingPatch, meeting_id: int = Id) -> Any:
    meeting = _one(request, meeting_id)
    data = payload.dict(exclude_unset=True)
    services.meeting_update(actor=request.user, meeting=meeting, version=data.pop("version"), **data)
    return _one(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/cancel",
    response=responses(200, MeetingOut, 403, 404, 409),
    summary="Cancel (attendees' calendars are told)",
)
def meeting_cancel(request: HttpRequest, payload: VersionIn, meeting_id: int = Id) -> Any:
    services.meeting_cancel(actor=request.user, meeting=_one(request, meeting_id), version=payload.version)
    return _one(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/record",
    response=responses(200, MeetingOut, 403, 404, 409),
    summary="Edit the agenda or write the minutes (minutes mark it held)",
)
def meeting_record(request: HttpRequest, payload: RecordIn, meeting_id: int = Id) -> Any:
    services.meeting_record(actor=request.user, meeting=_one(request, meeting_id), **payload.dict())
    return _one(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/attendees",
    response=responses(200, MeetingOut, 403, 404),
    summary="Invite colleagues of your own organisation",
)
def attendees_add(request: HttpRequest, payload: AttendeesIn, meeting_id: int = Id) -> Any:
    services.attendees_add(actor=request.user, meeting=_one(request, meeting_id), user_ids=payload.user_ids)
    return _one(request, meeting_id)


@router.get(
    "/meetings/{meeting_id}/decisions",
    response=responses(200, Paged[DecisionOut], 404),
    summary="Decisions of a meeting (the decision log filters them across meetings)",
)
def decision_list(request: HttpRequest, paging: Query[PageParams], meeting_id: int = Id) -> Any:
    return page(selectors.decisions_of(meeting=_one(request, meeting_id)), paging)


@router.post(
    "/meetings/{meeting_id}/decisions",
    response=responses(201, DecisionOut, 403, 404),
    summary="Log a decision with its rationale",
)
def decision_add(request: HttpRequest, payload: DecisionIn, meeting_id: int = Id) -> Any:
    return Status(
        201, services.decision_add(actor=request.user, meeting=_one(request, meeting_id), **payload.dict())
    )


@router.post(
    "/meetings/{meeting_id}/actions",
    response=responses(201, ActionOut, 403, 404),
    summary="Record an action: a commitment of the person's organisation",
)
def action_add(request: HttpRequest, payload: ActionIn, meeting_id: int = Id) -> Any:
    action = services.action_add(actor=request.user, meeting=_one(request, meeting_id), **payload.dict())
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
def meeting_ics(request: HttpRequest, meeting_id: int = Id) -> HttpResponse:
    meeting = _one(request, meeting_id)
    body = ics.invitation(meeting, [a.user for a in meeting.attendance.all()])
    return attachment(body, "text/calendar; charset=utf-8", f"meeting-{meeting_id}.ics")


@router.get(
    "/meetings/{meeting_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="History of a meeting",
)
def meeting_history(request: HttpRequest, paging: Query[PageParams], meeting_id: int = Id) -> Any:
    return page(history_for(actor=request.user, instance=_one(request, meeting_id)), paging)


class DecisionFilters(filtering.query_schema(DecisionFilter)):  # type: ignore[misc]
    """The decision log's filters (filters.DecisionFilter)."""


@router.get(
    "/partnerships/{partnership_id}/decisions",
    response=responses(200, Paged[DecisionOut], 404),
    summary="The decision log: every decision of the meetings you may see, newest first",
)
def decision_log(
    request: HttpRequest,
    filters: Query[DecisionFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        DecisionFilter, filters, selectors.decision_log(actor=request.user, partnership=partnership)
    )
    return page(found.qs, paging)


class FeedOut(Schema):
    id: int
    hint: str
    created_at: datetime
    revoked_at: datetime | None


class FeedCreated(FeedOut):
    url: str = Field(description="The secret feed address; shown only now.")


class FeedFilters(filtering.query_schema(FeedFilter)):  # type: ignore[misc]
    """The calendar feeds' filters (filters.FeedFilter)."""


@router.get(
    "/me/calendar-feeds", response=responses(200, Paged[FeedOut]), summary="Your calendar feeds, newest first"
)
def feed_list(request: HttpRequest, filters: Query[FeedFilters], paging: Query[PageParams]) -> Any:
    found = filtering.apply(FeedFilter, filters, selectors.feeds_of(actor=request.user))
    return page(found.qs, paging)


@router.post(
    "/me/calendar-feeds",
    response=responses(201, FeedCreated),
    summary="Create a personal calendar feed address (shown once)",
)
def feed_create(request: HttpRequest) -> Any:
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
    response=responses(200, FeedOut, 404),
    summary="Revoke a calendar feed",
)
def feed_revoke(request: HttpRequest, feed_id: int = Id) -> Any:
    return services.feed_revoke(actor=request.user, feed=selectors.feed_get(actor=request.user, pk=feed_id))
