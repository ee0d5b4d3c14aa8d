"""Due diligence, segmentation, the relationship type, the life cycle and the exit plan through
their services and HTTP surface: who may do what, what is refused and why, what is kept."""

import datetime
from typing import Any

import pytest

from concord.access.roles import Visibility
from concord.agreements import services as agreements
from concord.audit.models import AuditEvent
from concord.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from concord.lifecycle.models import DiligenceItem, ExitPlan, Lifecycle, Segmentation, StageChange
from concord.lifecycle.services import diligence, segmentation, stages
from concord.lifecycle.stages import Stage
from concord.organisations.services import organisation_create
from concord.partnerships import services as partnerships
from tests.world import PDF, World

SCORES = {
    "spend_share": 2,
    "business_impact": 2,
    "qualified_suppliers": 2,
    "switching_cost": 2,
    "market_scarcity": 2,
}


# ---- due diligence --------------------------------------------------------------------------------


def test_the_default_checklist_opens_once(world: World) -> None:
    lead = world.user("buyer_lead")
    made = diligence.diligence_start(actor=lead, owner=world.buyer, supplier=world.supplier)
    titles = {i.title for i in made}
    assert "Sanctions screening" in titles and "Data processing agreement" in titles
    assert "ISO 9001 certificate (quality)" not in titles  # the world has it already
    assert diligence.diligence_start(actor=lead, owner=world.buyer, supplier=world.supplier) == []


def test_due_diligence_is_for_a_supplier_the_organisation_partners_with(world: World) -> None:
    with pytest.raises(ValidationFailed) as refused:
        diligence.item_create(
            actor=world.user("buyer_lead"), owner=world.buyer, supplier=world.other, title="x"
        )
    assert "supplier" in refused.value.errors


def test_only_members_of_the_buying_organisation_write_it(world: World) -> None:
    with pytest.raises(Forbidden):
        diligence.item_create(
            actor=world.user("buyer_viewer"), owner=world.buyer, supplier=world.supplier, title="Audit"
        )
    with pytest.raises(NotFound):
        diligence.item_update(
            actor=world.user("supplier_lead"), item=world.diligence_item, version=None, note="x"
        )


def test_the_expiry_date_cannot_precede_the_issue_date(world: World) -> None:
    with pytest.raises(ValidationFailed) as refused:
        diligence.item_create(
            actor=world.user("buyer_lead"),
            owner=world.buyer,
            supplier=world.supplier,
            title="Insurance",
            issued_on=datetime.date(2026, 5, 1),
            expires_on=datetime.date(2026, 4, 30),
        )
    assert "expires_on" in refused.value.errors


def test_a_file_is_kept_checked_by_content_and_audited_without_its_bytes(world: World) -> None:
    before = AuditEvent.unscoped.count()
    with pytest.raises(ValidationFailed) as refused:
        diligence.document_add(
            actor=world.user("buyer_lead"), item=world.diligence_item, name="c.pdf", content=b"hi"
        )
    assert "is not a PDF" in refused.value.errors["file"][0]
    with pytest.raises(ValidationFailed):
        diligence.document_add(
            actor=world.user("buyer_lead"), item=world.diligence_item, name="c.exe", content=PDF
        )
    assert AuditEvent.unscoped.count() == before
    kept = diligence.document_add(
        actor=world.user("buyer_lead"), item=world.diligence_item, name="c.pdf", content=PDF
    )
    assert kept.size == len(PDF) and len(kept.sha256) == 64
    event = AuditEvent.unscoped.filter(object_id=kept.pk).latest("pk")
    assert "data" not in event.changes and event.changes["sha256"][1] == kept.sha256


def test_files_download_for_the_buyer_only(world: World, client_for: Any) -> None:
    url = f"/diligence/files/{world.diligence_file.pk}/"
    answer = client_for("buyer_viewer").get(url)
    assert answer.status_code == 200 and answer.content == PDF
    assert answer["Content-Type"] == "application/pdf" and "attachment" in answer["Content-Disposition"]
    for persona in ("supplier_lead", "supplier_member", "outsider"):
        assert client_for(persona).get(url).status_code == 404
        assert (
            client_for(persona).get(f"/api/v1/diligence/files/{world.diligence_file.pk}/download").status_code
            == 404
        )


def test_editing_a_stale_item_is_a_conflict(world: World, client_for: Any) -> None:
    url = f"/api/v1/diligence/{world.diligence_item.pk}"
    client = client_for("buyer_lead")
    version = client.get(url).json()["version"]
    assert (
        client.patch(
            url, {"version": version, "status": "accepted"}, content_type="application/json"
        ).status_code
        == 200
    )
    stale = client.patch(url, {"version": version, "note": "late"}, content_type="application/json")
    assert stale.status_code == 409


# ---- segmentation and relationship type -----------------------------------------------------------


def test_an_assessment_places_the_partnership_and_keeps_its_weights(world: World) -> None:
    lead = world.user("buyer_lead")
    segmentation.weights_set(
        actor=lead, organisation=world.buyer, version=1, spend_share=100, business_impact=0
    )
    made = segmentation.segmentation_record(
        actor=lead, partnership=world.partnership, **{**SCORES, "spend_share": 3}
    )
    assert made.visibility == Visibility.INTERNAL and made.owner_id == world.buyer.pk
    assert str(made.profit_impact) == "3.00" and made.quadrant == "leverage"  # on the line: high
    assert made.weights["spend_share"] == 100 and made.weights["business_impact"] == 0
    segmentation.weights_set(
        actor=lead, organisation=world.buyer, version=2, spend_share=50, business_impact=50
    )
    made.refresh_from_db()
    assert made.weights["business_impact"] == 0  # history keeps what it was made with
    assert Segmentation.unscoped.filter(partnership=world.partnership).count() == 2  # the world's, and this


def test_the_supplier_side_cannot_segment_or_learn_it_exists(world: World) -> None:
    with pytest.raises(NotFound):
        segmentation.segmentation_record(
            actor=world.user("supplier_lead"), partnership=world.partnership, **SCORES
        )
    with pytest.raises(Forbidden):
        segmentation.segmentation_record(
            actor=world.user("buyer_viewer"), partnership=world.partnership, **SCORES
        )


def test_weights_changed_twice_from_the_same_page_conflict(world: World) -> None:
    lead = world.user("buyer_lead")
    segmentation.weights_set(actor=lead, organisation=world.buyer, version=1, spend_share=60)
    with pytest.raises(Conflict):
        segmentation.weights_set(actor=lead, organisation=world.buyer, version=1, spend_share=70)
    with pytest.raises(ValidationFailed):
        segmentation.weights_set(
            actor=lead, organisation=world.buyer, version=2, spend_share=0, business_impact=0
        )


def test_a_type_other_than_the_suggestion_must_keep_its_rationale(world: World) -> None:
    lead = world.user("buyer_lead")
    p = world.partnership
    p.refresh_from_db()
    assert world.segmentation.quadrant == "strategic"
    with pytest.raises(ValidationFailed) as refused:
        segmentation.relationship_set(
            actor=lead,
            partnership=p,
            version=p.version,
            relationship_type="tactical",
            relationship_rationale=" ",
        )
    assert "suggests a strategic relationship" in refused.value.errors["relationship_rationale"][0]
    saved = segmentation.relationship_set(
        actor=lead,
        partnership=p,
        version=p.version,
        relationship_type="tactical",
        relationship_rationale="A second film source qualifies in Q2; we keep it tactical until then.",
    )
    saved.refresh_from_db()
    assert saved.relationship_type == "tactical"
    # the pure rule (partnerships.relationship) is tested in tests/partnerships/test_relationship.py


def test_the_lifecycle_tab_shows_the_buyer_its_segmentation_and_the_supplier_nothing_of_it(
    world: World, client_for: Any
) -> None:
    url = f"/partnerships/{world.partnership.pk}/lifecycle/"
    buyer = client_for("buyer_viewer").get(url).content.decode()
    assert 'data-quadrant="strategic"' in buyer and "Due diligence on the supplier" in buyer
    assert "ISO 9001 certificate" in buyer  # expiring within 30 days
    for persona in ("supplier_lead", "supplier_member"):
        page = client_for(persona).get(url).content.decode()
        assert "Kraljic" not in page and "segmentation" not in page.lower() and "ISO 9001" not in page
        assert "Exit plan" in page and "Change of control" in page


# ---- the life cycle -------------------------------------------------------------------------------


def _ready(world: World) -> None:
    """Everything working together asks for: description, both managers, agreed vision, a signed
    agreement, a complete exit plan."""
    from concord.vision.services import document

    lead, supplier = world.user("buyer_lead"), world.user("supplier_lead")
    p = world.partnership
    p.refresh_from_db()
    partnerships.partnership_update(actor=lead, partnership=p, version=p.version, description="Film for bags")
    party = next(x for x in p.parties.all() if x.organisation_id == world.supplier.pk)
    partnerships.party_set_manager(actor=supplier, party=party, manager=supplier)
    number = world.vision_revision.number
    document.vision_sign(actor=lead, partnership=p, number=number)
    document.vision_sign(actor=supplier, partnership=p, number=number)
    agreement = world.agreement
    agreement.refresh_from_db()
    moved = agreements.agreement_move(
        actor=lead, agreement=agreement, to="negotiation", version=agreement.version
    )
    moved.refresh_from_db()
    agreements.agreement_move(actor=lead, agreement=moved, to="signed", version=moved.version)
    plan = ExitPlan.unscoped.get(partnership=p)
    stages.exit_plan_save(
        actor=supplier,
        partnership=p,
        version=plan.version,
        transition_steps="90 days' notice",
        handover="Tooling and drawings",
        data_return="Batch records returned",
        responsibilities="Both managers",
    )


def test_moving_on_with_open_items_needs_a_reason_which_is_kept(world: World) -> None:
    lead = world.user("buyer_lead")
    with pytest.raises(ValidationFailed) as refused:
        stages.stage_move(actor=lead, partnership=world.partnership, stage=Stage.WORKING_TOGETHER, version=1)
    assert "exit plan is complete" in refused.value.errors["reason"][0]
    moved = stages.stage_move(
        actor=lead,
        partnership=world.partnership,
        stage=Stage.WORKING_TOGETHER,
        reason="Pilot first",
        version=1,
    )
    assert moved.stage == Stage.WORKING_TOGETHER and moved.version == 2
    change = StageChange.unscoped.get(partnership=world.partnership)
    assert change.reason == "Pilot first" and "The exit plan is complete" in change.open_items
    with pytest.raises(Conflict):  # a page still showing the life cycle before its first move
        stages.stage_move(
            actor=lead, partnership=world.partnership, stage=Stage.VALUE_CREATION, reason="x", version=1
        )


def test_working_together_once_everything_is_in_place_needs_no_reason(world: World) -> None:
    _ready(world)
    facts = stages.facts(world.partnership)
    assert facts.vision_agreed and facts.agreement_signed and facts.exit_plan_complete
    stages.stage_move(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        stage=Stage.PARTNER_SELECTION,
        reason="ok",
        version=1,
    )
    moved = stages.stage_move(
        actor=world.user("supplier_lead"),
        partnership=world.partnership,
        stage=Stage.WORKING_TOGETHER,
        version=2,
    )
    assert moved.stage == Stage.WORKING_TOGETHER
    assert StageChange.unscoped.filter(partnership=world.partnership).latest("pk").open_items == []


def test_the_checklist_reads_no_internal_record(world: World) -> None:
    """An internal goal of the buyer neither counts nor shows: the checklist is shared."""
    facts = stages.facts(world.partnership)
    assert facts.shared_goals == 1  # the supplier's shared goal, not the buyer's internal one


def test_viewers_and_members_do_not_move_the_stage(world: World) -> None:
    for persona in ("buyer_viewer", "supplier_member"):
        with pytest.raises(Forbidden):
            stages.stage_move(
                actor=world.user(persona), partnership=world.partnership, stage=2, reason="x", version=1
            )
    assert not Lifecycle.unscoped.filter(partnership=world.partnership).exists()


def test_the_exit_plan_is_joint_and_guarded_against_stale_edits(world: World, client_for: Any) -> None:
    url = f"/api/v1/partnerships/{world.partnership.pk}/exit-plan"
    buyer, supplier = client_for("buyer_lead"), client_for("supplier_member")
    plan = buyer.get(url).json()
    assert plan["exists"] and plan["triggers"] == "Change of control" and not plan["complete"]
    saved = buyer.patch(
        url, {"version": plan["version"], "handover": "Moulds"}, content_type="application/json"
    )
    assert saved.status_code == 200 and saved.json()["triggers"] == "Change of control"
    stale = supplier.patch(
        url, {"version": plan["version"], "handover": "Nothing"}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert (
        client_for("buyer_viewer")
        .patch(url, {"version": saved.json()["version"], "handover": "x"}, content_type="application/json")
        .status_code
        == 403
    )


def test_the_first_save_of_an_exit_plan_cannot_overwrite_anothers(world: World) -> None:
    other = partnerships.partnership_create(actor=world.user("buyer_lead"), buyer=world.buyer, name="Filters")
    stages.exit_plan_save(actor=world.user("buyer_lead"), partnership=other, version=1, triggers="Insolvency")
    with pytest.raises(Conflict):
        stages.exit_plan_save(actor=world.user("buyer_lead"), partnership=other, version=1, triggers="Mine")
    assert ExitPlan.unscoped.get(partnership=other).triggers == "Insolvency"


def test_an_organisation_without_partnerships_has_an_empty_portfolio(world: World, client_for: Any) -> None:
    org = organisation_create(actor=world.user("buyer_lead"), name="Side Co", kind="buyer")
    page = client_for("buyer_lead").get(f"/organisations/{org.pk}/kraljic/")
    assert page.status_code == 200 and "No partnership assessed" in page.content.decode()
    assert DiligenceItem.unscoped.filter(owner=org).count() == 0
