"""The hash chain of the audit trail: which chain an event belongs to, and how it is hashed.

docs/audit.md is the specification; a verifier written from it alone must agree with this module
(tests/audit/test_export.py runs the one printed there). In short:

- Every event belongs to one chain: `partnership:<id>` for the partnership and what every party
  reads in it, `partnership:<id>:org:<id>` for what one organisation alone reads in it (its
  internal records, its blind submissions), `organisation:<id>` for an organisation, its
  memberships and invitations, `person:<id>` for a person's account and personal objects (API
  tokens, calendar feeds). The chain follows from the model's access rule (the same paths that
  decide who may read it) and the record's visibility when the event is written.
- `leaf(value)` is the SHA-256 of a value's canonical JSON (sorted keys, no spaces, ASCII only).
- An event's content is {action, actor, chain, changes, object_id, object_type, reason, sequence,
  time} with `changes` mapping each field to the leaf of its [before, after] pair (so personal
  data can be erased from a pair later and the event still verifies: its leaf stays).
- `hash = leaf({"content": leaf(content), "previous": previous hash})`, the first event's
  previous hash being GENESIS.
"""

import datetime
import hashlib
import json
import math
from typing import Any

from django.contrib.contenttypes.models import ContentType

from concord.access.policy import private_to
from concord.access.rules import Blind, Child, Joint, Member, OrgInternal, PartnershipRule, Personal, Record

FORMAT = 1
GENESIS = "0" * 64
SYSTEM = "system"  # events about objects that belong to no partnership, organisation or person


def canonical(value: Any) -> bytes:
    """The one serialisation that is hashed: JSON, keys sorted, no spaces, ASCII escapes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def leaf(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def normalised(value: Any) -> Any:
    """A JSON value as every database gives it back: PostgreSQL's jsonb prints 1e16 as
    10000000000000000 and 2.0 as 2.0, so whole floats are stored as integers, and NaN or
    infinities (which JSON cannot hold) as strings. Applied before an event is hashed and stored."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        return {str(k): normalised(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalised(v) for v in value]
    return value


def timestamp(moment: datetime.datetime) -> str:
    """UTC, to the millisecond (a backup keeps milliseconds, so the chain survives a restore)."""
    utc = moment.astimezone(datetime.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def content(
    *,
    chain: str,
    sequence: int,
    action: str,
    object_type: str,
    object_id: int,
    changes: dict[str, Any],
    erased: dict[str, str],
    reason: str,
    actor: int | None,
    time: datetime.datetime | str,
) -> dict[str, Any]:
    """What an event's hash commits to. Erased pairs are represented by the leaf they had; a
    pair still present wins over an erased leaf of the same name, so no one can show other
    values in `changes` while keeping the hash with an `erased` entry."""
    leaves = dict(erased)
    leaves.update({name: leaf(pair) for name, pair in changes.items()})
    return {
        "action": action,
        "actor": actor,
        "chain": chain,
        "changes": leaves,
        "object_id": object_id,
        "object_type": object_type,
        "reason": reason,
        "sequence": sequence,
        "time": time if isinstance(time, str) else timestamp(time),
    }


def link(previous: str, content_hash: str) -> str:
    return leaf({"content": content_hash, "previous": previous})


def content_of(event: Any) -> dict[str, Any]:
    """The content an audit event's hash commits to, read from the event (or a row of it)."""
    ct = ContentType.objects.get_for_id(event.content_type_id)
    return content(
        chain=event.chain,
        sequence=event.sequence,
        action=event.action,
        object_type=f"{ct.app_label}.{ct.model}",
        object_id=event.object_id,
        changes=event.changes,
        erased=event.erased,
        reason=event.reason,
        actor=event.actor_id,
        time=event.created_at,
    )


# ---- which chain ----------------------------------------------------------------------------------


def _walk(obj: Any, path: str) -> Any:
    """The id at the end of `path` ("partnership", "agreement__partnership", "organisation_id",
    "pk"), loading the objects on the way but not the last one."""
    *through, last = path.split("__")
    for name in through:
        obj = getattr(obj, name)
    if last == "pk" or last.endswith("_id"):
        return getattr(obj, last)
    return getattr(obj, f"{last}_id")


def chain_of(instance: Any) -> str:
    """The chain an event about `instance` belongs to, from its model's access rule: its
    partnership's (or, for what one organisation alone reads, that organisation's chain in the
    partnership), its organisation's or its person's."""
    rule = getattr(type(instance), "access_rule", None)
    if rule is None:
        is_person = type(instance)._meta.label_lower == "accounts.user"
        return f"person:{instance.pk}" if is_person else SYSTEM
    key = _chain_by_rule(rule, instance)
    if key.startswith("partnership:"):
        owner = private_to(instance)
        return key if owner is None else own_chain(key, owner)
    return key


def own_chain(partnership_key: str, organisation_id: int) -> str:
    """The chain of what organisation `organisation_id` alone reads in a partnership."""
    return f"{partnership_key}:org:{organisation_id}"


def partnership_chains(partnership_id: int, organisation_ids: list[int]) -> list[str]:
    """The chains of a partnership that members of `organisation_ids` verify: the shared one and
    their own."""
    shared = f"partnership:{partnership_id}"
    return [shared, *(own_chain(shared, org) for org in sorted(organisation_ids))]


def _chain_by_rule(rule: Any, obj: Any) -> str:
    if isinstance(rule, Child):
        return _chain_by_rule(rule.parent_rule, getattr(obj, rule.parent))
    if isinstance(rule, Member | OrgInternal):  # an organisation's own (OrgInternal: kept to itself)
        return f"organisation:{_walk(obj, rule.path)}"
    if isinstance(rule, Personal):
        return f"person:{_walk(obj, rule.path)}"
    if isinstance(rule, PartnershipRule):
        return f"partnership:{obj.pk}"
    if isinstance(rule, Record):
        return f"partnership:{obj.partnership_id}"
    if isinstance(rule, Joint | Blind):
        return f"partnership:{_walk(obj, rule.path if isinstance(rule, Joint) else rule.partnership)}"
    return SYSTEM


def in_partnership(key: str, partnership_id: int) -> bool:
    """Whether chain `key` is one of partnership `partnership_id`'s (shared or an organisation's)."""
    shared = f"partnership:{partnership_id}"
    return key == shared or key.startswith(f"{shared}:org:")
