"""Demo risk register for the bioprocess partnership: a heat map with risks spread over its cells
(supply, quality, cyber, compliance, geopolitical, financial), one whose trigger fired and whose
contingency became an action plan, one with its review overdue, and one internal risk of each side
(the other never sees it, nor counts it). Built through the services; the overdue review is moved
back in time (demo/timetravel.py)."""

import datetime
from typing import Any

from django.utils import timezone

from concord.access.roles import Visibility
from concord.accounts.models import User
from concord.demo import timetravel
from concord.partnerships.models import Partnership
from concord.risks import services

DAYS = datetime.timedelta

# title, category, likelihood, impact, owner ("clara", "sam", "mia"), mitigation, contingency, trigger
SHARED = [
    (
        "Single validated film line for 2,000 L bags",
        "supply",
        3,
        5,
        "sam",
        "Second film line in Göttingen qualified by Q2; eight weeks of consignment stock.",
        "- Switch open orders to the Göttingen line\n- Air-freight bags from the US plant\n"
        "- Re-plan campaigns around the stock on hand",
        "Film line down for more than five working days.",
    ),
    (
        "Bag leak rate above 0.1 %",
        "quality",
        2,
        4,
        "mia",
        "100 % helium leak test at release; joint kaizen on inspection.",
        "- Quarantine the affected lots\n- Joint root-cause analysis within 48 h",
        "Two leaks in one month.",
    ),
    (
        "Ransomware at the supplier's ERP",
        "cyber",
        2,
        5,
        "sam",
        "Offline back-ups; order confirmations also by e-mail.",
        "- Take orders by phone and e-mail\n- Share the manual shipping schedule daily",
        "Order portal unreachable for a day.",
    ),
    (
        "Resin price spike",
        "financial",
        4,
        2,
        "clara",
        "Index-linked price clause with a cap.",
        "",
        "Resin index up 15 % in a quarter.",
    ),
    (
        "EU MDR documentation gaps",
        "compliance",
        2,
        3,
        "mia",
        "Quarterly documentation review.",
        "",
        "An auditor's finding.",
    ),
    (
        "Port strike in Rotterdam",
        "geopolitical",
        1,
        4,
        "sam",
        "Alternative routing via Antwerp pre-agreed.",
        "",
        "Strike announced.",
    ),
    (
        "Key account manager leaves",
        "operational",
        1,
        2,
        "clara",
        "Deputy named on both sides.",
        "",
        "",
    ),
]


def _risk(
    actor: User, partnership: Partnership, people: dict[str, User], row: tuple[Any, ...], **kw: Any
) -> Any:
    title, category, likelihood, impact, owner, mitigation, contingency, trigger = row
    return services.risk_create(
        actor=actor,
        partnership=partnership,
        title=title,
        category=category,
        likelihood=likelihood,
        impact=impact,
        owner_person_id=people[owner].pk,
        mitigation=mitigation,
        contingency=contingency,
        trigger=trigger,
        next_review_on=timezone.localdate() + DAYS(days=30),
        **kw,
    )


def build(*, clara: User, sam: User, mia: User, partnership: Partnership) -> None:
    people = {"clara": clara, "sam": sam, "mia": mia}
    made = [_risk(clara if i % 2 else sam, partnership, people, row) for i, row in enumerate(SHARED)]
    # The leak rate rose: the trigger fired, and the contingency is now the action plan.
    leak = services.risk_update(actor=mia, risk=made[1], version=made[1].version, likelihood=4)
    fired = services.risk_fire(
        actor=mia, risk=leak, version=leak.version, respond_by=timezone.localdate() + DAYS(days=7)
    )
    services.risk_lesson_add(  # the lesson the fired risk carries (the one lessons record)
        actor=mia,
        risk=fired,
        title="Leak tests follow the film lot, not the calendar",
        what_happened="Leak rates crept up over three lots before the monthly test caught them.",
        contributing_factors="Leak testing ran monthly whatever the film lot; the trend was not charted.",
        what_we_change="A leak test on every new film lot, and the trend on the joint quality dashboard.",
    )
    timetravel.risk_review_due(made[2], days_ago=9)  # the ransomware risk: review overdue
    _risk(
        clara, partnership, people,
        ("Aurora may be acquired by a competitor", "financial", 2, 5, "clara",
         "Watch the press; keep the second-source study warm.", "- Start second-source qualification", ""),
        visibility=Visibility.INTERNAL,
    )  # fmt: skip
    _risk(
        sam, partnership, people,
        ("Helix may dual-source the bags", "reputational", 3, 4, "sam",
         "Show the second film line and the leak-rate improvement at the QBR.", "", ""),
        visibility=Visibility.INTERNAL,
    )  # fmt: skip
