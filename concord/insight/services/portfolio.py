"""The supplier organisation's offering portfolio and the weights of its fit engine.

Members (not viewers) of the organisation add and edit offerings; its admins set the weights.
Each offering's lists are kept normalised in OfferingKey, rewritten with every change, so the fit
engine matches them against the installed base in SQL.
"""

from typing import Any

from django.db import transaction

from concord.access.policy import require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_delete, tracked_update
from concord.core.errors import ValidationFailed
from concord.insight.fit import split_list
from concord.insight.models import FitWeights, KeyRelation, Offering, OfferingKey, theme_mask
from concord.organisations.models import Organisation

OFFERING_FIELDS = frozenset(
    {
        "name",
        "category",
        "tags",
        "replaces",
        "compatible_with",
        "incompatible_with",
        "prerequisites",
        "themes",
        "cost_band",
        "lead_time_days",
        "available_from",
        "available_until",
        "lifecycle",
        "description",
    }
)
WEIGHT_FIELDS = ("goals", "installed_base", "timing", "cost_benefit")
LISTS = {
    KeyRelation.REPLACES: "replaces",
    KeyRelation.COMPATIBLE: "compatible_with",
    KeyRelation.INCOMPATIBLE: "incompatible_with",
    KeyRelation.PREREQUISITE: "prerequisites",
}


def derived(fields: dict[str, Any]) -> dict[str, Any]:
    """The columns computed from what people give: the theme bits, the count of prerequisites."""
    themes = fields.get("themes") or []
    if not isinstance(themes, list):
        raise ValidationFailed.single("themes", "Choose themes from the list.")
    try:
        mask = theme_mask(themes)
    except KeyError:
        raise ValidationFailed.single("themes", "Choose themes from the list.") from None
    return {"theme_mask": mask, "prerequisite_count": len(split_list(fields.get("prerequisites", "")))}


def keys_of(offering: Offering) -> list[OfferingKey]:
    return [
        OfferingKey(offering=offering, relation=relation, key=key)
        for relation, name in LISTS.items()
        for key in split_list(getattr(offering, name))
    ]


def _only(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - OFFERING_FIELDS
    if unknown:
        raise ValidationFailed({name: ["This field cannot be changed here."] for name in sorted(unknown)})
    return fields


def offering_create(*, actor: User, organisation: Organisation, **fields: Any) -> Offering:
    """Add an offering to the organisation's portfolio."""
    require(actor, Action.CONTRIBUTE, organisation)
    fields = _only(fields)
    offering = Offering(organisation=organisation, **fields, **derived(fields))
    with transaction.atomic():
        tracked_create(actor=actor, instance=offering)
        OfferingKey.unscoped.bulk_create(keys_of(offering))
    return offering


def offering_update(*, actor: User, offering: Offering, version: int | None, **changes: Any) -> Offering:
    require(actor, Action.CONTRIBUTE, offering)
    changes = _only(changes)
    merged = {name: changes.get(name, getattr(offering, name)) for name in ("themes", "prerequisites")}
    with transaction.atomic():
        saved = tracked_update(
            actor=actor, instance=offering, version=version, changes={**changes, **derived(merged)}
        )
        OfferingKey.unscoped.filter(offering=saved).delete()
        OfferingKey.unscoped.bulk_create(keys_of(saved))
    return saved


def offering_delete(*, actor: User, offering: Offering, version: int | None) -> None:
    """Remove an offering; proposals made of it keep its name."""
    require(actor, Action.CONTRIBUTE, offering)
    tracked_delete(actor=actor, instance=offering, version=version)


def weights_of(organisation_id: int) -> FitWeights:
    """The organisation's weights, or the defaults (unsaved) when it has set none."""
    found = FitWeights.unscoped.filter(organisation_id=organisation_id).first()
    return found or FitWeights(organisation_id=organisation_id)


def weights_save(
    *, actor: User, organisation: Organisation, version: int | None = None, **weights: int
) -> FitWeights:
    """Set how much each fit factor counts (admins of the organisation)."""
    require(actor, Action.CHANGE, organisation)
    unknown = set(weights) - set(WEIGHT_FIELDS)
    if unknown:
        raise ValidationFailed({name: ["This field cannot be changed here."] for name in sorted(unknown)})
    with transaction.atomic():
        current = FitWeights.unscoped.select_for_update().filter(organisation=organisation).first()
        if current is None:
            return tracked_create(actor=actor, instance=FitWeights(organisation=organisation, **weights))
        return tracked_update(actor=actor, instance=current, version=version, changes=weights)
