"""What a person may do with one object (`Rights`), and their standing in a partnership — the
pieces every rule in access/rules.py is built from."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from concord.access import members
from concord.access.roles import Action, Role
from concord.core.errors import Forbidden, NotFound

_RANK = {Role.VIEWER: 0, Role.MEMBER: 1, Role.ADMIN: 2}


@dataclass(frozen=True)
class Rights:
    """What a person may do with one object they can see, and why not the rest."""

    allowed: frozenset[Action]
    refused: Mapping[Action, str] = field(default_factory=dict)

    def __contains__(self, action: object) -> bool:
        return action in self.allowed

    def require(self, action: Action) -> None:
        if action not in self.allowed:
            raise Forbidden(self.refused.get(action))

    # For templates: {% if may.change %}
    @property
    def view(self) -> bool:
        return Action.VIEW in self.allowed

    @property
    def contribute(self) -> bool:
        return Action.CONTRIBUTE in self.allowed

    @property
    def change(self) -> bool:
        return Action.CHANGE in self.allowed

    @property
    def manage(self) -> bool:
        return Action.MANAGE in self.allowed


def rights_from(refusals: Mapping[Action, str | None]) -> Rights:
    """Rights from {action: reason it is refused, or None when allowed}."""
    allowed = frozenset(a for a, reason in refusals.items() if reason is None)
    return Rights(allowed, {a: r for a, r in refusals.items() if r is not None})


def walk(obj: Any, path: str) -> Any:
    for name in path.split("__") if path else ():
        obj = getattr(obj, name)
    return obj


# ---- standing in a partnership --------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """A person's place in a partnership: through which party, with which role, and whether they
    manage one of its sides."""

    organisation_id: int
    side: str
    role: str
    is_manager: bool

    @property
    def contributes(self) -> bool:
        return self.is_manager or self.role != Role.VIEWER

    @property
    def administers(self) -> bool:
        return self.is_manager or self.role == Role.ADMIN


def parties_of(partnership: Any) -> list[Any]:
    """The parties of a partnership, from the prefetch when there is one."""
    cache = getattr(partnership, "_prefetched_objects_cache", {})
    if "parties" in cache:
        return list(cache["parties"])
    return list(partnership.parties.all())


def standing(user: Any, partnership: Any) -> Standing | None:
    """The user's strongest standing among the parties of `partnership`, or None for outsiders."""
    best: Standing | None = None
    parties = parties_of(partnership)
    manages = any(p.manager_id == getattr(user, "pk", None) for p in parties)
    for party in parties:
        role = members.role_in(user, party.organisation_id)
        if role is not None and (best is None or _RANK[Role(role)] > _RANK[Role(best.role)]):
            best = Standing(party.organisation_id, party.side, role, manages)
    return best


def partnership_rights(user: Any, partnership: Any) -> Rights:
    found = standing(user, partnership)
    if found is None:
        raise NotFound()
    change = (
        None if found.administers else "Only an admin or the partnership manager may change the partnership."
    )
    return rights_from(
        {
            Action.VIEW: None,
            Action.CONTRIBUTE: None
            if found.contributes
            else "Viewers can read but not add to the partnership.",
            Action.CHANGE: change,
            Action.MANAGE: change,
        }
    )


def partnership_q(user: Any, action: Action, field_path: str) -> Q:
    """Partnerships (or objects whose `field_path` is a partnership) where `user` may do `action`."""
    if action == Action.VIEW:
        return Q(**{f"{field_path}__in": members.partnership_ids(user)})
    orgs = members.contributor_org_ids(user) if action == Action.CONTRIBUTE else members.admin_org_ids(user)
    return Q(**{f"{field_path}__in": members.partnerships_where(user, orgs)}) | Q(
        **{f"{field_path}__in": members.managed_partnership_ids(user)}
    )
