"""What just happened, and who should hear of it at once (issue 13: notifications when it happens).

Every write leaves an audit event; once its transaction commits, the audit app announces the
events (audit.signals.committed). `watched` keeps the few that someone should hear of and the
delivery task (tasks.deliver) turns each into notifications with `plan`:

- a demand raised: the asked side's partnership manager (its admins when it has none);
- an answer given: whoever raised the demand and the raising side's partnership manager;
- a commitment delivered, renegotiated (new due date) or given up: the partnership managers of the
  other parties and whoever recorded it;
- a goal, action or commitment given an owner person: that person;
- a meeting scheduled, moved (time or place: its calendar sequence changed) or cancelled: its
  attendees (the calendar invitation with its .ics is the email for these);
- a party signs the shared vision: the other parties' admins (who alone may sign) while their
  signature is awaited; everyone's admins and the revision's author once every party has signed;
- a position taken on a clause: the agreement's author (a comment on something they own);
- a note, a vision comment or a position on a clause that @mentions a person by their full name
  ("@Ana Ruiz"): that person, if they may read it.

Nobody hears of their own action. Who may read the record is decided later, for everyone at once
(services.deliver): an internal record never reaches the other side. Each notification's key is
`event:<audit event id>:<kind>`, unique per person, so a delivery run twice notifies once.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from concord.access.members import admin_ids
from concord.access.models import Membership, Party
from concord.access.policy import signatories
from concord.access.roles import Visibility
from concord.agreements.models import ClauseNote
from concord.audit.models import AuditAction, AuditEvent
from concord.commitments.models import Answer, AnswerKind, Commitment, Demand
from concord.goals.models import Goal
from concord.meetings.models import Meeting, MeetingStatus
from concord.notifications.models import NotificationKind as Kind
from concord.partnerships.models import Note
from concord.vision.models import Signature, VisionComment


@dataclass(frozen=True)
class Planned:
    """A notification to make: for whom, about which record (read later for its visibility). A
    record outside any partnership (`partnership_id` None: an organisation's need for a partner)
    is read by the members of its owner only (services.deliver)."""

    user_ids: frozenset[int]
    record: Any  # a partnership record: its visibility and owner decide who may read it
    kind: str
    text: str
    url: str


Handler = Callable[[AuditEvent, Any], list[Planned]]


def _managers(partnership_id: int, organisation_ids: Iterable[int]) -> set[int]:
    return set(
        Party.unscoped.filter(
            partnership_id=partnership_id, organisation_id__in=list(organisation_ids), manager__isnull=False
        ).values_list("manager_id", flat=True)
    )


def _parties(partnership_id: int) -> Any:
    return Party.unscoped.filter(partnership_id=partnership_id)


def _other_orgs(partnership_id: int, organisation_id: int) -> set[int]:
    return set(
        Party.unscoped.filter(partnership_id=partnership_id)
        .exclude(organisation_id=organisation_id)
        .values_list("organisation_id", flat=True)
    )


def _changed(event: AuditEvent, name: str) -> tuple[Any, Any] | None:
    pair = event.changes.get(name)
    return (pair[0], pair[1]) if isinstance(pair, list) and len(pair) == 2 else None


def _demand(event: AuditEvent, demand: Demand) -> list[Planned]:
    if event.action != AuditAction.CREATE:
        return []
    asked = _managers(demand.partnership_id, [demand.to_org_id]) or admin_ids(demand.to_org_id)
    text = f"{demand.owner.name} asks: “{demand.title}”."
    return [Planned(frozenset(asked), demand, Kind.DEMAND_RAISED, text, reverse("demand", args=[demand.pk]))]


def _answer(event: AuditEvent, answer: Answer) -> list[Planned]:
    if event.action != AuditAction.CREATE:
        return []
    demand = answer.demand
    people = _managers(demand.partnership_id, [demand.owner_id])
    if demand.created_by_id is not None:
        people.add(demand.created_by_id)
    said = AnswerKind(answer.kind).label.lower() if answer.kind in AnswerKind.values else answer.kind
    text = f"{answer.organisation.name} answered “{said}” to “{demand.title}”."
    url = reverse("demand", args=[demand.pk])
    return [Planned(frozenset(people), demand, Kind.DEMAND_ANSWERED, text, url)]


def _what_became_of(event: AuditEvent, commitment: Commitment) -> str | None:
    if (pair := _changed(event, "delivered_on")) and pair[0] is None and pair[1]:
        return f"delivered on {pair[1]}"
    if (pair := _changed(event, "given_up_on")) and pair[0] is None and pair[1]:
        return "given up: it will not be kept"
    if (pair := _changed(event, "due_on")) and pair[0] and pair[1]:
        return f"renegotiated: now due {pair[1]} (was {pair[0]})"
    return None


def _owner(event: AuditEvent, record: Commitment | Goal, noun: str, url: str) -> list[Planned]:
    pair = _changed(event, "owner_person_id")
    if not pair or pair[1] is None or pair[1] == event.actor_id:
        return []
    text = f"You are now the owner of the {noun} “{record.title}”."
    return [Planned(frozenset({pair[1]}), record, Kind.OWNER_NAMED, text, url)]


def _commitment(event: AuditEvent, commitment: Commitment) -> list[Planned]:
    noun = "action" if commitment.meeting_id else "commitment"
    url = reverse("commitment", args=[commitment.pk])
    planned = _owner(event, commitment, noun, url)
    became = _what_became_of(event, commitment) if event.action == AuditAction.UPDATE else None
    if became:
        people = _managers(
            commitment.partnership_id, _other_orgs(commitment.partnership_id, commitment.owner_id)
        )
        if commitment.created_by_id is not None:
            people.add(commitment.created_by_id)
        text = f"{commitment.owner.name}'s {noun} “{commitment.title}” was {became}."
        planned.append(Planned(frozenset(people), commitment, Kind.COMMITMENT_CHANGED, text, url))
    return planned


def _goal(event: AuditEvent, goal: Goal) -> list[Planned]:
    return _owner(event, goal, "goal", reverse("goal", args=[goal.pk]))


def _meeting(event: AuditEvent, meeting: Meeting) -> list[Planned]:
    local = meeting.local_start()
    when = f"{local:%a %d %b %Y, %H:%M} ({meeting.time_zone})"
    if event.action == AuditAction.CREATE:
        kind, text = Kind.MEETING_SCHEDULED, f"You are invited to “{meeting.title}” on {when}."
    elif (pair := _changed(event, "status")) and pair[1] == MeetingStatus.CANCELLED:
        kind, text = Kind.MEETING_CANCELLED, f"“{meeting.title}” is cancelled."
    elif _changed(event, "sequence"):
        kind, text = (
            Kind.MEETING_MOVED,
            f"“{meeting.title}” moved: now {when}, {meeting.location or 'no place given'}.",
        )
    else:
        return []
    people = frozenset(meeting.attendance.values_list("user_id", flat=True))
    return [Planned(people, meeting, kind, text, reverse("meeting", args=[meeting.pk]))]


@dataclass(frozen=True)
class Joint:
    """A record every party of the partnership reads (the vision): for the reading rule."""

    partnership_id: int
    visibility: str = Visibility.SHARED
    owner_id: int | None = None


def _signature(event: AuditEvent, signature: Signature) -> list[Planned]:
    if event.action != AuditAction.CREATE:
        return []
    revision = signature.revision
    partnership_id = revision.document.partnership_id
    parties = set(
        Party.unscoped.filter(partnership_id=partnership_id).values_list("organisation_id", flat=True)
    )
    signed = set(revision.signatures.values_list("organisation_id", flat=True))
    url = reverse("vision", args=[partnership_id])
    record = Joint(partnership_id)
    others = parties - {signature.organisation_id}
    if parties <= signed:
        people = {uid for org in parties for uid in signatories(org)}
        if revision.author_id is not None:
            people.add(revision.author_id)
        text = f"The shared vision is agreed: every party signed revision {revision.number}."
        return [Planned(frozenset(people), record, Kind.SIGNATURE_COMPLETE, text, url)]
    people = {uid for org in others - signed for uid in signatories(org)}
    who = signature.organisation.name
    text = f"{who} signed revision {revision.number} of the shared vision; yours is awaited."
    return [Planned(frozenset(people), record, Kind.SIGNATURE_REQUESTED, text, url)]


def _mentioned(partnership_id: int, text: str) -> set[int]:
    """People of the partnership's parties named in `text` as "@Full Name" (any case)."""
    if "@" not in text:
        return set()
    lowered = text.lower()
    people = Membership.unscoped.filter(
        organisation_id__in=_parties(partnership_id).values("organisation_id")
    ).values_list("user_id", "user__full_name")
    return {uid for uid, name in people if name and f"@{name.lower()}" in lowered}


def _mention(record: Any, body: str, what: str, url: str) -> list[Planned]:
    people = _mentioned(record.partnership_id, body)
    text = f"{record.owner.name} mentioned you in {what}."
    return [Planned(frozenset(people), record, Kind.MENTIONED, text, url)] if people else []


def _note(event: AuditEvent, note: Note) -> list[Planned]:
    if event.action != AuditAction.CREATE and not _changed(event, "body"):
        return []
    return _mention(
        note, note.body, "a note", reverse("partnership-detail", args=[note.partnership_id]) + "#notes"
    )


def _vision_comment(event: AuditEvent, comment: VisionComment) -> list[Planned]:
    if event.action != AuditAction.CREATE:
        return []
    return _mention(
        comment,
        comment.body,
        "a comment on the shared vision",
        reverse("vision", args=[comment.partnership_id]),
    )


def _clause_note(event: AuditEvent, note: ClauseNote) -> list[Planned]:
    """Mentions, and the agreement's author hears of every position taken on its clauses."""
    if event.action != AuditAction.CREATE:
        return []
    url = reverse("clause", args=[note.clause_id])
    planned = _mention(note, note.body, "a position on a clause", url)
    author = note.clause.agreement.created_by_id
    if author is not None:
        text = (
            f"{note.owner.name} took a position on “{note.clause.heading}” in {note.clause.agreement.title}."
        )
        planned.append(Planned(frozenset({author}), note, Kind.COMMENT_ON_MINE, text, url))
    return planned


HANDLERS: dict[type[Any], Handler] = {
    Demand: _demand,
    Answer: _answer,
    Commitment: _commitment,
    Goal: _goal,
    Meeting: _meeting,
    Signature: _signature,
    Note: _note,
    VisionComment: _vision_comment,
    ClauseNote: _clause_note,
}
_RELATED: dict[type[Any], tuple[str, ...]] = {
    Signature: ("organisation", "revision__document"),
    Note: ("owner",),
    VisionComment: ("owner",),
    ClauseNote: ("owner", "clause__agreement"),
    Demand: ("owner",),
    Answer: ("organisation", "demand"),
    Commitment: ("owner",),
}


@dataclass(frozen=True)
class OrgInternal:
    """A record an organisation keeps to itself outside any partnership (a need, its candidates):
    for the reading rule, only the members of `owner_id` read it."""

    owner_id: int
    partnership_id: None = None
    visibility: str = Visibility.INTERNAL


def register(model: type[Any], handler: Handler, related: tuple[str, ...] = ()) -> None:
    """The handler of an app above this one (selection's needs and candidates, the risks'
    register): it plans notifications for the events of `model` as the handlers here do
    (services.deliver still checks who may read), as services.reminder_source registers their
    reminders."""
    HANDLERS[model] = handler
    if related:
        _RELATED[model] = related


def managers_of(partnership_id: int, organisation_ids: Iterable[int]) -> set[int]:
    """The partnership managers of these parties (for handlers registered from above)."""
    return _managers(partnership_id, organisation_ids)


def _watched_types() -> dict[int, type[Any]]:
    return {ContentType.objects.get_for_model(model).pk: model for model in HANDLERS}


def watched(events: Iterable[AuditEvent]) -> list[int]:
    """The ids of the events someone should hear of (creates and updates of the handled models)."""
    types = _watched_types()
    return [
        e.pk
        for e in events
        if e.content_type_id in types and e.action in (AuditAction.CREATE, AuditAction.UPDATE)
    ]


def plan(event: AuditEvent) -> list[Planned]:
    """The notifications `event` calls for, about the record as it is now (gone: none)."""
    model = _watched_types().get(event.content_type_id)
    if model is None:
        return []
    found = model.unscoped.filter(pk=event.object_id)
    related = _RELATED.get(model)
    record = (found.select_related(*related) if related else found).first()
    if record is None:
        return []
    found = HANDLERS[model](event, record)
    return [
        Planned(p.user_ids - {event.actor_id}, p.record, p.kind, p.text, p.url)
        for p in found
        if p.user_ids - {event.actor_id}
    ]
