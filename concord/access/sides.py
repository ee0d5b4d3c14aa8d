"""Decisions about what one side keeps to itself: the buying side's own view of a partnership
(its Kraljic segmentation and due diligence), the supplier's customer insight, and the buying
organisation's choice of partners. Split from access.policy (one module per concern, none over
400 lines); like it, the only place these questions are answered (docs/access.md)."""

from typing import Any

from django.db.models import QuerySet

from concord.access import members
from concord.access.policy import contributes_for, require, require_contributor_in
from concord.access.rights import parties_of, standing
from concord.access.roles import Action, Role, Side
from concord.core.errors import Forbidden, NotFound, ValidationFailed

# ---- the buying side's own view of a partnership (segmentation, due diligence) -------------------


def buyer_org(user: Any, partnership: Any, action: Action = Action.VIEW) -> int:
    """The buying organisation through which `user` reads (or, for any other action, writes) the
    buyer's internal view of `partnership`: its segmentation and its due diligence on the supplier.
    Anyone not on the buying side gets NotFound — the supplier may not learn these exist — and a
    buying-side viewer Forbidden for a write."""
    buyers = [p.organisation_id for p in parties_of(partnership) if p.side == Side.BUYER]
    mine = [org for org in buyers if members.role_in(user, org) is not None]
    if not mine:
        raise NotFound()
    if action == Action.VIEW:
        return int(mine[0])
    writers = [org for org in mine if contributes_for(user, org)]
    if not writers:
        raise Forbidden("Viewers can read but not change the buying side's assessments.")
    return int(writers[0])


def reads_as_buyer(user: Any, partnership: Any) -> bool:
    """Whether `user` sees the buying side's internal view of `partnership` (no query once the
    parties are prefetched and the memberships read)."""
    try:
        buyer_org(user, partnership)
    except NotFound:
        return False
    return True


def buying_side_of(user: Any, partnership: Any) -> int | None:
    """The buying organisation through which `user` acts in `partnership`, or None when they act
    for the supplier side only (the relationship type is the buying side's to set)."""
    try:
        return buyer_org(user, partnership)
    except NotFound:
        return None


def require_org_contributor(user: Any, organisation_id: int) -> None:
    """Writing an organisation's own records (its due diligence, its weights): its members and
    admins, not its viewers; NotFound for anyone outside it."""
    role = members.role_in(user, organisation_id)
    if role is None:
        raise NotFound()
    if role == Role.VIEWER:
        raise Forbidden("Viewers can read but not change these records.")


def readers_of_org(person_orgs: set[int], organisation_id: int) -> bool:
    """For jobs: may a person whose organisations are `person_orgs` read a record internal to
    `organisation_id` that belongs to no partnership (due diligence)? Its members only."""
    return organisation_id in person_orgs


# ---- customer insight (docs/insight.md) -----------------------------------------------------------


INSIGHT_SUPPLIER_ONLY = "Customer insight is kept by the supplier side of the partnership."


def insight_org(user: Any, partnership: Any) -> int | None:
    """The supplier organisation through which `user` keeps customer insight in `partnership`, or
    None when they act for the buying side (who sees only the proposals shared with it)."""
    found = standing(user, partnership)
    if found is None:
        raise NotFound()
    if found.side != Side.SUPPLIER:
        return None
    return found.organisation_id


def require_insight_reader(user: Any, partnership: Any) -> int:
    """Only the supplier side reads its customer profile and recommendations: the buyer is
    refused (403: it knows the tab exists, not what it holds), outsiders get 404."""
    org = insight_org(user, partnership)
    if org is None:
        raise Forbidden(INSIGHT_SUPPLIER_ONLY)
    return org


def require_insight_writer(user: Any, partnership: Any) -> int:
    """The supplier's contributors (not viewers) keep the customer profile and make proposals."""
    org = require_insight_reader(user, partnership)
    require_contributor_in(user, partnership, org)
    return org


def reads_as_owner(user: Any, record: Any) -> bool:
    """Whether `user` belongs to the organisation owning `record` (the supplier's own notes on a
    shared installed-base item are shown only then)."""
    return members.role_in(user, record.owner_id) is not None


# ---- choosing partners (selection) ----------------------------------------------------------------


def chooses_partners(user: Any) -> bool:
    """Whether the person belongs to a buying organisation (any kind but supplier-only), where
    needs for a partner are kept: the main navigation offers "Choosing partners" only then. No
    query beyond the memberships read once per request."""
    return bool(members.buying_org_ids(user))


def candidate_organisation_ids(organisation_id: int) -> QuerySet[Any]:
    """The existing organisations a buying organisation may name as candidates for one of its
    needs: the suppliers it already has a partnership with (the only organisations its people can
    know in Concord; a new one is named and invited when chosen). A subquery."""
    return members.supplier_partner_ids(organisation_id)


def require_candidate_organisation(organisation_id: int, candidate_id: int) -> None:
    if not candidate_organisation_ids(organisation_id).filter(organisation_id=candidate_id).exists():
        raise ValidationFailed.single(
            "organisation", "Choose a supplier your organisation already works with, or name a new one."
        )


def require_evaluator(user: Any, need: Any) -> None:
    """Scores are entered by members (not viewers) of the organisation that owns the need, each
    as themselves."""
    require(user, Action.CONTRIBUTE, need)


def require_decider(user: Any, need: Any) -> None:
    """Choosing the partner opens a partnership in the buying organisation's name (and may invite
    a supplier): its admins only, as for opening a partnership or inviting a supplier."""
    found = require(user, Action.VIEW, need)
    if Action.MANAGE not in found:
        raise Forbidden("Only an admin of the buying organisation may choose the partner.")


def evaluator_orgs(user: Any) -> list[int]:
    """The organisations whose needs `user` scores (their admin and member ones): for the home
    page's "scores awaited from you"."""
    return members.contributor_org_ids(user)
