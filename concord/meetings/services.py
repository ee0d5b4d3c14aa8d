"""Meeting use cases: schedule (with a drafted agenda and calendar invitations), change, cancel,
record minutes, decisions and actions; personal calendar feeds.

Attendees: each side invites its own people — the partner's staff list is not browsable. Whoever
schedules picks colleagues of their organisation; an external meeting also invites the other
parties' partnership managers, and any party's contributors may add colleagues of their own
organisation later. An internal meeting's attendees can only be of its owning organisation.
"""

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from concord.access.linking import item_owners, may_link_from
from concord.access.members import belongs_to
from concord.access.policy import own_party_orgs, person_reads, require, require_self, writer_org
from concord.access.rights import parties_of
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.audit.services import record, tracked_create, tracked_update
from concord.commitments.models import Commitment, CommitmentSource, Demand
from concord.commitments.services.ledger import assign
from concord.core.errors import InvalidState, NotFound, ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.goals.models import Goal
from concord.meetings import agenda, ics
from concord.meetings.models import (
    Attendee,
    CalendarFeed,
    Decision,
    Meeting,
    MeetingKind,
    MeetingStatus,
    on_the_minute,
)
from concord.partnerships.models import Partnership

TIME_FIELDS = ("starts_at", "duration_minutes", "location")
OWN_PEOPLE = "Invite people of your own organisation; the other side invites its own."
GOAL = "Choose a goal of this partnership that every attendee may see."
DEMAND = "Choose a demand of this partnership."


def meeting_schedule(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    starts_at: datetime.datetime,
    kind: str = MeetingKind.CHECK_IN,
    duration_minutes: int = 60,
    location: str = "",
    visibility: str = Visibility.SHARED,
    attendee_ids: list[int] | None = None,
) -> Meeting:
    """Schedule a meeting with its agenda drafted from live data, invite the actor's colleagues and
    the other sides' partnership managers (to a joint one), and send the invitations."""
    owner_id = writer_org(actor, partnership)
    colleagues = set(attendee_ids or []) | {actor.pk}
    if any(not belongs_to(i, owner_id) for i in colleagues):
        raise ValidationFailed.single("attendee_ids", OWN_PEOPLE)
    draft = agenda.draft(partnership, visibility=visibility, owner_id=owner_id, today=timezone.localdate())
    meeting = Meeting(
        partnership=partnership,
        owner_id=owner_id,
        visibility=visibility,
        created_by=actor,
        agenda=draft,
        kind=kind,
        title=title,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location,
        time_zone=actor.time_zone or settings.TIME_ZONE,
    )
    with transaction.atomic():
        tracked_create(actor=actor, instance=meeting)
        # The other sides' partnership managers come to every meeting they may read (a joint one).
        managers = {
            p.manager_id for p in parties_of(partnership) if p.manager_id and p.organisation_id != owner_id
        }
        invited = colleagues | {m for m in managers if m is not None and person_reads(m, meeting)}
        Attendee.unscoped.bulk_create([Attendee(meeting=meeting, user_id=uid) for uid in sorted(invited)])
        transaction.on_commit(lambda: send_invitations(meeting))
    return meeting


def attendees_add(*, actor: User, meeting: Meeting, user_ids: list[int]) -> list[Attendee]:
    """Add colleagues of one's own organisation to a meeting one can see (and invite them)."""
    require(actor, Action.VIEW, meeting)
    require(actor, Action.CONTRIBUTE, meeting.partnership)
    mine = own_party_orgs(actor, meeting.partnership)
    wanted = set(user_ids)
    if not wanted or not all(
        any(belongs_to(u, org) for org in mine) and person_reads(u, meeting) for u in wanted
    ):
        raise ValidationFailed.single(
            "user_ids", "Add people of your own organisation who may see this meeting."
        )
    with transaction.atomic():
        # Two people adding the same colleague at once take turns here: the second finds them
        # present, so nobody is added (or invited) twice.
        Meeting.unscoped.select_for_update(no_key=True).values("pk").get(pk=meeting.pk)
        present = set(Attendee.unscoped.filter(meeting=meeting).values_list("user_id", flat=True))
        added = Attendee.unscoped.bulk_create(
            [Attendee(meeting=meeting, user_id=u) for u in sorted(wanted - present)]
        )
        if added:
            record(
                actor=actor,
                action="update",
                instance=meeting,
                changes={"attendees": [sorted(present), sorted(present | wanted)]},
            )
            users = [a.user_id for a in added]
            transaction.on_commit(lambda: send_invitations(meeting, only=users))
    return added


def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    version: int | None,
    kind: str | Unset = UNSET,
    title: str | Unset = UNSET,
    starts_at: datetime.datetime | Unset = UNSET,
    duration_minutes: int | Unset = UNSET,
    location: str | Unset = UNSET,
) -> Meeting:
    """Change title, kind, time or place (the visibility is fixed once invited). Time or place
    changes bump the calendar SEQUENCE and re-send the invitation so calendars move the event."""
    require(actor, Action.CHANGE, meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise InvalidState("A cancelled meeting cannot be changed; schedule a new one.")
    if isinstance(starts_at, datetime.datetime):
        starts_at = on_the_minute(starts_at)
    changes = given(
        kind=kind, title=title, starts_at=starts_at, duration_minutes=duration_minutes, location=location
    )
    moved = any(k in changes and changes[k] != getattr(meeting, k) for k in TIME_FIELDS)
    if moved:
        changes["sequence"] = meeting.sequence + 1
    with transaction.atomic():
        updated = tracked_update(actor=actor, instance=meeting, version=version, changes=changes)
        if moved:
            transaction.on_commit(lambda: send_invitations(updated))
    return updated


def meeting_cancel(*, actor: User, meeting: Meeting, version: int | None) -> Meeting:
    """Cancel a planned meeting; attendees' calendars are told."""
    require(actor, Action.CHANGE, meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise InvalidState("Only a planned meeting can be cancelled.")
    with transaction.atomic():
        updated = tracked_update(
            actor=actor,
            instance=meeting,
            version=version,
            changes={"status": MeetingStatus.CANCELLED, "sequence": meeting.sequence + 1},
        )
        transaction.on_commit(lambda: send_invitations(updated))
    return updated


def meeting_record(
    *,
    actor: User,
    meeting: Meeting,
    version: int | None,
    minutes: str | Unset = UNSET,
    agenda_text: str | Unset = UNSET,
) -> Meeting:
    """Edit the agenda or write the minutes; minutes mark the meeting held (once it has started)."""
    require(actor, Action.CHANGE, meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise InvalidState("A cancelled meeting has no minutes.")
    changes = given(agenda=agenda_text, minutes=minutes)
    if changes.get("minutes"):
        if meeting.starts_at > timezone.now():
            raise ValidationFailed.single("minutes", "Minutes are written once the meeting has started.")
        changes["status"] = MeetingStatus.HELD
    return tracked_update(actor=actor, instance=meeting, version=version, changes=changes)


def _linked(
    meeting: Meeting, model: type[Goal] | type[Demand], pk: int | None, field: str, message: str
) -> Any:
    """The goal or demand a decision touches: of the meeting's partnership, and one every attendee
    may see (access.linking); None when none is named."""
    if pk is None:
        return None
    found = model.unscoped.filter(pk=pk).first()
    if found is None or found.partnership_id != meeting.partnership_id or not may_link_from(meeting, found):
        raise ValidationFailed.single(field, message)
    return found


def decision_add(
    *,
    actor: User,
    meeting: Meeting,
    text: str,
    rationale: str,
    goal_id: int | None = None,
    demand_id: int | None = None,
) -> Decision:
    """A decision for the log, with its rationale and what it touches (only what all may see)."""
    require(actor, Action.VIEW, meeting)
    require(actor, Action.CONTRIBUTE, meeting.partnership)
    decision = Decision(
        meeting=meeting,
        text=text,
        rationale=rationale,
        goal=_linked(meeting, Goal, goal_id, "goal_id", GOAL),
        demand=_linked(meeting, Demand, demand_id, "demand_id", DEMAND),
        recorded_by=actor,
    )
    return tracked_create(actor=actor, instance=decision)


def action_add(
    *, actor: User, meeting: Meeting, title: str, promised_on: datetime.date, owner_person_id: int
) -> Commitment:
    """An action agreed in the meeting: a commitment of the person's organisation, promised by them.
    Actions of an internal meeting stay internal to-dos."""
    require(actor, Action.VIEW, meeting)
    require(actor, Action.CONTRIBUTE, meeting.partnership)
    return assign(
        actor=actor,
        partnership_id=meeting.partnership_id,
        owner_orgs=item_owners(meeting),
        visibility=meeting.visibility,
        owner_person_id=owner_person_id,
        title=title,
        promised_on=promised_on,
        source=CommitmentSource.MEETING,
        meeting=meeting,
    )


def send_invitations(meeting: Meeting, only: list[int] | None = None) -> int:
    """Email each attendee the invitation (or update, or cancellation) with its .ics attached."""
    attendees = [a.user for a in meeting.attendance.select_related("user")]
    calendar = ics.invitation(meeting, attendees)
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "REQUEST"
    sent = 0
    for user in attendees:
        if only is not None and user.pk not in only:
            continue
        context = {"meeting": meeting, "user": user, "url": settings.SITE_URL + f"/meetings/{meeting.pk}/"}
        subject = ("Cancelled: " if method == "CANCEL" else "Invitation: ") + meeting.title
        message = EmailMessage(
            subject, render_to_string("meetings/email/invitation.txt", context), to=[user.email]
        )
        message.attach("invite.ics", calendar, f"text/calendar; method={method}; charset=utf-8")
        message.send(fail_silently=False)
        sent += 1
    return sent


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def feed_create(*, actor: User) -> tuple[CalendarFeed, str]:
    """A new personal calendar URL; the secret is shown once and only its hash is kept."""
    if not getattr(actor, "is_authenticated", False):
        raise NotFound()
    secret = "cal_" + secrets.token_urlsafe(24)
    feed = CalendarFeed.unscoped.create(user=actor, token_hash=_hash(secret), hint=secret[:8])
    record(actor=actor, action="create", instance=feed, changes={"hint": [None, feed.hint]})
    return feed, secret


def feed_revoke(*, actor: User, feed: CalendarFeed) -> CalendarFeed:
    require_self(actor, feed.user_id)
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        record(
            actor=actor, action="update", instance=feed, changes={"revoked_at": [None, str(feed.revoked_at)]}
        )
    return feed


def feed_owner(token: str) -> User:
    """The user a live feed token belongs to, or NotFound (unknown and revoked look the same)."""
    feed = (
        CalendarFeed.unscoped.filter(token_hash=_hash(token or ""), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if feed is None or not feed.user.is_active:
        raise NotFound()
    return feed.user
