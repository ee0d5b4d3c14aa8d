"""Policy: what a person may do with an object, and the named decisions the domain asks for.

`require` answers NotFound when the object is outside the person's reach (they may not learn it
exists) and Forbidden when they can see it but lack the right. `get_for` looks an object up
inside the person's reach and returns it with everything they may do with it, in one step.
"""

from typing import Any, NamedTuple

from django.db.models import Model, QuerySet

from concord.access import members
from concord.access.rights import Rights, Standing, parties_of, standing
from concord.access.roles import SAFE_METHODS, Action, Role, Side, TokenScope, Visibility
from concord.access.rules import Blind, Child, Record, record_write_refusal
from concord.core.errors import Forbidden, NotFound, ValidationFailed

__all__ = ["Found", "Rights", "Standing", "can", "get_for", "require", "rights_on", "standing"]


def rights_on(user: Any, obj: Model) -> Rights:
    """Everything `user` may do with `obj`; NotFound when it is outside their reach."""
    rule = getattr(type(obj), "access_rule", None)
    if rule is None or not getattr(user, "is_authenticated", False):
        raise NotFound()
    rights: Rights = rule.rights(user, obj)
    return rights


def require(user: Any, action: Action, obj: Model) -> Rights:
    """Raise NotFound or Forbidden unless `user` may do `action` on `obj`."""
    rights = rights_on(user, obj)
    rights.require(action)
    return rights


def can(user: Any, action: Action, obj: Model) -> bool:
    try:
        require(user, action, obj)
    except (NotFound, Forbidden):
        return False
    return True


class Found[M: Model](NamedTuple):
    """An object inside the caller's reach and what the caller may do with it."""

    obj: M
    may: Rights


def get_for[M: Model](
    user: Any, source: type[M] | QuerySet[M], action: Action = Action.VIEW, **lookup: Any
) -> Found[M]:
    """Look one object up inside `user`'s reach — NotFound outside it, Forbidden when `action` is
    not theirs — and say what else they may do with it. `source` is a model or a queryset a
    selector prepared (select_related and the like); either is narrowed to `user` here."""
    queryset: Any = source.objects.all() if isinstance(source, type) else source  # type: ignore[attr-defined]
    if getattr(queryset, "_for", None) is not user:
        queryset = queryset.restrict(user)
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise NotFound()
    return Found(obj, require(user, action, obj))


def readable_by_person(record: Any, *, person_orgs: set[int], party_orgs: set[int]) -> bool:
    """For jobs that decide for many people at once (reminders, digests): may a person whose
    organisations are `person_orgs` read `record`, in a partnership whose parties are `party_orgs`?
    The same rule as Record, on sets read once: a person who left the parties reads nothing."""
    if not person_orgs & party_orgs:
        return False
    return record.visibility == Visibility.SHARED or record.owner_id in person_orgs


def organisation_reads(*, organisation_id: int, owner_id: int, visibility: str) -> bool:
    """For figures computed per organisation rather than per person (the health index): may the
    organisation, as a party of the record's partnership, read a record with this owner and
    visibility? The Record rule for a whole organisation: shared records, and its own internal
    ones — never the other side's internal records."""
    return visibility == Visibility.SHARED or owner_id == organisation_id


def person_reads(person_id: int, record: Any) -> bool:
    """Whether another person (someone to invite to a meeting) may read `record`."""
    party_orgs = {p.organisation_id for p in parties_of(record.partnership)}
    return readable_by_person(record, person_orgs=members.org_ids_of(person_id), party_orgs=party_orgs)


def own_party_orgs(user: Any, partnership: Any) -> list[int]:
    """The parties of `partnership` that `user` belongs to (usually one)."""
    return [p.organisation_id for p in parties_of(partnership) if members.role_in(user, p.organisation_id)]


def own_orgs(user: Any) -> set[int]:
    """The organisations `user` belongs to: "us" in every partnership (no query after the first)."""
    return set(members.org_ids(user))


def private_to(obj: Any) -> int | None:
    """The one organisation that alone may read `obj` as it is now (an internal record, or a
    child of one; a blind submission, whose owner alone reads it until the round is revealed), or
    None when every party of its partnership reads it. The audit trail keeps the history of each
    in a chain of its own, so that neither side's chain tells anything about the other's."""
    rule = getattr(type(obj), "access_rule", None)
    while isinstance(rule, Child):
        obj, rule = getattr(obj, rule.parent), rule.parent_rule
    if isinstance(rule, Record) and obj.visibility == Visibility.INTERNAL:
        return int(obj.owner_id)
    if isinstance(rule, Blind):
        return int(obj.owner_id)
    return None


def may_change_listed(user: Any, record: Any) -> bool:
    """For a record already read through scoping: may the user edit it? No queries (for lists)."""
    return record_write_refusal(user, record) is None


# ---- who acts for which organisation --------------------------------------------------------------


def is_party(user: Any, partnership: Any) -> bool:
    return standing(user, partnership) is not None


def acting_organisation(user: Any, partnership: Any) -> int | None:
    """The organisation through which `user` acts in `partnership` (None for outsiders)."""
    found = standing(user, partnership)
    return found.organisation_id if found else None


def acting_side(user: Any, partnership: Any) -> str | None:
    """The side (buyer or supplier) `user` acts for in `partnership` (None for outsiders)."""
    found = standing(user, partnership)
    return found.side if found else None


def may_invite_to(user: Any, record: Any) -> bool:
    """Each side invites its own people to a meeting (or adds owners to a plan) it may read; an
    internal one only its owner's people."""
    return record.visibility == Visibility.SHARED or members.role_in(user, record.owner_id) is not None


def other_side(partnership: Any, organisation_id: int) -> list[int]:
    """The organisations on the other side of `partnership` from `organisation_id` (whom a demand
    of it may be addressed to)."""
    parties = parties_of(partnership)
    side = next(p.side for p in parties if p.organisation_id == organisation_id)
    return [p.organisation_id for p in parties if p.side != side]


def contributes_for(user: Any, organisation_id: int) -> bool:
    """Whether `user` writes on behalf of `organisation_id` (its admins and members, not viewers)."""
    role = members.role_in(user, organisation_id)
    return role is not None and role != Role.VIEWER


def require_contributor_in(user: Any, partnership: Any, organisation_id: int) -> None:
    """The user may write records owned by `organisation_id` in `partnership`."""
    require(user, Action.CONTRIBUTE, partnership)
    if not contributes_for(user, organisation_id):
        raise Forbidden("You may only add records for your own organisation.")


def writer_org(user: Any, partnership: Any) -> int:
    """The organisation a new record of the user's belongs to; they must be able to write for it."""
    found = standing(user, partnership)
    if found is None:
        raise NotFound()
    require_contributor_in(user, partnership, found.organisation_id)
    return found.organisation_id


def require_contributor_inside(user: Any, record: Any) -> None:
    """Adding to a record (a value of a goal, an item of a plan): contributors of either party add
    to a shared record — the figures often come from the other side's systems — and only the
    owner's contributors add to an internal one."""
    require(user, Action.VIEW, record)
    if record.visibility == Visibility.INTERNAL:
        require_contributor_in(user, record.partnership, record.owner_id)
    else:
        require(user, Action.CONTRIBUTE, record.partnership)


def may_contribute_inside(user: Any, record: Any) -> bool:
    try:
        require_contributor_inside(user, record)
    except (Forbidden, NotFound):
        return False
    return True


# ---- named decisions ------------------------------------------------------------------------------


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
    if not can_admin_party(user, party):
        raise Forbidden("Only an admin of that organisation may change its side of the partnership.")


def can_admin_party(user: Any, party: Any) -> bool:
    return members.role_in(user, party.organisation_id) == Role.ADMIN


def check_manager_candidate(person: Any, party: Any) -> None:
    """A partnership manager is a member (not a viewer) of the side's organisation."""
    role = members.role_of(person.pk, party.organisation_id)
    if role is None:
        raise ValidationFailed.single("manager", "The manager must be a member of the organisation.")
    if role == Role.VIEWER:
        raise ValidationFailed.single(
            "manager", "A viewer cannot manage a partnership; change the role first."
        )


def require_signatory(user: Any, partnership: Any) -> Standing:
    """Only an admin of a party's organisation is an authorised signatory for it."""
    found = standing(user, partnership)
    if found is None:
        raise NotFound()
    if found.role != Role.ADMIN:
        raise Forbidden("Only an admin of your organisation may sign on its behalf.")
    return found


LEAD = "Only an admin of your organisation or its partnership manager may do this for your side."


def require_side_lead(user: Any, partnership: Any) -> Standing:
    """A side's lead in a partnership: an admin of the party's organisation or the partnership
    manager (who opens survey rounds and signs reviews for the side)."""
    found = standing(user, partnership)
    if found is None:
        raise NotFound()
    if not found.administers:
        raise Forbidden(LEAD)
    return found


def is_side_lead(user: Any, partnership: Any) -> bool:
    found = standing(user, partnership)
    return found is not None and found.administers


def signatory_orgs(user: Any) -> set[int]:
    """The organisations `user` may sign for in any partnership they are a party to (their admin
    ones: require_signatory's rule as a set; no query after the first)."""
    return set(members.admin_org_ids(user))


def signatories(organisation_id: int) -> set[int]:
    """The people who may sign for `organisation_id` (signatory_orgs' rule, seen from the
    organisation): whom a signature request is addressed to."""
    return members.admin_ids(organisation_id)


def can_sign(user: Any, partnership: Any) -> bool:
    try:
        require_signatory(user, partnership)
    except (NotFound, Forbidden):
        return False
    return True


def require_org_admin(user: Any, organisation_id: int, field: str = "organisation") -> None:
    """For choosing an organisation to act for (joining a partnership with it): admins only."""
    if members.role_in(user, organisation_id) != Role.ADMIN:
        raise ValidationFailed.single(field, "Choose an organisation you are an admin of.")


def require_self(user: Any, owner_id: int) -> None:
    """Personal objects (API tokens, calendar feeds) belong to one user; others get NotFound."""
    if not getattr(user, "is_authenticated", False) or user.pk != owner_id:
        raise NotFound()


def require_token_scope(scope: str, method: str) -> None:
    """A read-only API token may call the safe methods (GET, HEAD, OPTIONS) and nothing else —
    whatever the operation, even one that changes nothing (a back-test) but is sent as a POST."""
    if scope != TokenScope.READ_WRITE and method.upper() not in SAFE_METHODS:
        raise Forbidden(
            "This API token is read-only: it may only read (GET). Create a read-write token to make changes."
        )


def needs_two_factor(user: Any) -> bool:
    """Whether one of the person's organisations requires its members to sign in with two factors."""
    return bool(members.two_factor_org_ids(user))


# ---- an organisation's own data, a person's erasure ----------------------------------------------


def organisation_reader(user: Any, organisation: Any) -> members.OrganisationReader:
    """Who reads an organisation's export: a member of that organisation alone (whatever else the
    admin asking for it belongs to). Only its admins may ask (`user` None: the operator)."""
    if user is not None:
        require(user, Action.MANAGE, organisation)
    return members.OrganisationReader(organisation.pk)


def require_eraser(user: Any, person: Any) -> None:
    """An organisation's admin erases the personal data of one of its members — not their own
    (another admin does that), and not of someone who also belongs to an organisation the admin
    does not administer (the operator does that: `concord erase-person`). `user` None: the
    operator, who may erase anyone."""
    if user is None:
        return
    theirs = members.org_ids_of(person.pk)
    mine = set(members.admin_org_ids(user))
    if not theirs & set(members.org_ids(user)):
        raise NotFound()
    if not theirs & mine:
        raise Forbidden("Only an admin of the person's organisation may erase their personal data.")
    if person.pk == user.pk:
        raise Forbidden("You cannot erase your own account; ask another admin of your organisation.")
    if theirs - mine:
        raise Forbidden(
            "This person also belongs to an organisation you do not administer; the operator can "
            "erase their personal data (concord erase-person)."
        )
