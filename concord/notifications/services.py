"""Reminders, the daily digest and reading notifications.

The daily run (`remind`, then `send_digests`) is idempotent: each reminder has a key unique per
person (the same key twice is ignored by the database), and each person gets at most one digest a
day, carrying only what no earlier digest carried. A digest is recorded (DigestSent) in the same
transaction that hands its mail over, so a run that dies between two people and runs again sends
the rest and nothing twice (only a death in the instant between the mail server taking a message
and the commit could send that one again). Reminders are computed set-based — one query
per kind for everyone — and each goes only to a person who may see the record today (shared, or
internal to their own organisation).

Who is reminded of what:
- commitments and actions due within two days, or overdue: their owner person;
- maybes past their follow-up date: the person who answered maybe;
- meetings starting today or tomorrow: every attendee;
- demands waiting three days or more for an answer: the partnership manager of the side asked;
- action plans not reviewed within their cadence: the person who started the plan.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from concord.access import pages
from concord.access.members import organisations_by_person, parties_by_partnership
from concord.access.models import Party
from concord.access.policy import readable_by_person, require_self
from concord.access.sides import readers_of_org
from concord.accounts.models import User
from concord.audit.models import AuditEvent
from concord.commitments.models import ActionPlan, Answer, Commitment, Demand, DemandStatus
from concord.commitments.status import stale
from concord.core import faults
from concord.meetings.models import Attendee, MeetingStatus
from concord.notifications import events, preferences
from concord.notifications.models import Delivery, DigestSent, Notification

DUE_SOON_DAYS = 2
DEMAND_WAIT_DAYS = 3


@dataclass(frozen=True)
class Reminder:
    user_id: int
    partnership_id: int | None
    kind: str
    key: str
    text: str
    url: str


def _commitments(day: datetime.date, members: dict[int, set[int]]) -> list[Reminder]:
    rows = Commitment.unscoped.filter(
        delivered_on__isnull=True,
        given_up_on__isnull=True,
        owner_person__isnull=False,
        due_on__lte=day + datetime.timedelta(days=DUE_SOON_DAYS),
    )
    found = []
    for c in rows:
        assert c.owner_person_id is not None
        if c.owner_id not in members.get(c.owner_person_id, set()):
            continue  # left the organisation: no longer theirs
        state = "overdue" if c.due_on < day else "due"
        when = f"was due {c.due_on:%d %b}" if state == "overdue" else f"is due {c.due_on:%d %b}"
        found.append(
            Reminder(
                c.owner_person_id,
                c.partnership_id,
                f"commitment_{state}",
                f"commitment:{c.pk}:{state}:{c.due_on.isoformat()}",
                f"“{c.title}” {when}.",
                reverse("commitment", args=[c.pk]),
            )
        )
    return found


def _maybes(day: datetime.date, members: dict[int, set[int]]) -> list[Reminder]:
    latest: dict[int, Answer] = {}
    answers = (
        Answer.unscoped.filter(demand__status=DemandStatus.MAYBE)
        .select_related("demand")
        .order_by("created_at", "id")
    )
    for answer in answers:
        latest[answer.demand_id] = answer
    found = []
    for answer in latest.values():
        if answer.kind != "maybe" or answer.follow_up_on is None or answer.follow_up_on >= day:
            continue
        if answer.answered_by_id is None or answer.demand.to_org_id not in members.get(
            answer.answered_by_id, set()
        ):
            continue
        found.append(
            Reminder(
                answer.answered_by_id,
                answer.demand.partnership_id,
                "maybe_follow_up",
                f"maybe:{answer.pk}",
                f"You promised a yes or no on “{answer.demand.title}” by {answer.follow_up_on:%d %b}.",
                reverse("demand", args=[answer.demand_id]),
            )
        )
    return found


def _meetings(day: datetime.date, members: dict[int, set[int]]) -> list[Reminder]:
    rows = Attendee.unscoped.filter(
        meeting__status=MeetingStatus.PLANNED,
        meeting__starts_at__date__gte=day,
        meeting__starts_at__date__lte=day + datetime.timedelta(days=1),
    ).select_related("meeting")
    parties = parties_by_partnership(rows.values("meeting__partnership_id"))
    found = []
    for attendance in rows:
        meeting = attendance.meeting
        orgs = members.get(attendance.user_id, set())
        if not readable_by_person(meeting, person_orgs=orgs, party_orgs=parties[meeting.partnership_id]):
            continue  # an internal meeting of the other side, or someone who left the parties
        local = meeting.local_start()
        found.append(
            Reminder(
                attendance.user_id,
                meeting.partnership_id,
                "meeting_soon",
                f"meeting:{meeting.pk}:{meeting.sequence}",
                f"“{meeting.title}” on {local:%a %d %b, %H:%M} ({meeting.time_zone}).",
                reverse("meeting", args=[meeting.pk]),
            )
        )
    return found


def _waiting_demands(day: datetime.date, members: dict[int, set[int]]) -> list[Reminder]:
    cutoff = timezone.make_aware(
        datetime.datetime.combine(day - datetime.timedelta(days=DEMAND_WAIT_DAYS), datetime.time.max)
    )
    demands = Demand.unscoped.filter(status=DemandStatus.OPEN, created_at__lte=cutoff)
    managers = {
        (p.partnership_id, p.organisation_id): p.manager_id
        for p in Party.unscoped.filter(
            manager__isnull=False, partnership_id__in=demands.values("partnership_id")
        )
    }
    found = []
    for demand in demands:
        manager = managers.get((demand.partnership_id, demand.to_org_id))
        if manager is None or demand.to_org_id not in members.get(manager, set()):
            continue
        found.append(
            Reminder(
                manager,
                demand.partnership_id,
                "demand_waiting",
                f"demand:{demand.pk}:waiting",
                f"“{demand.title}” has waited {(day - demand.created_at.date()).days} days "
                "for your side's answer.",
                reverse("demand", args=[demand.pk]),
            )
        )
    return found


def _stale_plans(day: datetime.date, members: dict[int, set[int]]) -> list[Reminder]:
    found = []
    now = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    for plan in ActionPlan.unscoped.filter(created_by__isnull=False):
        assert plan.created_by_id is not None
        if not stale(plan, now) or plan.owner_id not in members.get(plan.created_by_id, set()):
            continue
        since = (plan.last_reviewed_at or plan.created_at).date()
        found.append(
            Reminder(
                plan.created_by_id,
                plan.partnership_id,
                "plan_stale",
                f"plan:{plan.pk}:stale:{since.isoformat()}",
                f"The plan “{plan.title}” has not been reviewed since {since:%d %b}.",
                reverse("plan", args=[plan.pk]),
            )
        )
    return found


ReminderSource = Callable[[datetime.date, dict[int, set[int]]], list[Reminder]]
_SOURCES: list[ReminderSource] = []


def reminder_source(source: ReminderSource) -> ReminderSource:
    """Register the reminders of an app above this one (the risks' overdue reviews), made with the
    day's others by `remind` — so they reach the same day's digest — from `(day, members)`."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def remind(day: datetime.date) -> int:
    """Create the day's reminders; returns how many are new (0 on a second run the same day)."""
    members = organisations_by_person()
    reminders = _commitments(day, members) + _maybes(day, members) + _meetings(day, members)
    reminders += _waiting_demands(day, members) + _stale_plans(day, members)
    for source in _SOURCES:
        reminders += source(day, members)
    return store_reminders(reminders)


def store_reminders(reminders: list[Reminder]) -> int:
    """Store the reminders their people have not turned off; returns how many are new (the key is
    unique per person, so a second run stores nothing). Reminders of other apps come through
    `reminder_source`, each having checked that its person may read what it says."""
    chosen = preferences.deliveries({r.user_id for r in reminders})
    reminders = [r for r in reminders if preferences.delivery_of(chosen, r.user_id, r.kind) != Delivery.OFF]
    keys = sorted({r.key for r in reminders})
    before = _stored(keys)
    Notification.unscoped.bulk_create(
        [
            Notification(
                user_id=r.user_id,
                partnership_id=r.partnership_id,
                kind=r.kind,
                key=r.key,
                text=r.text[:300],
                url=r.url,
            )
            for r in reminders
        ],
        ignore_conflicts=True,
    )
    pages.person_changed({r.user_id for r in reminders})  # their header's unread count
    return _stored(keys) - before


def _stored(keys: list[str]) -> int:
    """Notifications stored under `keys`, counted among them (not the whole table: millions of rows
    at portfolio scale), in chunks within SQLite's limit of variables."""
    chunks = (keys[i : i + 900] for i in range(0, len(keys), 900))
    return sum(Notification.unscoped.filter(key__in=chunk).count() for chunk in chunks)


def send_digests(day: datetime.date) -> int:
    """One email per person with their unread notifications that no earlier digest carried; at most
    one digest per person and day."""
    last_sent = dict(
        DigestSent.unscoped.values("user_id").annotate(last=Max("sent_at")).values_list("user_id", "last")
    )
    already = set(DigestSent.unscoped.filter(day=day).values_list("user_id", flat=True))
    by_user: dict[User, list[Notification]] = defaultdict(list)
    unread = Notification.unscoped.filter(read_at__isnull=True, emailed_at__isnull=True)
    chosen = preferences.deliveries(unread.values("user_id"))
    for note in unread.select_related("user").order_by("created_at"):
        last = last_sent.get(note.user_id)
        if (
            note.user_id in already
            or not note.user.is_active
            or (last is not None and note.created_at <= last)
            or preferences.delivery_of(chosen, note.user_id, note.kind) != Delivery.DIGEST
        ):
            continue
        by_user[note.user].append(note)
    sent = 0
    for user, notes in by_user.items():
        with transaction.atomic():
            _, created = DigestSent.unscoped.get_or_create(user=user, day=day, defaults={"count": len(notes)})
            if not created:
                continue
            context = {
                "user": user,
                "notes": notes,
                "site_url": settings.SITE_URL,
                "day": day,
                "settings_url": reverse("notification-settings"),
            }
            body = render_to_string("notifications/email/digest.txt", context)
            subject = f"Concord: {len(notes)} thing{'s' if len(notes) != 1 else ''} for today"
            send_mail(subject, body, None, [user.email])
            sent += 1
        faults.hold("digest_sent")  # one digest sent and recorded, the others not yet (a test kills here)
    return sent


def mark_read(*, actor: User, notification: Notification) -> Notification:
    require_self(actor, notification.user_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        pages.person_changed([actor.pk])  # the header's unread count
    return notification


def mark_all_read(*, actor: User) -> int:
    unread = Notification.unscoped.filter(user_id=actor.pk, read_at__isnull=True)
    marked = unread.update(read_at=timezone.now())
    pages.person_changed([actor.pk])  # the header's unread count
    return marked


# ---- the moment it happens (events.py) -------------------------------------------------------------


def deliver(event_ids: list[int]) -> int:
    """Notify the people `events.plan` names for each audit event who may read its record today
    and have not turned the kind off, then email those who want it at once. Idempotent: the key
    `event:<id>:<kind>` is unique per person and an email is sent once (`emailed_at`). Returns how
    many notifications are new."""
    planned = [
        (event, p)
        for event in AuditEvent.unscoped.filter(pk__in=event_ids).order_by("pk")
        for p in events.plan(event)
    ]
    people = {uid for _, p in planned for uid in p.user_ids}
    if not people:
        return 0
    orgs = organisations_by_person(people)
    parties = parties_by_partnership(
        {p.record.partnership_id for _, p in planned if p.record.partnership_id is not None}
    )
    chosen = preferences.deliveries(people)
    active = set(User.objects.filter(pk__in=people, is_active=True).values_list("pk", flat=True))
    made = [
        Notification(
            user_id=uid,
            partnership_id=p.record.partnership_id,
            kind=p.kind,
            key=f"event:{event.pk}:{p.kind}",
            text=p.text[:300],
            url=p.url,
        )
        for event, p in planned
        for uid in sorted(p.user_ids & active)
        if preferences.delivery_of(chosen, uid, p.kind) != Delivery.OFF
        and _may_read(p.record, orgs.get(uid, set()), parties)
    ]
    before = Notification.unscoped.filter(key__in=[n.key for n in made]).count()
    Notification.unscoped.bulk_create(made, ignore_conflicts=True)
    pages.person_changed({n.user_id for n in made})  # their header's unread count
    _email_at_once([n.key for n in made], chosen)
    return Notification.unscoped.filter(key__in=[n.key for n in made]).count() - before


def _may_read(record: object, person_orgs: set[int], parties: dict[int, set[int]]) -> bool:
    """A partnership's record by its reading rule; one kept by an organisation outside any
    partnership (events.OrgInternal) by its members only."""
    partnership_id = getattr(record, "partnership_id", None)
    if partnership_id is None:
        return readers_of_org(person_orgs, getattr(record, "owner_id", 0))
    return readable_by_person(record, person_orgs=person_orgs, party_orgs=parties[partnership_id])


def email_at_once(keys: list[str]) -> None:
    """Email now the notifications stored under `keys` whose people want their kind at once (an
    app above this one that stores its own notifications: an issue reaching a level)."""
    people = set(Notification.unscoped.filter(key__in=keys).values_list("user_id", flat=True))
    _email_at_once(keys, preferences.deliveries(people))


def _email_at_once(keys: list[str], chosen: dict[tuple[int, str], str]) -> None:
    """One email per new notification whose person wants the kind at once. The mark and the
    hand-over share a transaction: a second run finds it marked and sends nothing."""
    waiting = Notification.unscoped.filter(key__in=keys, emailed_at__isnull=True).select_related("user")
    for note in waiting:
        if preferences.delivery_of(chosen, note.user_id, note.kind) != Delivery.IMMEDIATE:
            continue
        with transaction.atomic():
            if not Notification.unscoped.filter(pk=note.pk, emailed_at__isnull=True).update(
                emailed_at=timezone.now()
            ):
                continue
            _send_one(note)


def _send_one(note: Notification) -> None:
    unsubscribe = settings.SITE_URL + preferences.unsubscribe_url(note.user_id, note.kind)
    context = {
        "user": note.user,
        "note": note,
        "site_url": settings.SITE_URL,
        "unsubscribe": unsubscribe,
        "settings_url": reverse("notification-settings"),
    }
    message = EmailMessage(
        f"Concord: {note.text}"[:150],
        render_to_string("notifications/email/event.txt", context),
        to=[note.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send(fail_silently=False)
