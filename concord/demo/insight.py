"""Demo customer insight for the bioprocess partnership, kept by Aurora (the supplier): Helix's
installed base with mixers past end of support and bioreactors reaching it before the April
budget, its goals linked to the shared ones, its constraints, a portfolio of a few hundred
offerings, and a proposal Helix declined with its reason — shown next to later recommendations."""

import datetime

from django.utils import timezone

from concord.access.roles import Visibility
from concord.accounts.models import User
from concord.commitments.services import demands
from concord.demo import catalogue
from concord.goals.models import Goal
from concord.insight.models import Offering
from concord.insight.services import portfolio, profile, proposals
from concord.organisations.models import Organisation
from concord.partnerships.models import Partnership

PORTFOLIO = 300  # generated offerings beside the featured ones


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def build(*, clara: User, sam: User, partnership: Partnership, aurora: Organisation) -> None:
    _installed_base(sam, partnership)
    _goals(sam, partnership)
    profile.constraints_save(
        actor=sam,
        partnership=partnership,
        budget_month=4,
        standards="EU GMP Annex 1, ISO 13485",
        sites="Leiden, Göttingen",
        preferred_timing="Changes during the August shutdown",
    )
    for fields in catalogue.FEATURED + catalogue.offerings("aurora", PORTFOLIO):
        portfolio.offering_create(actor=sam, organisation=aurora, **fields)
    _declined(clara, sam, partnership)


def _installed_base(sam: User, partnership: Partnership) -> None:
    items = [
        dict(
            technology="Mixer",
            make="Aurora",
            model="Mix-100",
            item_version="2.1",
            quantity=14,
            site="Leiden",
            installed_on=datetime.date(2017, 5, 2),
            status="end_of_support",
            end_of_support_on=_days(-40),
            notes="Seal failures twice a quarter; QA is nervous.",
        ),
        dict(
            technology="Bioreactor",
            make="Xcellerex",
            model="XDR-200",
            item_version="4",
            quantity=4,
            site="Leiden",
            installed_on=datetime.date(2018, 9, 12),
            status="ageing",
            end_of_support_on=_days(110),
            notes="Controller spares now 10 weeks.",
        ),
        dict(
            technology="Filtration skid",
            make="Aurora",
            model="FS-50",
            item_version="1.2",
            quantity=2,
            site="Göttingen",
            installed_on=datetime.date(2021, 3, 1),
            status="current",
            visibility=Visibility.SHARED,
        ),
        dict(
            technology="Tube welder",
            make="Pallas",
            model="TW-1",
            quantity=6,
            site="Leiden",
            installed_on=datetime.date(2016, 1, 20),
            status="ageing",
            end_of_support_on=_days(300),
        ),
        dict(
            technology="Bioprocess bag",
            make="Aurora",
            model="Flexsafe 2000",
            quantity=1,
            site="Leiden",
            status="current",
        ),
        dict(
            technology="Sensor",
            make="Thermo-Lab",
            model="pH-7",
            quantity=40,
            site="Göttingen",
            status="retired",
            notes="Replaced by single-use sensors in 2025.",
        ),
    ]
    for fields in items:
        profile.item_create(actor=sam, partnership=partnership, **fields)


def _goals(sam: User, partnership: Partnership) -> None:
    shared = {
        g.title[:12]: g for g in Goal.unscoped.filter(partnership=partnership, visibility=Visibility.SHARED)
    }
    otif = next((g for t, g in shared.items() if t.startswith("On-time")), None)
    cost = next((g for t, g in shared.items() if t.startswith("Cost per")), None)
    for title, theme, importance, goal, kind in [
        ("Reduce unplanned downtime by 20 %", "uptime", 5, otif, "goal"),
        ("Cost per batch down 8 %", "cost", 4, cost, "goal"),
        ("Cut single-use plastic waste", "sustainability", 3, None, "pillar"),
        ("Annex 1 compliance by 2027", "compliance", 4, None, "pillar"),
    ]:
        profile.customer_goal_create(
            actor=sam,
            partnership=partnership,
            title=title,
            theme=theme,
            importance=importance,
            goal=goal,
            kind=kind,
            notes="From the QBR deck, slide 4." if goal else "",
        )


def _declined(clara: User, sam: User, partnership: Partnership) -> None:
    skid = Offering.unscoped.get(name="FS-60 filtration skid")
    made = proposals.proposal_make(
        actor=sam,
        partnership=partnership,
        offering_id=skid.pk,
        title="Upgrade the FS-50 skids to FS-60",
        description="Higher flux for the Göttingen line; the FS-50 cassettes fit.",
    )
    demands.demand_answer(
        actor=clara,
        demand=made.demand,
        version=made.demand.version,
        kind="no",
        rationale="Capital for 2026 is committed to the Leiden line; ask again for the April budget.",
    )
