"""The linking rule: what a partnership record may point at.

A shared record is read by every party, so it may point only at shared records; an internal
record is read by its owner only, so it may also point at its owner's internal records. Anything
else would let a reader follow a link to something they may not see (a shared plan naming the
other side's internal goal, a joint agenda listing an internal demand).

One rule, in the two forms callers need: `may_link` for one target, `linkable` for a filter.
Every app that links records (plans → goals, meetings → goals/demands/actions, scorecards →
goals, agendas, reminders) uses these.
"""

from typing import Any

from django.db.models import Q

from concord.access.rights import parties_of
from concord.access.roles import Visibility
from concord.core.errors import ValidationFailed


def linkable(visibility: str, owner_id: int, prefix: str = "") -> Q:
    """Records a record of this visibility and owner may point at (within its partnership)."""
    shared = Q(**{f"{prefix}visibility": Visibility.SHARED})
    if visibility == Visibility.INTERNAL:
        return shared | Q(**{f"{prefix}owner_id": owner_id})
    return shared


def may_link(visibility: str, owner_id: int, target: Any) -> bool:
    """Whether a record of this visibility and owner may point at `target`."""
    return target.visibility == Visibility.SHARED or (
        visibility == Visibility.INTERNAL and target.owner_id == owner_id
    )


def may_link_from(source: Any, target: Any) -> bool:
    """Whether record `source` may point at record `target` (same partnership assumed)."""
    return may_link(source.visibility, source.owner_id, target)


def item_owners(record: Any) -> list[int]:
    """Whose people may own an item inside `record` (an action of a meeting, an item of a plan):
    the people of any party for a shared record, only the owner's people for an internal one —
    the item takes the record's visibility, and an internal item of another organisation would
    be a record its own people could not read."""
    if record.visibility == Visibility.INTERNAL:
        return [record.owner_id]
    return [p.organisation_id for p in parties_of(record.partnership)]


def require_linkable(
    field: str, message: str, *, visibility: str, owner_id: int, targets: list[Any], wanted: int
) -> list[Any]:
    """The targets, or a field error when some were not found or may not be linked: `wanted` is
    how many distinct ids were asked for."""
    allowed = [t for t in targets if may_link(visibility, owner_id, t)]
    if len(allowed) != wanted:
        raise ValidationFailed.single(field, message)
    return allowed
