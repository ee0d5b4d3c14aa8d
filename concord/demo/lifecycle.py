"""Demo lifecycle: the bioprocess partnership working together (stage 5) with a complete exit
plan, cold chain at partner selection without one, lab consumables at knowledge; Helix's Kraljic
assessments put the three in different quadrants (bioprocess strategic, with last year's
assessment kept as history; cold chain a bottleneck, its tactical type kept with a rationale; lab
consumables non-critical, its yearly review overdue); and Helix's due diligence on Aurora, with
the ISO 9001 certificate expired and the insurance certificate expiring within 30 days."""

import datetime

from django.utils import timezone

from concord.accounts.models import User
from concord.lifecycle.models import DiligenceItem, Segmentation
from concord.lifecycle.services import diligence, segmentation, stages
from concord.lifecycle.stages import Stage
from concord.organisations.models import Organisation
from concord.partnerships.models import Partnership

# A one-page PDF: the kept copy of Aurora's ISO 9001 certificate.
CERTIFICATE = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
    b"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)
EXIT_PLAN = {
    "triggers": "Material breach not cured within 60 days; change of control of either party; "
    "three consecutive quarters below 95 % on-time delivery; Helix discontinuing the product line.",
    "transition_steps": "12 months' notice. Aurora keeps supplying at contract prices for the notice "
    "period and supports the qualification of a second source (two engineering runs).",
    "handover": "Bag drawings, film specifications and extractables data; validation protocols; "
    "the consignment stock at cost.",
    "data_return": "Batch records, deviation reports and forecasts returned as CSV within 30 days; "
    "copies deleted after that, confirmed in writing.",
    "responsibilities": "Helix: category manager leads the transition team. Aurora: key account "
    "manager and the site quality lead. Steering committee meets monthly during the exit.",
}


def _assess(
    clara: User, partnership: Partnership, when: datetime.date, note: str, **scores: int
) -> Segmentation:
    return segmentation.segmentation_record(
        actor=clara,
        partnership=partnership,
        note=note,
        assessed_on=when,
        **scores,
    )


def build(
    *,
    clara: User,
    sam: User,
    helix: Organisation,
    aurora: Organisation,
    nordkyl: Organisation,
    bioprocess: Partnership,
    cold_chain: Partnership,
    lab: Partnership,
) -> None:
    today = timezone.localdate()
    _segment(clara, today, bioprocess, cold_chain, lab)
    _stages(clara, sam, bioprocess, cold_chain, lab)
    _diligence(clara, today, helix, aurora, nordkyl)


def _segment(
    clara: User, today: datetime.date, bioprocess: Partnership, cold_chain: Partnership, lab: Partnership
) -> None:
    high = {"spend_share": 5, "business_impact": 5, "qualified_suppliers": 5, "switching_cost": 4}
    _assess(
        clara,
        bioprocess,
        today - datetime.timedelta(days=300),
        "Before the second film line.",
        market_scarcity=3,
        **high,
    )
    _assess(
        clara,
        bioprocess,
        today - datetime.timedelta(days=20),
        "Sole validated source.",
        market_scarcity=4,
        **high,
    )
    _assess(
        clara,
        cold_chain,
        today - datetime.timedelta(days=60),
        "Few GDP-qualified carriers on our lanes.",
        spend_share=2,
        business_impact=2,
        qualified_suppliers=4,
        switching_cost=3,
        market_scarcity=4,
    )
    _assess(
        clara,
        lab,
        today - datetime.timedelta(days=400),
        "Catalogue items, many suppliers.",
        spend_share=1,
        business_impact=2,
        qualified_suppliers=1,
        switching_cost=1,
        market_scarcity=2,
    )
    cold_chain.refresh_from_db()
    segmentation.relationship_set(
        actor=clara,
        partnership=cold_chain,
        version=cold_chain.version,
        relationship_type="tactical",
        relationship_rationale="Kept tactical until the second GDP lane is qualified in the 2027 "
        "tender; then reassess whether a hybrid relationship is warranted.",
    )


def _stages(
    clara: User, sam: User, bioprocess: Partnership, cold_chain: Partnership, lab: Partnership
) -> None:
    stages.exit_plan_save(actor=sam, partnership=bioprocess, version=1, **EXIT_PLAN)
    stages.stage_move(
        actor=clara,
        partnership=bioprocess,
        stage=Stage.PARTNER_SELECTION,
        reason="Aurora selected in 2024.",
        version=1,
    )
    stages.stage_move(
        actor=clara,
        partnership=bioprocess,
        stage=Stage.WORKING_TOGETHER,
        reason="Working together under the 2024 supply contract while the 2027–2029 MSA is negotiated.",
        version=2,
    )
    stages.stage_move(
        actor=clara,
        partnership=cold_chain,
        stage=Stage.PARTNER_SELECTION,
        reason="Nordkyl shortlisted.",
        version=1,
    )
    stages.stage_move(
        actor=clara, partnership=lab, stage=Stage.KNOWLEDGE, reason="Spend analysis started.", version=1
    )


def _diligence(
    clara: User, today: datetime.date, helix: Organisation, aurora: Organisation, nordkyl: Organisation
) -> None:
    diligence.diligence_start(actor=clara, owner=helix, supplier=aurora)
    dates = {
        "ISO 9001 certificate (quality)": (
            "DE-QM-2023-118",
            today - datetime.timedelta(days=1105),
            today - datetime.timedelta(days=10),
        ),
        "Insurance certificate (product and general liability)": (
            "Allianz PL 4471-2026",
            today - datetime.timedelta(days=345),
            today + datetime.timedelta(days=20),
        ),
        "ISO 14001 certificate (environment)": (
            "DE-UM-2025-044",
            today - datetime.timedelta(days=200),
            today + datetime.timedelta(days=895),
        ),
    }
    for item in DiligenceItem.unscoped.filter(owner=helix, supplier=aurora):
        if item.title in dates:
            reference, issued, expires = dates[item.title]
            diligence.item_update(
                actor=clara,
                item=item,
                version=item.version,
                reference=reference,
                issued_on=issued,
                expires_on=expires,
                status="accepted",
            )
        elif item.title == "Sanctions screening":
            diligence.item_update(
                actor=clara,
                item=item,
                version=item.version,
                status="accepted",
                note="No hits (EU, UN, OFAC), screened in March.",
            )
    iso = DiligenceItem.unscoped.get(owner=helix, supplier=aurora, title="ISO 9001 certificate (quality)")
    diligence.document_add(actor=clara, item=iso, name="aurora-iso9001-2023.pdf", content=CERTIFICATE)
    diligence.item_create(
        actor=clara,
        owner=helix,
        supplier=nordkyl,
        title="GDP certificate (good distribution practice)",
        category="certificate",
        status="accepted",
        reference="EU GDP 2026/118",
        issued_on=today - datetime.timedelta(days=90),
        expires_on=today + datetime.timedelta(days=1000),
    )
