"""The partnership overview at a glance: what a category manager or key account manager wants to
see first when they open a partnership — the vision and the agreement, goals by status, both
scorecards, each side's reliability, what waits each way, the next meeting, plans gone stale, open
and escalated issues, the latest wins and the health index (the stored index of the reader's own
organisation, with a link to its explanation). Every figure is read through the reader's scope
(the other side's internal records never count), and from the same selectors as the tabs that
hold the detail, so a figure here and its tab can never disagree. A fixed number of queries, whatever the
partnership's history.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from concord.accounts.models import User
from concord.agreements.models import Agreement
from concord.agreements.selectors import agreement_list
from concord.commitments.selectors import plan_list, stale_only, wins
from concord.goals.models import SuccessEvent
from concord.goals.progress import GoalStatus
from concord.governance.selectors import open_issue_counts
from concord.lifecycle import selectors as lifecycle
from concord.overview.portfolio import Row, rows
from concord.partnerships.models import Partnership
from concord.risks.selectors import Card as RiskCard
from concord.risks.selectors import risk_card
from concord.scorecards.selectors import results, scorecard_list
from concord.vision.selectors import VisionView, vision_view

LATEST_WINS = 3


@dataclass(frozen=True)
class Card:
    """One scorecard: its latest scored period and its overall score (None: nothing scored yet)."""

    scorecard: Any
    latest: Any  # compute.PeriodScore | None
    overall: float | None


@dataclass(frozen=True)
class Glance:
    row: Row  # next meeting, demands and overdue commitments each way, reliability, goal statuses,
    # and the health index of the reader's organisation with its trend
    vision: VisionView
    agreement: Agreement | None
    scorecards: list[Card]
    stale_plans: int
    wins: list[SuccessEvent]
    risks: RiskCard  # the highest live risks and the exposure (risks.selectors.risk_card)
    lifecycle: lifecycle.Card  # the stage and exit plan; the buyer's segmentation and due diligence
    issues: tuple[int, int] = (0, 0)  # open issues the reader can see, and how many escalated

    @property
    def goals_by_status(self) -> list[tuple[str, int]]:
        found = self.row.goals
        return [(status.value.replace("_", " "), found[status]) for status in GoalStatus if found.get(status)]

    @property
    def renewal_soon(self) -> bool:
        notice = self.agreement.renewal_notice_date if self.agreement else None
        return notice is not None and notice <= timezone.localdate() + datetime.timedelta(days=90)


def _cards(actor: User, partnership: Partnership) -> list[Card]:
    cards = list(scorecard_list(actor=actor, partnership=partnership))
    scored = results(actor=actor, cards=cards)
    found = []
    for card in cards:
        result = scored.get(card.pk)
        periods = [p for p in (result.periods if result else ()) if p.score is not None]
        found.append(Card(card, periods[-1] if periods else None, result.overall if result else None))
    return found


def glance(*, actor: User, partnership: Partnership) -> Glance:
    agreements = agreement_list(actor=actor, partnership=partnership)
    return Glance(
        row=rows(actor=actor, partnerships=[partnership], dashboard=False)[0],
        vision=vision_view(actor=actor, partnership=partnership, objectives=False),
        agreement=agreements.first(),  # the newest
        scorecards=_cards(actor, partnership),
        stale_plans=stale_only(plan_list(actor=actor, partnership=partnership), True).count(),
        wins=list(wins(actor=actor, partnership=partnership)[:LATEST_WINS]),
        risks=risk_card(actor=actor, partnership=partnership),
        issues=open_issue_counts(actor=actor, partnership_ids=[partnership.pk]).get(partnership.pk, (0, 0)),
        lifecycle=lifecycle.card(actor=actor, partnership=partnership, today=timezone.localdate()),
    )
