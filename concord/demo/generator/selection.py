"""The buyer's needs for a partner: one for every twentieth partnership, with the default criteria,
three candidates (the partnership's supplier and two new organisations) and the buyer lead's
scores of each on every criterion. Internal to the buyer, as the services make them."""

from typing import Any

from concord.demo.generator.batch import Batch, moment
from concord.demo.generator.site import Site
from concord.selection.models import DEFAULT_CRITERIA, Candidate, Criterion, Need, Score

MODELS: list[type[Any]] = [Need, Criterion, Candidate, Score]
EVERY = 20


def need_step(site: Site, batch: Batch) -> None:
    if site.index % EVERY != 1:
        return
    rng, lead = site.rng, site.buyer.lead
    written = moment(site.days(-rng.randint(5, 120)))
    need = batch.add(
        Need(
            owner=site.buyer.organisation,
            title=f"Second source for {site.partnership.category or site.partnership.name}"[:200],
            purpose="Reduce single-source risk and bring in complementary capabilities.",
            gaps="Capacity in the EU; validation know-how.",
            category=site.partnership.category,
            annual_spend=rng.randint(2, 400) * 10_000,
            needed_by=site.days(rng.randint(30, 300)),
            created_by=lead,
            created_at=written,
            updated_at=written,
        ),
        actor=lead,
    )
    criteria = [
        batch.add(Criterion(need=need, name=name, description=text, position=i), actor=lead)
        for i, (name, text) in enumerate(DEFAULT_CRITERIA)
    ]
    names = [site.supplier.name, f"Candidate {site.index}-A", f"Candidate {site.index}-B"]
    for k, name in enumerate(names):
        candidate = batch.add(
            Candidate(
                need=need,
                organisation=site.supplier if k == 0 else None,
                name=name,
                contact_email="" if k == 0 else f"sales{k}@candidate{site.index}.example",
                created_by=lead,
                created_at=written,
                updated_at=written,
            ),
            actor=lead,
        )
        for criterion in criteria:
            batch.add(
                Score(candidate=candidate, criterion=criterion, evaluator=lead, value=rng.randint(1, 5)),
                actor=lead,
            )
