"""Meetings of both sides: held ones with minutes, the next one planned, some internal.

meeting_schedule invites the owner's people and, to a joint meeting, the other side's partnership
manager; those attendee rows carry no audit event (the service bulk-creates them too). The agenda
the service drafts from live data is replaced here by a short fixed one (drafting it reads the
partnership's records, a query per meeting)."""

import datetime
import uuid
from typing import Any

from concord.access.roles import Visibility
from concord.demo.generator import words
from concord.demo.generator.batch import Batch, moment
from concord.demo.generator.site import Site
from concord.meetings.models import Attendee, Meeting, MeetingKind, MeetingStatus

MODELS: list[type[Any]] = [Meeting, Attendee]
KINDS = [
    MeetingKind.CHECK_IN,
    MeetingKind.ACCOUNT,
    MeetingKind.CHECK_IN,
    MeetingKind.QBR,
    MeetingKind.STEERING,
]


def meeting_step(site: Site, batch: Batch) -> None:
    """Every four weeks, the last one a week ahead (a joint one: `owner(j + 1)` puts the
    internal meetings of both sides among the held ones, so both have internal actions)."""
    count = site.counts["meetings"]
    site.meetings = []
    for j in range(count):
        day = site.days(7 - 28 * (count - 1 - j))
        meeting = _meeting(site, batch, j, day)
        for person in _attendees(site, meeting, j):
            batch.add(Attendee(meeting=meeting, user=person), actor=None, tracked=False)
        if meeting.status == MeetingStatus.HELD:
            site.meetings.append(meeting)


def _meeting(site: Site, batch: Batch, j: int, day: datetime.date) -> Meeting:
    rng = site.rng
    org, person, visibility = site.owner(j + 1)
    kind = KINDS[j % len(KINDS)]
    past = day < site.today
    status = MeetingStatus.PLANNED
    if past:
        status = MeetingStatus.CANCELLED if rng.random() < 0.05 else MeetingStatus.HELD
    scheduled = moment(day - datetime.timedelta(days=14))
    return batch.add(
        Meeting(
            **site.record(org, person, visibility),
            kind=kind,
            title=f"{words.MEETINGS[kind]} {day:%B %Y}",
            starts_at=moment(day, hour=rng.choice([9, 10, 14, 15])),
            duration_minutes=rng.choice([30, 60, 60, 90]),
            location="Video call",
            agenda="1. Open actions\n2. Goals off track\n3. Open demands\n4. Next steps",
            minutes="Reviewed the open actions and the goals; actions recorded below."
            if status == MeetingStatus.HELD
            else "",
            status=status,
            uid=uuid.UUID(int=rng.getrandbits(128), version=4),
            created_at=scheduled,
            updated_at=scheduled,
        ),
        actor=person,
    )


def _attendees(site: Site, meeting: Meeting, j: int) -> list[Any]:
    own = [site.buyer.lead] if meeting.owner is site.buyer.organisation else [site.supplier_lead]
    if meeting.owner is site.supplier and j % 2:
        own.append(site.supplier_member)
    if meeting.visibility == Visibility.SHARED:
        own.append(site.other(meeting.owner)[1])
    return own
