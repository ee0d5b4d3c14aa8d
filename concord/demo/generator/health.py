"""The health index's history for each generated partnership: a snapshot per month for the last
HISTORY months before the current one, for each party (the buyer's and the supplier's index
differ, as each reads its own internal records), drifting month by month so trends and the
portfolio's distribution show. The current month is computed by the services once the whole
portfolio is written (run.generate: health.services.recompute_all), as the daily job would."""

import datetime
from typing import Any

from concord.demo.generator.batch import Batch
from concord.demo.generator.site import Site
from concord.health import index
from concord.health.models import HealthScore

MODELS: list[type[Any]] = [HealthScore]
HISTORY = 5  # months kept before the current one


def _months(today: datetime.date) -> list[datetime.date]:
    found, period = [], index.period_of(today)
    for _ in range(HISTORY):
        period = index.previous_period(period)
        found.append(period)
    return list(reversed(found))


def health_step(site: Site, batch: Batch) -> None:
    rng = site.rng
    for organisation in (site.buyer.organisation, site.supplier):
        level = rng.uniform(35, 90)
        for period in _months(site.today):
            level = min(100.0, max(0.0, level + rng.gauss(0, 4)))
            scores: dict[str, float | None] = {
                c.value: round(min(100.0, max(0.0, level + rng.gauss(0, 10))), 1) for c in index.Component
            }
            scores[index.Component.SURVEY.value] = None  # no survey source yet (docs/health.md)
            result = index.combine(scores, index.DEFAULT_WEIGHTS)
            batch.add(
                HealthScore(
                    partnership=site.partnership,
                    organisation=organisation,
                    period=period,
                    score=result.score,
                    components=[{"key": p.key, "score": p.score, "weight": p.weight} for p in result.parts],
                    computed_on=period + datetime.timedelta(days=27),
                ),
                actor=None,
                tracked=False,  # derived rows: the services write them without an event
            )
