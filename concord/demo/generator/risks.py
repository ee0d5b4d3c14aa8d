"""Each partnership's risk register: RISKS risks spread over the heat map, both sides' shared
and internal ones, each with its first rating (its score history), some reviews overdue, some
closed. A fixed number per partnership, like the other records: a partnership's Risks tab costs
the same at every scale."""

from typing import Any

from concord.demo.generator.batch import Batch, moment
from concord.demo.generator.site import Site
from concord.risks.models import Category, Risk, RiskStatus, ScoreChange

MODELS: list[type[Any]] = [Risk, ScoreChange]
RISKS = 10
TITLES = [
    "Single source for a critical component",
    "Lead times grow past the safety stock",
    "Quality escape reaches the customer",
    "Ransomware at the supplier",
    "Raw material price spike",
    "Export controls on a sub-component",
    "Key people leave the account team",
    "Audit finding on documentation",
    "Logistics hub disrupted",
    "Bad press about a sub-supplier",
]
CATEGORIES = [c.value for c in Category]


def risk_step(site: Site, batch: Batch) -> None:
    rng = site.rng
    for j in range(RISKS):
        org, person, visibility = site.owner(j)
        likelihood, impact = rng.randint(1, 5), rng.randint(1, 5)
        written = moment(site.days(-rng.randint(10, 300)), hour=rng.randint(8, 17), minute=rng.randint(0, 59))
        status = RiskStatus.CLOSED if j == RISKS - 1 else rng.choice([RiskStatus.OPEN, RiskStatus.MITIGATING])
        risk = batch.add(
            Risk(
                **site.record(org, person, visibility),
                title=TITLES[j % len(TITLES)],
                category=CATEGORIES[j % len(CATEGORIES)],
                likelihood=likelihood,
                impact=impact,
                score=likelihood * impact,
                owner_party=org,
                owner_person=person,
                mitigation="Second source in qualification; safety stock reviewed monthly.",
                contingency="- Switch to the second source\n- Expedite from stock",
                trigger="Two late deliveries in a month.",
                next_review_on=site.days(rng.randint(-20, 60)),  # about a quarter overdue
                status=status,
                created_at=written,
                updated_at=written,
            ),
            actor=person,
        )
        batch.add(
            ScoreChange(
                risk=risk,
                likelihood=likelihood,
                impact=impact,
                score=risk.score,
                changed_by=person,
                created_at=written,
                updated_at=written,
            ),
            actor=person,
        )
