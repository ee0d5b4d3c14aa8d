"""Erasure of a person's personal data on request (docs/privacy.md, docs/audit.md).

`person_erase` pseudonymises the person — name "Former member #<id>", an unroutable address of
their own, no usable password, inactive — and removes what else is theirs alone: API tokens and
calendar feeds stop working, two-factor devices, sessions, sign-in logs, notifications and digests
go, invitations to their address take the new one. The records they wrote stay (they are their
organisations' records), and show the pseudonym, since pages name people through their account.

The audit trail keeps every event and every hash: in the events that carry the person's name or
address (their account's, their invitations', their memberships' and attendances' labels) the
[before, after] pairs holding them are replaced by the hash they had (`erased`), the one change the
append-only trail allows (`AuditEvent.unscoped.erase`), so `concord audit verify` still finds every
chain intact. The erasure itself is an event: who, when, why — not what was erased.
"""

import json
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.access import members
from concord.access.models import Membership
from concord.access.policy import require_eraser
from concord.accounts.models import ApiToken, User
from concord.audit.chain import leaf
from concord.audit.models import AuditAction, AuditEvent
from concord.audit.services import record
from concord.core.errors import InvalidState, ValidationFailed
from concord.governance.models import Assignment, KeyPerson
from concord.meetings.models import Attendee, CalendarFeed
from concord.notifications.models import DigestSent, Notification, Preference
from concord.organisations.models import Invitation

ERASED_DOMAIN = "erased.invalid"  # .invalid never resolves (RFC 2606): nothing can be sent there
# Models whose label (str, kept on audit events as object_repr) names a person.
LABELLED_BY_PERSON: list[type[Model]] = [
    User,
    Membership,
    Attendee,
    CalendarFeed,
    DigestSent,
    Preference,  # "<name>: <kind> <delivery>"
    KeyPerson,  # "<name> (<role title>)" in the partnership's directory
    Assignment,  # "R: <key person> on <activity>" in the RACI matrix
]
# The account's own fields that are personal data, erased from its events whatever they hold.
ACCOUNT_FIELDS = {"email", "full_name", "password", "last_login"}


def pseudonym(person: User) -> str:
    return f"Former member #{person.pk}"


def erased_address(person: User) -> str:
    return f"erased-{person.pk}@{ERASED_DOMAIN}"


def is_erased(person: User) -> bool:
    return person.email.endswith(f"@{ERASED_DOMAIN}")


@dataclass(frozen=True)
class Erasure:
    """What an erasure did (counts only: what was erased is gone)."""

    person_id: int
    events: int  # audit events whose personal values were replaced by their hashes
    invitations: int
    tokens: int
    sessions: int


def person_erase(*, actor: User | None, person: User, reason: str) -> Erasure:
    """Erase `person`'s personal data (an admin of their organisation; `actor` None: the
    operator's command). `reason` is kept in the trail, so it must not name them."""
    require_eraser(actor, person)
    if is_erased(person):
        raise InvalidState("This person's personal data has already been erased.")
    reason = _checked_reason(reason, person)
    name, email = person.full_name, person.email
    with transaction.atomic():
        invitations = list(Invitation.unscoped.filter(email__iexact=email).values_list("pk", flat=True))
        events = _erase_trail(person, name, email, invitations)
        Invitation.unscoped.filter(pk__in=invitations).update(email=erased_address(person))
        tokens = _end_access(person, email)
        sessions = _end_sessions(person)
        User.objects.filter(pk=person.pk).update(
            full_name=pseudonym(person),
            email=erased_address(person),
            password=make_password(None),
            is_active=False,
            last_login=None,
        )
        person.refresh_from_db()
        members.forget(person)
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=person,
            changes={"personal_data": ["kept", "erased"], "is_active": [True, False]},
            reason=reason,
        )
    return Erasure(person.pk, events, len(invitations), tokens, sessions)


def _checked_reason(reason: str, person: User) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed.single(
            "reason", "Say why (e.g. the person's request of 2026-11-30): it is kept."
        )
    if _mentions(reason, person.full_name, person.email):
        raise ValidationFailed.single(
            "reason", "Leave the person's name and address out of the reason: the reason is kept."
        )
    return reason


def _mentions(value: Any, name: str, email: str) -> bool:
    text = (value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)).casefold()
    return any(needle and needle.casefold() in text for needle in (name.strip(), email))


def _type_ids(models: list[type[Model]]) -> list[int]:
    return [ContentType.objects.get_for_model(m).pk for m in models]


def _erase_trail(person: User, name: str, email: str, invitations: list[int]) -> int:
    """Replace the pairs that carry the person's name or address by their hashes, in the events
    that can carry them, and their labels by the pseudonym. Returns how many events changed."""
    (account,) = _type_ids([User])
    (invitation,) = _type_ids([Invitation])
    candidates = AuditEvent.unscoped.filter(
        Q(chain=f"person:{person.pk}")
        | Q(content_type_id=account, object_id=person.pk)
        | Q(content_type_id=invitation, object_id__in=invitations)
        | Q(content_type_id__in=_type_ids(LABELLED_BY_PERSON), object_repr__contains=name)
        | Q(object_repr__icontains=email)
    ).order_by("pk")
    changed = 0
    for event in candidates.iterator(chunk_size=500):
        own = event.content_type_id == account and event.object_id == person.pk
        kept, erased = {}, dict(event.erased)
        for field, pair in event.changes.items():
            if (own and field in ACCOUNT_FIELDS) or _mentions(pair, name, email):
                erased[field] = leaf(pair)
            else:
                kept[field] = pair
        label = _relabelled(event.object_repr, person, name, email)
        if erased != event.erased or label != event.object_repr:
            AuditEvent.unscoped.erase(event.pk, changes=kept, erased=erased, object_repr=label)
            changed += 1
    return changed


def _relabelled(label: str, person: User, name: str, email: str) -> str:
    if name.strip():
        label = label.replace(name, pseudonym(person))
    lowered = label.casefold().find(email.casefold())
    if lowered >= 0:
        label = label[:lowered] + erased_address(person) + label[lowered + len(email) :]
    return label[:200]


def _end_access(person: User, email: str) -> int:
    """Everything that lets the person in or reaches them goes: tokens and feeds revoked (they stay,
    revoked, in the person's chain), two-factor devices, notifications, digests, sign-in logs."""
    now = timezone.now()
    tokens = ApiToken.unscoped.filter(user=person, revoked_at__isnull=True).update(revoked_at=now)
    CalendarFeed.unscoped.filter(user=person, revoked_at__isnull=True).update(revoked_at=now)
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    Notification.unscoped.filter(user=person).delete()
    DigestSent.unscoped.filter(user=person).delete()
    for log in (AccessAttempt, AccessFailureLog, AccessLog):
        log.objects.filter(username__iexact=email).delete()
    return tokens


def _end_sessions(person: User) -> int:
    """Sign the person out everywhere (their sessions would fail anyway: the password and the
    account changed — this removes them)."""
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        if str(session.get_decoded().get("_auth_user_id")) == str(person.pk):
            ended.append(session.pk)
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)
