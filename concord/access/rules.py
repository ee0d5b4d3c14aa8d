"""The access rules, one per kind of object, each in two forms that must agree:

- `q(user, action, prefix)` — the set a person may do `action` on, as one `filter()` built from
  subqueries (never chained filters across a multi-valued relation: each chained call adds its own
  join and could grant access through a row the person is not on). `restrict()` uses it.
- `rights(user, obj)` — what a person may do with one object: a `Rights` with the allowed actions
  and, for each refused one, the reason; NotFound when the object is outside their reach (they
  may not learn it exists). `access.policy.require` and `access.policy.get_for` use it.

A model picks its rule in its `access_rule`; tests/access check for every persona and every
object of the test world that both forms give the same answer.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from concord.access import members
from concord.access.rights import (
    Rights,
    partnership_q,
    partnership_rights,
    rights_from,
    standing,
    walk,
)
from concord.access.roles import Action, Role, Visibility
from concord.core.errors import NotFound
from concord.core.sealing import seal

WRITES = (Action.CONTRIBUTE, Action.CHANGE, Action.MANAGE)
# ---- the rules ------------------------------------------------------------------------------------


class Rule:
    def q(self, user: Any, action: Action, prefix: str = "") -> Q:
        raise NotImplementedError

    def rights(self, user: Any, obj: Any) -> Rights:
        raise NotImplementedError


@dataclass(frozen=True)
class Member(Rule):
    """Objects of an organisation (the organisation itself, its memberships, its invitations):
    members read them, members and admins contribute, admins change and manage."""

    path: str  # to the organisation's id: "pk", "organisation_id"

    def q(self, user: Any, action: Action, prefix: str = "") -> Q:
        if action == Action.VIEW:
            orgs = members.org_ids(user)
        elif action == Action.CONTRIBUTE:
            orgs = members.contributor_org_ids(user)
        else:
            orgs = members.admin_org_ids(user)
        return Q(**{f"{prefix}{self.path}__in": orgs})

    def rights(self, user: Any, obj: Any) -> Rights:
        role = members.role_in(user, walk(obj, self.path))
        if role is None:
            raise NotFound()
        admin_only = None if role == Role.ADMIN else "Only an admin of the organisation may do this."
        return rights_from(
            {
                Action.VIEW: None,
                Action.CONTRIBUTE: None if role != Role.VIEWER else admin_only,
                Action.CHANGE: admin_only,
                Action.MANAGE: admin_only,
            }
        )


@dataclass(frozen=True)
class PartnershipRule(Rule):
    """The partnership itself: parties read it, their members (not viewers) and the partnership
    managers add to it, admins and partnership managers change and manage it."""

    def q(self, user: Any, action: Action, prefix: str = "") -> Q:
        return partnership_q(user, action, f"{prefix}pk" if not prefix else prefix.removesuffix("__"))

    def rights(self, user: Any, obj: Any) -> Rights:
        return partnership_rights(user, obj)


@dataclass(frozen=True)
class Joint(Rule):
    """Objects both parties own together (agreements, clauses, the vision, rounds, parties): every
    party reads them; whoever may add to the partnership may change them."""

    path: str  # to the partnership: "partnership", "agreement__partnership"

    def q(self, user: Any, action: Action, prefix: str = "") -> Q:
        needed = Action.VIEW if action == Action.VIEW else Action.CONTRIBUTE
        return partnership_q(user, needed, f"{prefix}{self.path}")

    def rights(self, user: Any, obj: Any) -> Rights:
        found = partnership_rights(user, walk(obj, self.path))
        refused = found.refused.get(Action.CONTRIBUTE)
        return rights_from({Action.VIEW: None, **dict.fromkeys(WRITES, refused)})


@dataclass(frozen=True)
class Record(Rule):
    """Partnership records with an owner and a visibility: `shared` ones are read by every party,
    `internal` ones by the owning organisation only; the author or an admin of the owner changes
    them, viewers never."""

    def q(self, user: Any, action: Action, prefix: str = "") -> Q:
        mine = members.org_ids(user)
        readable = Q(**{f"{prefix}partnership__in": members.partnership_ids(user)}) & (
            Q(**{f"{prefix}visibility": Visibility.SHARED}) | Q(**{f"{prefix}owner_id__in": mine})
        )
        if action == Action.VIEW:
            return readable
        return (
            readable
            & Q(**{f"{prefix}owner_id__in": members.contributor_org_ids(user)})
            & (
                Q(**{f"{prefix}created_by_id": user.pk})
                | Q(**{f"{prefix}owner_id__in": members.admin_org_ids(user)})
            )
        )

    def rights(self, user: Any, obj: Any) -> Rights:
        if obj.visibility == Visibility.INTERNAL and members.role_in(user, obj.owner_id) is None:
            raise NotFound()
        if standing(user, obj.partnership) is None:
            raise NotFound()
        return rights_from({Action.VIEW: None, **dict.fromkeys(WRITES, record_write_refusal(user, obj))})


@dataclass(frozen=True)
class OwnedRecord(Record):
    """Records that name the person who owns them (risks): as `Record`, and the person named
    owner also changes them (reviews, rescores, fires) while they may add to the partnership —
    a supplier's key account manager owning a supply risk the buyer recorded keeps it current."""

    person: str = "owner_person_id"

    def q(self, user: Any, action: Action, prefix: str = "") -> Q:
        found = super().q(user, action, prefix)
        if action == Action.VIEW:
            return found
        owned = Q(**{f"{prefix}{self.person}": getattr(user, "pk", None)})
        return found | (
            super().q(user, Action.VIEW, prefix)
            & owned
            & partnership_q(user, Action.CONTRIBUTE, f"{prefix}partnership")
        )

    def rights(self, user: Any, obj: Any) -> Rights:
        found = super().rights(user, obj)
        if Action.CHANGE in found or walk(obj, self.person) != getattr(user, "pk", None):
            return found
        place = standing(user, obj.partnership)
        if place is None or not place.contributes:
            return found
        return Rights(frozenset(Action))


def record_write_refusal(user: Any, record: Any) -> str | None:
    """Why `user` may not change a record they can see, or None when they may (no queries)."""
    role = members.role_in(user, record.owner_id)
    if role is None:
        return "Only the organisation that owns this record may change it."
    if role == Role.VIEWER:
        return "Viewers can read but not change records."
    if role != Role.ADMIN and record.created_by_id != user.pk:
        return "Only the author or an admin of the owning organisation may change it."
    return None


@dataclass(frozen=True)
class Child(Rule):
    """Objects that live inside another (a goal's measurements, a demand's answers, a meeting's
    decisions): read and changed exactly where their parent is. Services may add finer checks."""

    parent: str  # the foreign key to the parent: "goal", "demand"
    parent_rule: Rule  # the parent model's access_rule

    def q(self, user: Any, action: Action, prefix: str = "") -> Q:
        return self.parent_rule.q(user, action, f"{prefix}{self.parent}__")

    def rights(self, user: Any, obj: Any) -> Rights:
        return self.parent_rule.rights(user, getattr(obj, self.parent))


@dataclass(frozen=True)
class Blind(Rule):
    """Answers of one party that the others may read only once revealed (vision submissions):
    before that, they may not even learn what it holds."""

    partnership: str  # path to the partnership: "round__partnership"
    status: str  # path to the status that reveals: "round__status"
    revealed: str  # the status value: "revealed"

    def q(self, user: Any, action: Action, prefix: str = "") -> Q:
        in_partnership = Q(**{f"{prefix}{self.partnership}__in": members.partnership_ids(user)})
        if action != Action.VIEW:
            return in_partnership & Q(**{f"{prefix}owner_id__in": members.contributor_org_ids(user)})
        revealed = Q(**{f"{prefix}{self.status}": self.revealed})
        return in_partnership & (Q(**{f"{prefix}owner_id__in": members.org_ids(user)}) | revealed)

    def rights(self, user: Any, obj: Any) -> Rights:
        if standing(user, walk(obj, self.partnership)) is None:
            raise NotFound()
        role = members.role_in(user, obj.owner_id)
        if role is None:
            if walk(obj, self.status) != self.revealed:
                raise NotFound()
            refusal: str | None = "Only the submitting organisation may change its answers."
        else:
            refusal = "Viewers can read but not change the submission." if role == Role.VIEWER else None
        return rights_from({Action.VIEW: None, **dict.fromkeys(WRITES, refusal)})


@dataclass(frozen=True)
class Sealed(Rule):
    """Anonymous answers (survey responses): stored under a sealed key instead of the person
    (core.sealing), so the only one who ever reads or changes an answer is its answerer, while
    they are still a member of the organisation it counts for in the partnership. Nobody else —
    not their own side's lead — reads one: what leaves the database is aggregates, computed by
    the app's services under its anonymity threshold."""

    partnership: str  # path to the partnership: "round__partnership"
    purpose: str  # the seal's purpose: "survey"
    key: str = "respondent"

    def q(self, user: Any, action: Action, prefix: str = "") -> Q:
        if not getattr(user, "is_authenticated", False):
            return Q(pk__in=[])
        return Q(
            **{
                f"{prefix}{self.key}": seal(self.purpose, user.pk),
                f"{prefix}{self.partnership}__in": members.partnership_ids(user),
                f"{prefix}organisation_id__in": members.org_ids(user),
            }
        )

    def rights(self, user: Any, obj: Any) -> Rights:
        mine = getattr(obj, self.key) == seal(self.purpose, getattr(user, "pk", None))
        if not mine or members.role_in(user, obj.organisation_id) is None:
            raise NotFound()
        if standing(user, walk(obj, self.partnership)) is None:
            raise NotFound()
        return Rights(frozenset(Action))


@dataclass(frozen=True)
class Personal(Rule):
    """Objects of one person (API tokens, calendar feeds, notifications): theirs alone."""

    path: str = "user_id"

    def q(self, user: Any, action: Action, prefix: str = "") -> Q:
        return Q(**{f"{prefix}{self.path}": getattr(user, "pk", None)})

    def rights(self, user: Any, obj: Any) -> Rights:
        if not getattr(user, "is_authenticated", False) or walk(obj, self.path) != user.pk:
            raise NotFound()
        return Rights(frozenset(Action))


@dataclass(frozen=True)
class OrgInternal(Rule):
    """Records an organisation keeps to itself, outside any partnership (a buying organisation's
    needs for a partner, their candidates and evaluation): only its members read them — no other
    organisation, not even one named as a candidate, learns they exist; its members (not viewers)
    add to them; the author or an admin changes them; its admins manage them (decide)."""

    path: str = "owner_id"

    def q(self, user: Any, action: Action, prefix: str = "") -> Q:
        field = f"{prefix}{self.path}"
        if action == Action.VIEW:
            return Q(**{f"{field}__in": members.org_ids(user)})
        if action == Action.CONTRIBUTE:
            return Q(**{f"{field}__in": members.contributor_org_ids(user)})
        if action == Action.MANAGE:
            return Q(**{f"{field}__in": members.admin_org_ids(user)})
        return Q(**{f"{field}__in": members.admin_org_ids(user)}) | Q(
            **{f"{field}__in": members.contributor_org_ids(user), f"{prefix}created_by_id": user.pk}
        )

    def rights(self, user: Any, obj: Any) -> Rights:
        role = members.role_in(user, walk(obj, self.path))
        if role is None:
            raise NotFound()
        viewer = "Viewers can read but not change this." if role == Role.VIEWER else None
        author = (
            None
            if role == Role.ADMIN or obj.created_by_id == user.pk
            else "Only the author or an admin may change it."
        )
        admin = None if role == Role.ADMIN else "Only an admin of the organisation may do this."
        return rights_from(
            {
                Action.VIEW: None,
                Action.CONTRIBUTE: viewer,
                Action.CHANGE: viewer or author,
                Action.MANAGE: admin,
            }
        )
