"""Reads of meetings, decisions and calendar feeds inside the actor's reach.

Lists are querysets in a stable order (their last key is the primary key), filtered by filters.py
and read a page at a time; the personal calendar feed is bounded by a window of dates instead.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, F, Max, Min, Prefetch, QuerySet, When
from django.utils import timezone

from concord.access.policy import Found, get_for, require
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.commitments.models import Commitment, Demand
from concord.goals.models import Goal
from concord.meetings.models import Attendee, CalendarFeed, Decision, Meeting, MeetingKind, MeetingStatus
from concord.partnerships.models import Partnership
from concord.partnerships.selectors import colleagues


def _meetings(actor: User) -> QuerySet[Meeting]:
    attendance = Attendee.objects.restrict(actor).select_related("user").order_by("user__full_name")
    return (
        Meeting.objects.restrict(actor)
        .select_related("owner", "created_by", "partnership")
        .prefetch_related(Prefetch("attendance", queryset=attendance))
    )


UPCOMING, PAST = "upcoming", "past"
# The personal calendar feed's window. Calendar apps mirror a subscribed feed (what leaves the feed
# leaves the calendar) and fetch it every few minutes, so it must not grow with the years: 90 days
# back keeps the last quarter (the previous business review, recent check-ins) in people's
# calendars; 400 days ahead covers a full year of planned reviews and steering committees with a
# month to spare. Older and later meetings stay in Concord and its per-meeting .ics files.
FEED_DAYS_BACK = 90
FEED_DAYS_AHEAD = 400


def meeting_list(
    *, actor: User, partnership: Partnership, now: datetime.datetime | None = None
) -> QuerySet[Meeting]:
    """The meetings the actor may see: upcoming ones soonest first, then past ones latest first
    (filters.MeetingFilter; its `when` through `at`)."""
    require(actor, Action.VIEW, partnership)
    now = now or timezone.now()
    ahead = Case(When(starts_at__gte=now, then=F("starts_at")))
    behind = Case(When(starts_at__lt=now, then=F("starts_at")))
    return (
        _meetings(actor)
        .filter(partnership=partnership)
        .order_by(ahead.asc(nulls_last=True), behind.desc(), "pk")
    )


def at(meetings: QuerySet[Meeting], when: str | None, now: datetime.datetime) -> QuerySet[Meeting]:
    """Only the upcoming meetings (soonest first) or the past ones (latest first); all for None."""
    if when == UPCOMING:
        return meetings.filter(starts_at__gte=now).order_by("starts_at", "pk")
    if when == PAST:
        return meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    return meetings


def meeting_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[Meeting]:
    return get_for(actor, _meetings(actor), action, pk=pk)


def decisions_of(*, meeting: Meeting) -> QuerySet[Decision]:
    """The decisions of a meeting read in the reader's scope, in the order they were taken."""
    return meeting.decisions.select_related("recorded_by", "goal", "demand").order_by("created_at", "pk")


def actions_of(*, actor: User, meeting: Meeting) -> QuerySet[Commitment]:
    return Commitment.objects.restrict(actor).filter(meeting=meeting).select_related("owner", "owner_person")


@dataclass(frozen=True)
class DecisionLinks:
    """What a decision of a meeting may touch, as (id, title) choices of forms.DecisionForm."""

    goals: list[tuple[int, str]]
    demands: list[tuple[int, str]]


def decision_links(*, actor: User, meeting: Meeting) -> DecisionLinks:
    """The goals and demands of the meeting's partnership the actor can see (two light queries);
    the service keeps a joint meeting's decisions to what every attendee may see."""
    goals = Goal.objects.restrict(actor).filter(partnership_id=meeting.partnership_id).order_by("title", "pk")
    demands = Demand.objects.restrict(actor).filter(partnership_id=meeting.partnership_id)
    return DecisionLinks(
        list(goals.values_list("pk", "title")),
        list(demands.order_by("-created_at", "-pk").values_list("pk", "title")),
    )


def action_people(*, actor: User, meeting: Meeting) -> list[User]:
    """Who may own an action of the meeting (choices of forms.ActionForm): its attendees, and the
    actor's colleagues (the partner's staff list is not browsable)."""
    people = [a.user for a in meeting.attendance.all()]
    known = {p.pk for p in people}
    return people + [p for p in colleagues(actor=actor, partnership=meeting.partnership) if p.pk not in known]


def decision_log(*, actor: User, partnership: Partnership) -> QuerySet[Decision]:
    """Every decision of the meetings the actor may see, newest first (filters.DecisionFilter)."""
    require(actor, Action.VIEW, partnership)
    return (
        Decision.objects.restrict(actor)
        .filter(meeting__partnership=partnership)
        .select_related("meeting", "recorded_by", "goal", "demand")
        .order_by("-created_at", "-pk")
    )


MEETINGS_OFFERED = 100  # the latest meetings with decisions the log's filter offers by name


def decision_meetings(*, actor: User, partnership: Partnership) -> list[tuple[int, str]]:
    """(id, name) of the latest meetings that took decisions, for the decision log's meeting
    filter on the page (an older one is still reached from its meeting, or by id in the API)."""
    require(actor, Action.VIEW, partnership)
    found = (
        Meeting.objects.restrict(actor)
        .filter(partnership=partnership, decisions__isnull=False)
        .distinct()
        .order_by("-starts_at", "-pk")
        .values_list("pk", "title", "starts_at")[:MEETINGS_OFFERED]
    )
    return [(pk, f"{title} ({timezone.localtime(starts):%d %b %Y})") for pk, title, starts in found]


def feeds_of(*, actor: User) -> QuerySet[CalendarFeed]:
    """The person's calendar feeds, newest first (filters.FeedFilter)."""
    return CalendarFeed.objects.restrict(actor).order_by("-created_at", "-pk")


def feed_get(*, actor: User, pk: int) -> CalendarFeed:
    return get_for(actor, CalendarFeed, pk=pk).obj


def meetings_for_feed(user: User, now: datetime.datetime | None = None) -> QuerySet[Meeting]:
    """The meetings a feed shows: those the user attends and may still see, from FEED_DAYS_BACK
    days ago to FEED_DAYS_AHEAD days ahead, in time order."""
    now = now or timezone.now()
    return (
        _meetings(user)
        .filter(
            attendance__user=user,
            starts_at__gte=now - datetime.timedelta(days=FEED_DAYS_BACK),
            starts_at__lte=now + datetime.timedelta(days=FEED_DAYS_AHEAD),
        )
        .distinct()
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class CadenceFlag:
    what: str  # "check-in" or "business review"
    every_days: int
    last: datetime.date | None
    missed_by_days: int

    @property
    def text(self) -> str:
        since = f"the last was on {self.last:%d %b %Y}" if self.last else "none has been held"
        return f"No {self.what} for more than {self.every_days} days: {since}."


CHECK_INS = (MeetingKind.CHECK_IN, MeetingKind.ACCOUNT)
REVIEWS = (MeetingKind.QBR, MeetingKind.STEERING)


def cadence_flags(
    *, actor: User, partnership: Partnership, today: datetime.date | None = None
) -> list[CadenceFlag]:
    """Missed rhythm of joint meetings (internal ones do not count: the rhythm is shared). A
    partnership younger than the rhythm is not flagged. One query."""
    today = today or timezone.localdate()
    joint = (
        Meeting.objects.restrict(actor)
        .filter(partnership=partnership, visibility=Visibility.SHARED, starts_at__date__lte=today)
        .exclude(status=MeetingStatus.CANCELLED)
    )
    last = dict(joint.values("kind").annotate(last=Max("starts_at")).values_list("kind", "last"))
    started = partnership.start_date or partnership.created_at.date()
    flags = []
    for what, kinds, every in (
        ("check-in", CHECK_INS, partnership.check_in_every_days),
        ("business review", REVIEWS, partnership.review_every_days),
    ):
        held = [timezone.localtime(last[k]).date() for k in kinds if k in last]
        latest = max(held) if held else None
        reference = latest or started
        overdue = (today - reference).days - every
        if overdue > 0:
            flags.append(CadenceFlag(what, every, latest, overdue))
    return flags


def next_meetings(*, actor: User, partnership_ids: list[int]) -> dict[int, datetime.datetime]:
    """The start of each partnership's next planned meeting the actor can read (one query)."""
    upcoming = (
        Meeting.objects.restrict(actor)
        .filter(partnership_id__in=partnership_ids, status=MeetingStatus.PLANNED)
        .filter(starts_at__gte=timezone.now())
        .values("partnership_id")
        .annotate(first=Min("starts_at"))
        .order_by()
    )
    return {row["partnership_id"]: row["first"] for row in upcoming}
