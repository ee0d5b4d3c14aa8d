"""Writes that leave an audit trail. Every service creates, updates and deletes through these.

Each event is appended to its chain (audit.chain: the partnership's, the organisation's or the
person's) under a lock on the chain's head, with its sequence number and hash; events are never
updated or deleted afterwards (docs/audit.md).

`tracked_update` is also where optimistic concurrency lives: the update names the version it was
based on and a stale one raises Conflict instead of overwriting someone else's change.

Creates check the model's unique rules first (full_clean); a row saved by another request in the
instant between that check and the insert still breaks the database's rule. That IntegrityError is
answered as the check would have answered it (field errors, 422), never as a server error. Services
that can foresee such a race lock a row first so the second writer waits and sees the first's work.
"""

from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from concord.access import pages
from concord.audit import chain, signals
from concord.audit.models import AuditAction, AuditChain, AuditEvent
from concord.core.errors import Conflict, ValidationFailed
from concord.core.snapshot import snapshot

if TYPE_CHECKING:  # accounts writes through audit: the type only, no import at run time
    from concord.accounts.models import User

M = TypeVar("M", bound=models.Model)


def _validate(instance: models.Model) -> None:
    """Model validation as field errors (a ValidationFailed), never an unhandled exception."""
    try:
        instance.full_clean()
    except DjangoValidationError as exc:
        raise ValidationFailed({k: list(v) for k, v in exc.message_dict.items()}) from exc


CLASH = "Someone saved the same thing at the same moment, so this was not saved. Reload and try again."


def _clash(instance: models.Model) -> ValidationFailed:
    """Why the database refused `instance`: its rules checked again now that the other row is
    there (the field errors the person would have had a moment later), or the clash in general."""
    try:
        instance.full_clean()
    except DjangoValidationError as exc:
        return ValidationFailed({k: list(v) for k, v in exc.message_dict.items()})
    return ValidationFailed.single("__all__", CLASH)


def _event(
    *, actor: "User | None", action: str, instance: models.Model, changes: dict[str, Any], reason: str = ""
) -> AuditEvent:
    """An event not yet in its chain (no sequence or hash yet)."""
    return AuditEvent(
        chain=chain.chain_of(instance),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        object_repr=str(instance)[:200],
        changes=chain.normalised(changes),
        reason=reason,
        created_at=timezone.now(),
    )


def _lock_head(key: str) -> AuditChain:
    """The head of chain `key`, locked until the transaction ends: whoever appends next waits,
    so two writers never give two events the same place (PostgreSQL; SQLite writes one at a time)."""
    AuditChain.unscoped.bulk_create([AuditChain(key=key)], ignore_conflicts=True)
    return AuditChain.unscoped.select_for_update().get(key=key)


def _append(events: list[AuditEvent]) -> list[AuditEvent]:
    """Put `events` at the ends of their chains (sequence and hash) and store them. Chains are
    locked in key order, so two writers touching the same chains cannot deadlock on them."""
    with transaction.atomic():
        for key in sorted({e.chain for e in events}):
            head = _lock_head(key)
            for event in (e for e in events if e.chain == key):
                head.length += 1
                event.sequence = head.length
                event.hash = chain.link(head.head, chain.leaf(chain.content_of(event)))
                head.head = event.hash
            head.save(update_fields=["length", "head"])
        stored = AuditEvent.unscoped.bulk_create(events)
    # robust: a listener's failure is logged; it must not turn a committed write into an error page
    # cached pages that showed what changed are retired first (each listener fails on its own)
    transaction.on_commit(lambda: pages.announce({e.chain for e in stored}), robust=True)
    transaction.on_commit(lambda: _announce(stored), robust=True)
    return stored


def _announce(events: list[AuditEvent]) -> None:
    signals.committed.send(sender=AuditEvent, events=events)


def record(
    *, actor: "User | None", action: str, instance: models.Model, changes: dict[str, Any], reason: str = ""
) -> AuditEvent:
    """Append one event about `instance` to its chain."""
    event = _event(actor=actor, action=action, instance=instance, changes=changes, reason=reason)
    return _append([event])[0]


def record_all(
    *,
    actor: "User | None",
    action: str,
    changes_of: list[tuple[models.Model, dict[str, Any]]],
    reason: str = "",
    at: Any = None,
) -> list[AuditEvent]:
    """Append one event about each object in `changes_of` in one go (a bulk import's summary
    events, one per goal: docs/audit.md), each to its own chain, all at the moment `at`."""
    events = [
        _event(actor=actor, action=action, instance=instance, changes=changes, reason=reason)
        for instance, changes in changes_of
    ]
    for event in events:
        event.created_at = at or event.created_at
    return _append(events) if events else []


def tracked_create[M: models.Model](*, actor: "User | None", instance: M, reason: str = "") -> M:
    try:
        with transaction.atomic():  # a savepoint inside the caller's transaction: it stays usable
            _validate(instance)
            instance.save()
            after = snapshot(instance)
            record(
                actor=actor,
                action=AuditAction.CREATE,
                instance=instance,
                changes={name: [None, value] for name, value in after.items()},
                reason=reason,
            )
    except IntegrityError as exc:
        raise _clash(instance) from exc
    return instance


def tracked_bulk_create[M: models.Model](
    *, actor: "User | None", instances: list[M], reason: str = ""
) -> list[M]:
    """Create many already-validated rows in two statements (rows, then their audit events).

    For imports: the caller has validated every row first, so all land or none do."""
    if not instances:
        return []
    try:
        return _bulk_create(actor=actor, instances=instances, reason=reason)
    except IntegrityError as exc:
        raise ValidationFailed.single("__all__", CLASH) from exc


def _bulk_create[M: models.Model](*, actor: "User | None", instances: list[M], reason: str) -> list[M]:
    with transaction.atomic():
        model = type(instances[0])
        created = model._default_manager.bulk_create(instances)
        _append(
            [
                _event(
                    actor=actor,
                    action=AuditAction.CREATE,
                    instance=row,
                    changes={name: [None, value] for name, value in snapshot(row).items()},
                    reason=reason,
                )
                for row in created
            ]
        )
    return created


def tracked_update[M: models.Model](
    *, actor: "User | None", instance: M, version: int | None, changes: dict[str, Any], reason: str = ""
) -> M:
    """Apply `changes` if the stored version still equals `version`; record before/after."""
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=instance.pk)
        stored_version = getattr(current, "version", None)
        if version is not None and stored_version is not None and stored_version != version:
            raise Conflict(current=current, submitted=changes)
        before = snapshot(current)
        for name, value in changes.items():
            setattr(current, name, value)
        _validate(current)
        after = snapshot(current)
        diff = {k: [before[k], after[k]] for k in after if before.get(k) != after[k]}
        if not diff:
            return current
        if stored_version is not None:
            current.version = F("version") + 1  # type: ignore[attr-defined]
        current.save()
        current.refresh_from_db()
        record(actor=actor, action=AuditAction.UPDATE, instance=current, changes=diff, reason=reason)
    return current


def tracked_delete(*, actor: "User | None", instance: models.Model, version: int | None = None) -> None:
    with transaction.atomic():
        current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        stored_version = getattr(current, "version", None)
        if version is not None and stored_version is not None and stored_version != version:
            raise Conflict(current=current, submitted={})
        before = snapshot(current)
        record(
            actor=actor,
            action=AuditAction.DELETE,
            instance=current,
            changes={name: [value, None] for name, value in before.items()},
        )
        current.delete()
