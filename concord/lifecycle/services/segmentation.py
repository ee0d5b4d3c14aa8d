"""Kraljic segmentation by the buying organisation (internal), its factor weights, and the
relationship type the partnership keeps (a type other than the quadrant's suggestion keeps its
rationale)."""

import datetime

from django.db import transaction
from django.utils import timezone

from concord.access.policy import require
from concord.access.roles import Action, Visibility
from concord.access.sides import buyer_org, require_org_contributor
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import ValidationFailed
from concord.lifecycle import kraljic
from concord.lifecycle.models import KraljicWeights, Segmentation
from concord.lifecycle.services.stages import FIRST_SAVED
from concord.organisations.models import Organisation
from concord.partnerships import relationship
from concord.partnerships.models import Partnership
from concord.partnerships.services import partnership_update


def weights_of(organisation_id: int) -> dict[str, int]:
    """The organisation's weights, or the defaults when it never set any."""
    found = KraljicWeights.unscoped.filter(organisation_id=organisation_id).first()
    return found.as_dict() if found else dict(kraljic.DEFAULT_WEIGHTS)


def weights_set(
    *, actor: User, organisation: Organisation, version: int | None, **weights: int
) -> KraljicWeights:
    """Change the organisation's factor weights (its members; later assessments use them, earlier
    ones keep the weights they were made with)."""
    require_org_contributor(actor, organisation.pk)
    unknown = set(weights) - set(kraljic.FACTOR_KEYS)
    if unknown:
        raise ValidationFailed.single(sorted(unknown)[0], "Not a Kraljic factor.")
    with transaction.atomic():
        current = KraljicWeights.unscoped.select_for_update().filter(organisation=organisation).first()
        if current is None:
            # Version 1 is the defaults (nothing stored): the first change stores version 2, so a
            # page still showing the defaults afterwards is stale (409).
            if version not in (None, 1):
                raise ValidationFailed.single("version", "The weights were never changed: send version 1.")
            made = KraljicWeights(
                organisation=organisation, version=FIRST_SAVED, **{**kraljic.DEFAULT_WEIGHTS, **weights}
            )
            return tracked_create(actor=actor, instance=made)
        return tracked_update(actor=actor, instance=current, version=version, changes=weights)


def segmentation_record(
    *,
    actor: User,
    partnership: Partnership,
    spend_share: int,
    business_impact: int,
    qualified_suppliers: int,
    switching_cost: int,
    market_scarcity: int,
    assessed_on: datetime.date | None = None,
    note: str = "",
) -> Segmentation:
    """A new assessment of the partnership by its buying side (never the supplier's): placed with
    the organisation's current weights, which it keeps."""
    owner = buyer_org(actor, partnership, Action.CONTRIBUTE)
    scores = {
        "spend_share": spend_share,
        "business_impact": business_impact,
        "qualified_suppliers": qualified_suppliers,
        "switching_cost": switching_cost,
        "market_scarcity": market_scarcity,
    }
    bad = {k: ["Score it from 1 to 5."] for k, v in scores.items() if not kraljic.LOW <= v <= kraljic.HIGH}
    if bad:
        raise ValidationFailed(bad)
    today = timezone.localdate()
    if assessed_on is not None and assessed_on > today:
        raise ValidationFailed.single("assessed_on", "An assessment cannot be dated in the future.")
    weights = weights_of(owner)
    placed = kraljic.place(scores, weights)
    record = Segmentation(
        partnership=partnership,
        owner_id=owner,
        visibility=Visibility.INTERNAL,
        created_by=actor,
        weights=weights,
        profit_impact=placed.profit_impact,
        supply_risk=placed.supply_risk,
        quadrant=placed.quadrant.value,
        assessed_on=assessed_on or today,
        note=note,
        **scores,
    )
    return tracked_create(actor=actor, instance=record)


def latest(partnership_id: int, owner_id: int) -> Segmentation | None:
    return (
        Segmentation.unscoped.filter(partnership_id=partnership_id, owner_id=owner_id)
        .order_by("-assessed_on", "-id")
        .first()
    )


@relationship.suggestion_source
def suggested_type(partnership_id: int, buyer_id: int) -> str | None:
    """The type the buying organisation's latest assessment suggests (partnerships.relationship
    reads it through this, so the partnership's own edit form applies the same rule)."""
    current = latest(partnership_id, buyer_id)
    return current.suggested_type if current else None


def relationship_set(
    *,
    actor: User,
    partnership: Partnership,
    version: int | None,
    relationship_type: str,
    relationship_rationale: str,
) -> Partnership:
    """The buying side sets the relationship type against its segmentation (the partnership's
    admins and managers): a type other than the suggestion needs its rationale."""
    buyer_org(actor, partnership, Action.CONTRIBUTE)
    require(actor, Action.CHANGE, partnership)
    # The rule itself is partnership_update's (partnerships.relationship): one for every path.
    return partnership_update(
        actor=actor,
        partnership=partnership,
        version=version,
        relationship_type=relationship_type,
        relationship_rationale=relationship_rationale,
    )
