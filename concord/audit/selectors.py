"""Reads of the audit trail, always through an object the reader may see."""

from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet

from concord.access.policy import can, own_party_orgs, require
from concord.access.roles import Action
from concord.audit import chain, trail
from concord.audit.models import AuditAction, AuditEvent

if TYPE_CHECKING:  # accounts writes through audit: the type only, no import at run time
    from concord.accounts.models import User


def history_for(*, actor: "User", instance: Model) -> QuerySet[AuditEvent]:
    """The trail of `instance`, newest first, if the actor may read it (read in pages). Every
    history page and operation is behind sign-in; the anonymous visitor is in the type only while
    some entry points still take a plain HttpRequest (access.require refuses them anyway)."""
    require(actor, Action.VIEW, instance)
    about = Q(content_type=ContentType.objects.get_for_model(type(instance)), object_id=instance.pk)
    return AuditEvent.unscoped.filter(about | _bulk_events(instance)).select_related("actor")


def _bulk_events(instance: Model) -> Q:
    """The event of the bulk write that created `instance`, if its model is written in bulk: an
    event about its parent (`bulk_audit` names the parent and the key of the change) at the moment
    the instance was created (docs/audit.md, "Bulk imports")."""
    bulk = getattr(type(instance), "bulk_audit", None)
    if bulk is None:
        return Q(pk__in=[])
    parent, key = bulk
    related = type(instance)._meta.get_field(parent).related_model
    return Q(
        content_type=ContentType.objects.get_for_model(related),  # type: ignore[arg-type]
        object_id=getattr(instance, f"{parent}_id"),
        created_at=getattr(instance, "created_at", None),
        changes__has_key=key,
    )


def partnership_chains(*, actor: "User", partnership: Model) -> list[str]:
    """The chains of `partnership` that `actor` verifies: the shared one (every party's) and the
    own chain of each party they belong to — never the other side's (docs/audit.md)."""
    require(actor, Action.VIEW, partnership)
    return chain.partnership_chains(partnership.pk, own_party_orgs(actor, partnership))


def chain_verify(*, actor: "User", partnership: Model) -> list[trail.Verdict]:
    """Verify the chains of `partnership` that `actor` may read: either side can check that its
    history was not altered."""
    return [trail.verify(key) for key in partnership_chains(actor=actor, partnership=partnership)]


def chain_export(*, actor: "User", partnership: Model) -> Iterator[str]:
    """The chains of `partnership` that `actor` may read, as JSON lines for offline verification
    (docs/audit.md): whole events about what `actor` may read, the content hash of the others."""
    keys = partnership_chains(actor=actor, partnership=partnership)
    shown = partial(readable_events, actor)
    return (line for key in keys for line in trail.export_lines(key, shown))


def readable_events(actor: "User", events: list[AuditEvent]) -> set[int]:
    """The ids of `events` about objects `actor` may read: live objects through their access rule;
    deleted ones as their last recorded state would be judged by it (a deleted shared note of the
    other side is readable, a deleted internal one is not)."""
    wanted: dict[int, set[int]] = defaultdict(set)
    for event in events:
        wanted[event.content_type_id].add(event.object_id)
    readable: set[tuple[int, int]] = set()
    for type_id, ids in wanted.items():
        model: Any = ContentType.objects.get_for_id(type_id).model_class()
        if model is None or not hasattr(model, "access_rule"):
            continue  # people's accounts: their own chain, not a partnership's
        live = model.objects.restrict(actor).filter(pk__in=ids).values_list("pk", flat=True)
        readable |= {(type_id, pk) for pk in live}
        readable |= {(type_id, pk) for pk in _readable_deleted(actor, model, type_id, ids)}
    return {e.pk for e in events if (e.content_type_id, e.object_id) in readable}


def _readable_deleted(actor: "User", model: Any, type_id: int, ids: set[int]) -> set[int]:
    deletions = AuditEvent.unscoped.filter(
        content_type_id=type_id, object_id__in=ids, action=AuditAction.DELETE
    ).values_list("object_id", "changes")
    fields = {f.attname for f in model._meta.concrete_fields}
    found = set()
    for object_id, changes in deletions:
        last = {name: pair[0] for name, pair in changes.items() if name in fields and pair}
        try:
            if can(actor, Action.VIEW, model(pk=object_id, **last)):
                found.add(object_id)
        except (ObjectDoesNotExist, ValueError, TypeError):
            pass  # its parent is gone too: nothing left to judge it by
    return found
