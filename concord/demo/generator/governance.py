"""Governance of each partnership, a fixed set per partnership (so a partnership's governance
pages cost the same at every scale): the default escalation path and activities, the three
people of the partnership in the directory, a RACI matrix in which one activity in four has
nobody responsible (the page's validation has something to show), a steering committee with its
members and one decision right, two decisions of the managers, an open issue (escalated in one
partnership in three) and a resolved one citing the principle of equity, and a lesson on it."""

import datetime
from decimal import Decimal
from typing import Any

from concord.access.roles import Visibility
from concord.demo.generator.batch import Batch, moment
from concord.demo.generator.site import Site
from concord.governance.escalation import DEFAULT_LEVELS
from concord.governance.models import (
    Activity,
    Assignment,
    Committee,
    DecisionRight,
    EscalationLevel,
    GovernanceDecision,
    Issue,
    IssueStatus,
    KeyPerson,
)
from concord.governance.raci import DEFAULT_ACTIVITIES
from concord.lessons.models import CarrierKind, Lesson

Member = Committee.members.through
MODELS: list[type[Any]] = [
    EscalationLevel,
    KeyPerson,
    Activity,
    Assignment,
    Committee,
    Member,
    DecisionRight,
    GovernanceDecision,
    Issue,
    Lesson,
]
EQUITY = "Equity — risks and rewards are shared fairly."


def governance_step(site: Site, batch: Batch) -> None:
    lead = site.buyer.lead
    created = moment(site.days(-300))
    stamps = {"created_at": created, "updated_at": created}
    levels = [
        batch.add(
            EscalationLevel(partnership=site.partnership, rank=rank, name=name, response_days=days, **stamps),
            actor=lead,
        )
        for rank, (name, days) in enumerate(DEFAULT_LEVELS, start=1)
    ]
    people = [
        batch.add(
            KeyPerson(
                partnership=site.partnership,
                organisation=org,
                person=person,
                role_title=title,
                level=levels[level],
                **stamps,
            ),
            actor=person,
        )
        for org, person, title, level in (
            (site.buyer.organisation, lead, "Category manager", 1),
            (site.supplier, site.supplier_lead, "Key account manager", 1),
            (site.supplier, site.supplier_member, "Operations lead", 0),
        )
    ]
    for position, title in enumerate(DEFAULT_ACTIVITIES, start=1):
        activity = batch.add(
            Activity(partnership=site.partnership, title=title, position=position, **stamps), actor=lead
        )
        cells = [(people[0], "A"), (people[2], "C")]
        if position % 4:
            cells.append((people[1], "R"))
        for entry, role in cells:
            batch.add(Assignment(activity=activity, key_person=entry, role=role, **stamps), actor=lead)
    _committee(site, batch, people, stamps)
    _issues(site, batch, levels)


def _committee(site: Site, batch: Batch, people: list[KeyPerson], stamps: dict[str, Any]) -> None:
    lead = site.buyer.lead
    committee = batch.add(
        Committee(partnership=site.partnership, name="Joint steering committee", cadence_days=91, **stamps),
        actor=lead,
    )
    for entry in people[:2]:
        batch.add(Member(committee=committee, keyperson=entry), actor=None, tracked=False)
    right = batch.add(
        DecisionRight(
            committee=committee, scope="Capacity investments", value_limit=Decimal(250000), **stamps
        ),
        actor=lead,
    )
    for j, (text, days) in enumerate((("Second source qualification", 60), ("Joint forecast cadence", 20))):
        org, person, _ = site.owner(j)
        batch.add(
            GovernanceDecision(
                **site.record(org, person, Visibility.SHARED),
                text=text,
                rationale="Agreed by both partnership managers.",
                decided_on=site.days(-days),
                decided_by="committee" if j == 0 else "managers",
                committee=committee if j == 0 else None,
                right=right if j == 0 else None,
                value=Decimal(120000) if j == 0 else None,
                created_at=moment(site.days(-days)),
                updated_at=moment(site.days(-days)),
            ),
            actor=person,
        )


def _issues(site: Site, batch: Batch, levels: list[EscalationLevel]) -> None:
    escalated = site.index % 3 == 0
    raised = site.days(-10 if escalated else -1)
    member = site.supplier_member
    batch.add(
        Issue(
            **site.record(site.supplier, member, Visibility.SHARED),
            title="Lot release delays at incoming inspection",
            description="Lots wait more than five days for release.",
            severity="high",
            level=levels[1] if escalated else levels[0],
            level_since=site.days(-10 + levels[0].response_days + 1) if escalated else raised,
            escalations=1 if escalated else 0,
            created_at=moment(raised),
            updated_at=moment(raised),
        ),
        actor=member,
    )
    day = site.days(-90)
    resolved = batch.add(
        Issue(
            **site.record(site.buyer.organisation, site.buyer.lead, Visibility.SHARED),
            title="Price index clause read two ways",
            description="Quarterly or half-yearly adjustment.",
            severity="medium",
            level=levels[1],
            level_since=day,
            status=IssueStatus.RESOLVED,
            resolution="Quarterly, with a ±2 % band.",
            cited_principle="Equity",
            cited_text=EQUITY,
            resolved_on=day + datetime.timedelta(days=6),
            resolved_by=site.supplier_lead,
            created_at=moment(day),
            updated_at=moment(day),
        ),
        actor=site.buyer.lead,
    )
    lesson = Lesson(
        **site.record(site.buyer.organisation, site.buyer.lead, Visibility.SHARED),
        title="Index clauses carry a worked example",
        what_happened="The clause was read two ways for two quarters.",
        contributing_factors="No worked example; each finance team used its own default.",
        what_we_change="A worked example in every index clause.",
        carrier_kind=CarrierKind.ISSUE,
        created_at=moment(day),
        updated_at=moment(day),
    )

    def carried() -> None:  # the issue has its id once the issues are inserted (before lessons)
        lesson.carrier_id = resolved.pk

    batch.add(lesson, actor=site.buyer.lead, prepare=carried)
