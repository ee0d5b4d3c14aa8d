"""Customer insight for each generated partnership, kept by its supplier: an installed base (one
item near end of support), goals of the customer on two themes, its constraints, and the
supplier's offering portfolio (PORTFOLIO offerings, with the normalised keys the fit engine
matches) — the same rows the services write."""

from typing import Any

from concord.access.roles import Visibility
from concord.demo import catalogue
from concord.demo.generator.batch import Batch
from concord.demo.generator.site import Site
from concord.insight.models import (
    CustomerConstraints,
    CustomerGoal,
    InstalledItem,
    Offering,
    OfferingKey,
    theme_mask,
)
from concord.insight.services.portfolio import derived, keys_of

MODELS: list[type[Any]] = [InstalledItem, CustomerGoal, CustomerConstraints, Offering, OfferingKey]
PORTFOLIO = 20  # offerings per supplier organisation
ITEMS = 6


def insight_step(site: Site, batch: Batch) -> None:
    rng, lead = site.rng, site.supplier_lead
    record = site.record(site.supplier, lead, Visibility.INTERNAL)
    for j in range(ITEMS):
        kind, make = rng.choice(catalogue.KINDS), rng.choice(catalogue.MAKES)
        status = rng.choice(["current", "current", "ageing", "end_of_support"])
        batch.add(
            InstalledItem(
                **record,
                technology=kind,
                make=make,
                model=f"{kind[:2].upper()}-{rng.randint(1, 9)}00",
                quantity=rng.randint(1, 20),
                site=rng.choice(["Plant 1", "Plant 2", "Warehouse"]),
                status=status,
                end_of_support_on=site.days(rng.randint(-60, 400)) if status != "current" or j == 0 else None,
            ),
            actor=lead,
        )
    for theme in rng.sample(catalogue.THEMES, 2):
        batch.add(
            CustomerGoal(**record, title=f"Improve {theme}", theme=theme, importance=rng.randint(2, 5)),
            actor=lead,
        )
    batch.add(CustomerConstraints(**record, budget_month=rng.randint(1, 12)), actor=lead)
    for fields in catalogue.offerings(f"{site.index}", PORTFOLIO):
        offering = batch.add(Offering(organisation=site.supplier, **fields, **derived(fields)), actor=lead)
        assert offering.theme_mask == theme_mask(fields["themes"])
        for key in keys_of(offering):
            batch.add(key, actor=lead, tracked=False)  # the service writes keys without an event
