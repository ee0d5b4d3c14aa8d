"""Policy: what a person may do with an object they can see.

`require` answers NotFound when the object is outside the person's reach (they may not learn it
exists) and Forbidden when they can see it but lack the right.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

from concord.access import scoping
from concord.access.roles import ROLE_ACTIONS, Action, Role, Side, Visibility
from concord.core.errors import Forbidden, NotFound

_RANK = {Role.VIEWER: 0, Role.MEMBER: 1, Role.ADMIN: 2}


@dataclass(frozen=True)
class Standing:
    """A person's place in a partnership: through which party, with which role."""

    organisation_id: int
    side: str
    role: str
    is_manager: bool

    def allows(self, action: Action) -> bool:
        return self.is_manager or action in ROLE_ACTIONS[self.role]


def standing(user: Any, partnership: Any) -> Standing | None:
    """The user's strongest standing among the parties of `partnership`, or None for outsiders."""
    best: Standing | None = None
    for party in _parties(partnership):
        role = scoping.role_in(user, party.organisation_id)
        if role is None:
            continue
        candidate = Standing(party.organisation_id, party.side, role, party.manager_id == user.pk)
        if best is None or _RANK[Role(role)] > _RANK[Role(best.role)]:
            best = candidate
    return best


def _parties(partnership: Any) -> list[Any]:
    cache = getattr(partnership, "_prefetched_objects_cache", {})
    if "parties" in cache:
        return list(cache["parties"])
    return list(partnership.parties.all())


def can(user: Any, action: Action, obj: Model) -> bool:
    try:
        require(user, action, obj)
    except (NotFound, Forbidden):
        return False
    return True


def require(user: Any, action: Action, obj: Model) -> None:
    """Raise NotFound or Forbidden unless `user` may do `action` on `obj`."""
    if not getattr(user, "is_authenticated", False):
        raise NotFound()
    checker = _CHECKERS.get(type(obj).__name__)
    if checker is None:
        if hasattr(obj, "partnership_id") and hasattr(obj, "visibility"):
            checker = _require_record
        else:
            raise NotFound()
    checker(user, action, obj)


def _require_organisation(user: Any, action: Action, org: Any) -> None:
    role = scoping.role_in(user, org.pk)
    if role is None:
        raise NotFound()
    if action not in ROLE_ACTIONS[role] or (action == Action.CHANGE and role != Role.ADMIN):
        raise Forbidden("Only an admin of the organisation may do this.")


def _require_partnership(user: Any, action: Action, partnership: Any) -> None:
    found = standing(user, partnership)
    if found is None:
        raise NotFound()
    if action in (Action.CHANGE, Action.MANAGE) and not (found.role == Role.ADMIN or found.is_manager):
        raise Forbidden("Only an admin or the partnership manager may change the partnership.")
    if not found.allows(action):
        raise Forbidden("Viewers can read but not add to the partnership.")


def _require_record(user: Any, action: Action, record: Any) -> None:
    mine = scoping.org_ids(user)
    if record.visibility == Visibility.INTERNAL and record.owner_id not in mine:
        raise NotFound()
    found = standing(user, record.partnership)
    if found is None:
        raise NotFound()
    if action == Action.VIEW:
        return
    role = scoping.role_in(user, record.owner_id)
    if role is None:
        raise Forbidden("Only the organisation that owns this record may change it.")
    if role == Role.VIEWER:
        raise Forbidden("Viewers can read but not change records.")
    if role != Role.ADMIN and record.created_by_id != user.pk:
        raise Forbidden("Only the author or an admin of the owning organisation may change it.")


def may_change_listed(user: Any, record: Any) -> bool:
    """For a record already read through scoping: may the user edit it? No queries (for lists)."""
    role = scoping.role_in(user, record.owner_id)
    if role is None or role == Role.VIEWER:
        return False
    return role == Role.ADMIN or record.created_by_id == user.pk


def require_partner_inviter(user: Any, partnership: Any) -> None:
    """Only an admin on the buying side may invite a supplier organisation."""
    found = standing(user, partnership)
    if found is None:
        raise NotFound()
    if found.side != Side.BUYER or found.role != Role.ADMIN:
        raise Forbidden("Only an admin of the buying organisation may invite a supplier.")


def can_invite_partner(user: Any, partnership: Any) -> bool:
    try:
        require_partner_inviter(user, partnership)
    except (NotFound, Forbidden):
        return False
    return True


def require_party_admin(user: Any, party: Any) -> None:
    """Only an admin of a party's own organisation may change that party (e.g. its manager)."""
    require(user, Action.VIEW, party.partnership)
    if scoping.role_in(user, party.organisation_id) != Role.ADMIN:
        raise Forbidden("Only an admin of that organisation may change its side of the partnership.")


def can_admin_party(user: Any, party: Any) -> bool:
    return scoping.role_in(user, party.organisation_id) == Role.ADMIN


def require_signatory(user: Any, partnership: Any) -> Standing:
    """Only an admin of a party's organisation is an authorised signatory for it."""
    found = standing(user, partnership)
    if found is None:
        raise NotFound()
    if found.role != Role.ADMIN:
        raise Forbidden("Only an admin of your organisation may sign on its behalf.")
    return found


def can_sign(user: Any, partnership: Any) -> bool:
    try:
        require_signatory(user, partnership)
    except (NotFound, Forbidden):
        return False
    return True


def require_contributor_in(user: Any, partnership: Any, organisation_id: int) -> None:
    """The user may write records owned by `organisation_id` in `partnership`."""
    require(user, Action.CONTRIBUTE, partnership)
    role = scoping.role_in(user, organisation_id)
    if role is None or role == Role.VIEWER:
        raise Forbidden("You may only add records for your own organisation.")


def require_self(user: Any, owner_id: int) -> None:
    """Personal objects (API tokens, calendar feeds) belong to one user; others get NotFound."""
    if not getattr(user, "is_authenticated", False) or user.pk != owner_id:
        raise NotFound()


def get_for(user: Any, queryset: QuerySet[Any], action: Action = Action.VIEW, **lookup: Any) -> Any:
    """Look the object up inside the user's reach, then require `action` on it."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise NotFound()
    require(user, action, obj)
    return obj


def _require_submission(user: Any, action: Action, submission: Any) -> None:
    found = standing(user, submission.round.partnership)
    if found is None:
        raise NotFound()
    role = scoping.role_in(user, submission.owner_id)
    if role is None:
        if submission.round.status != "revealed":
            raise NotFound()  # blind: the other side may not even learn what it holds
        if action != Action.VIEW:
            raise Forbidden("Only the submitting organisation may change its answers.")
        return
    if action != Action.VIEW and role == Role.VIEWER:
        raise Forbidden("Viewers can read but not change the submission.")


def _require_agreement(user: Any, action: Action, agreement: Any) -> None:
    """Agreements are joint: every party reads them; contributors of any party co-draft them."""
    _require_partnership(
        user, Action.VIEW if action == Action.VIEW else Action.CONTRIBUTE, agreement.partnership
    )


def _require_clause(user: Any, action: Action, clause: Any) -> None:
    _require_agreement(user, action, clause.agreement)


def _require_measurement(user: Any, action: Action, measurement: Any) -> None:
    """A measurement is read (and its history) wherever its goal is; writes are checked by the goal
    services (either side measures a shared goal)."""
    _require_record(user, action, measurement.goal)


_CHECKERS = {
    "Measurement": _require_measurement,
    "Agreement": _require_agreement,
    "Clause": _require_clause,
    "Submission": _require_submission,
    "Organisation": _require_organisation,
    "Partnership": _require_partnership,
}
