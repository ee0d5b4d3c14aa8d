"""Each partnership's health survey: ROUNDS rounds — every one but the last closed and answered by
both sides' two people (threshold 2, so results and gaps show), the last open with one answer in.
A fixed number per partnership, like the other records: the Reviews tab costs the same at every
scale, and `reviews.selectors.survey_health` has a closed round in every partnership to read.

The answers are sealed under synthetic keys (core.sealing, "generated:<partnership>:<n>"): the
supplier's people are not written yet when the step runs, so their ids are unknown — and a key
no person can recompute is what a sealed answer looks like to everyone anyway. Their audit
events name no actor and withhold the answers, as the service's do. Performance reviews are left
out: their snapshot is the services' computation over the other apps' records (docs/reviews.md)."""

from typing import Any

from concord.core.sealing import seal
from concord.demo.generator.batch import Batch, moment
from concord.demo.generator.site import Site
from concord.reviews import dimensions
from concord.reviews.models import RoundStatus, SurveyResponse, SurveyRound

MODELS: list[type[Any]] = [SurveyRound, SurveyResponse]
ROUNDS = 3
RESPONDENTS = 4  # two a side
WITHHELD = {"answers": [None, "withheld"]}


def _answers(site: Site, base: int) -> dict[str, dict[str, Any]]:
    rng = site.rng
    return {
        d["key"]: {
            "is": max(1, min(5, base + rng.randint(-1, 1))),
            "other": max(1, min(5, base + rng.randint(-1, 1))),
            "comment": "",
        }
        for d in dimensions.default()
    }


def survey_step(site: Site, batch: Batch) -> None:
    rng = site.rng
    for n in range(ROUNDS):
        last = n == ROUNDS - 1
        opened = site.days(-90 * (ROUNDS - 1 - n) - 20)
        closes = site.days(10) if last else opened + (site.days(14) - site.days(0))
        found = batch.add(
            SurveyRound(
                partnership=site.partnership,
                title=f"Relationship health {opened:%b %Y}",
                dimensions=dimensions.default(),
                min_respondents=2,
                closes_on=closes,
                status=RoundStatus.OPEN if last else RoundStatus.CLOSED,
                opened_on=opened,
                closed_on=None if last else closes,
                created_by=site.buyer.lead,
                created_at=moment(opened),
                updated_at=moment(opened),
            ),
            actor=site.buyer.lead,
        )
        sides = [site.buyer.organisation] * 2 + [site.supplier] * 2
        for k, organisation in enumerate(sides[: 1 if last else RESPONDENTS]):
            batch.add(
                SurveyResponse(
                    round=found,
                    organisation=organisation,
                    respondent=seal("survey", f"generated:{site.index}:{n}:{k}"),
                    answers=_answers(site, rng.randint(2, 5)),
                ),
                actor=None,
                changes=WITHHELD,
            )
