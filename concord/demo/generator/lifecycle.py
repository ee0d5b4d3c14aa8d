"""The lifecycle of each generated partnership: its ISO 44001 stage with the moves that led
there, an exit plan for most of those working together, the buyer's Kraljic assessments (the
latest and last year's, internal) and its due diligence on the supplier (the default checklist,
some certificates expired or expiring)."""

import datetime
from typing import Any

from concord.access.roles import Visibility
from concord.demo.generator.batch import Batch
from concord.demo.generator.site import Site
from concord.lifecycle import kraljic
from concord.lifecycle.models import (
    DEFAULT_CHECKLIST,
    DiligenceItem,
    DiligenceStatus,
    ExitPlan,
    Lifecycle,
    Segmentation,
    StageChange,
)
from concord.lifecycle.stages import Stage

MODELS: list[type[Any]] = [Lifecycle, StageChange, ExitPlan, Segmentation, DiligenceItem]
SECTIONS = {
    "triggers": "Material breach not cured within 60 days; change of control.",
    "transition_steps": "Six months' notice; supply continues at contract prices.",
    "handover": "Drawings, specifications and tooling.",
    "data_return": "Batch records returned as CSV within 30 days.",
    "responsibilities": "Both partnership managers lead the transition.",
}


def lifecycle_step(site: Site, batch: Batch) -> None:
    rng, lead = site.rng, site.buyer.lead
    stage = Stage(rng.choice([1, 2, 3, 4, 5, 5, 5, 6, 6, 7]))
    entered = site.days(-rng.randint(10, 400))
    batch.add(Lifecycle(partnership=site.partnership, stage=stage, entered_on=entered, version=2), actor=lead)
    if stage > Stage.OPERATIONAL_AWARENESS:
        batch.add(
            StageChange(
                partnership=site.partnership,
                from_stage=Stage.OPERATIONAL_AWARENESS,
                to_stage=stage,
                reason="Generated: moved on with the portfolio review.",
                changed_by=lead,
                changed_on=entered,
            ),
            actor=lead,
        )
    if stage >= Stage.WORKING_TOGETHER and rng.random() < 0.8:
        batch.add(ExitPlan(partnership=site.partnership, updated_by=lead, version=2, **SECTIONS), actor=lead)
    for ago in (rng.randint(380, 700), rng.randint(5, 420)):
        _assessment(site, batch, site.days(-ago))
    _diligence(site, batch)


def _assessment(site: Site, batch: Batch, when: datetime.date) -> None:
    scores = {key: site.rng.randint(1, 5) for key in kraljic.FACTOR_KEYS}
    placed = kraljic.place(scores, kraljic.DEFAULT_WEIGHTS)
    batch.add(
        Segmentation(
            **site.record(site.buyer.organisation, site.buyer.lead, Visibility.INTERNAL),
            **scores,
            weights=dict(kraljic.DEFAULT_WEIGHTS),
            profit_impact=placed.profit_impact,
            supply_risk=placed.supply_risk,
            quadrant=placed.quadrant.value,
            assessed_on=when,
        ),
        actor=site.buyer.lead,
    )


def _diligence(site: Site, batch: Batch) -> None:
    for title, category in DEFAULT_CHECKLIST:
        dated = category in ("certificate", "insurance")
        expires = site.days(site.rng.randint(-60, 900)) if dated else None
        batch.add(
            DiligenceItem(
                owner=site.buyer.organisation,
                supplier=site.supplier,
                title=title,
                category=category,
                status=site.rng.choice(
                    [DiligenceStatus.OPEN, DiligenceStatus.ACCEPTED, DiligenceStatus.ACCEPTED]
                ),
                issued_on=expires - datetime.timedelta(days=1095) if expires else None,
                expires_on=expires,
                created_by=site.buyer.lead,
            ),
            actor=site.buyer.lead,
        )
