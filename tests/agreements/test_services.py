"""Agreements: the vision gate and its override, clauses, imports, links, traceability, positions."""

import datetime
import io
from typing import Any

import pytest
from docx import Document

from concord.agreements import parsing, selectors, services
from concord.agreements.filters import ClauseFilter
from concord.agreements.models import AgreementStatus, NegotiationStatus
from concord.audit.models import AuditEvent
from concord.core.errors import Conflict, Forbidden, InvalidState, NotFound, ValidationFailed
from concord.vision.services import document
from tests.world import World


def _agree_vision(world: World) -> None:
    number = world.vision_revision.number
    for persona in ("buyer_lead", "supplier_lead"):
        document.vision_sign(actor=world.user(persona), partnership=world.partnership, number=number)


def _agreement(world: World, persona: str = "buyer_lead", **fields: object):
    return services.agreement_create(
        actor=world.user(persona), partnership=world.partnership, title="Master supply agreement", **fields
    )


def _objective(world: World, title: str, description: str = ""):
    from concord.vision.services.document import current_revision, document_for

    base = current_revision(document_for(world.partnership))
    return document.objective_add(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        base=base.number if base else None,
        title=title,
        description=description,
    )


def test_gate_blocks_negotiation_until_the_vision_is_agreed(world: World) -> None:
    agreement = _agreement(world, "supplier_member")
    with pytest.raises(ValidationFailed) as caught:
        services.agreement_move(
            actor=world.user("supplier_member"), agreement=agreement, to="negotiation", version=1
        )
    assert "override_reason" in caught.value.errors
    _agree_vision(world)
    moved = services.agreement_move(
        actor=world.user("supplier_member"), agreement=agreement, to="negotiation", version=1
    )
    assert moved.status == AgreementStatus.NEGOTIATION and moved.gate_override_reason == ""


def test_only_an_admin_overrides_the_gate_and_the_reason_is_kept(world: World) -> None:
    agreement = _agreement(world)
    with pytest.raises(Forbidden):
        services.agreement_move(
            actor=world.user("supplier_member"),
            agreement=agreement,
            to="negotiation",
            version=1,
            override_reason="Urgent",
        )
    moved = services.agreement_move(
        actor=world.user("supplier_lead"),
        agreement=agreement,
        to="negotiation",
        version=1,
        override_reason="Supply crisis: the old contract ends this month.",
    )
    assert moved.gate_override_by == world.user("supplier_lead")
    event = AuditEvent.unscoped.filter(
        content_type__model="agreement", object_id=agreement.pk, action="update"
    ).latest("id")
    assert event.reason.startswith("Supply crisis")
    assert event.changes["status"] == ["drafting", "negotiation"]


def test_lifecycle_moves_signatories_and_stale_versions(world: World) -> None:
    _agree_vision(world)
    agreement = _agreement(world)
    with pytest.raises(InvalidState):
        services.agreement_move(actor=world.user("buyer_lead"), agreement=agreement, to="signed", version=1)
    agreement = services.agreement_move(
        actor=world.user("buyer_lead"), agreement=agreement, to="negotiation", version=1
    )
    with pytest.raises(Conflict):
        services.agreement_move(actor=world.user("buyer_lead"), agreement=agreement, to="signed", version=1)
    with pytest.raises(Forbidden):
        services.agreement_move(
            actor=world.user("supplier_member"), agreement=agreement, to="signed", version=2
        )
    with pytest.raises(Forbidden):
        services.agreement_move(
            actor=world.user("buyer_viewer"), agreement=agreement, to="drafting", version=2
        )
    signed = services.agreement_move(
        actor=world.user("supplier_lead"),
        agreement=agreement,
        to="signed",
        version=2,
        signed_on=datetime.date(2026, 11, 1),
    )
    assert signed.status == "signed" and signed.signed_on == datetime.date(2026, 11, 1)
    with pytest.raises(InvalidState):
        services.clause_add(actor=world.user("buyer_lead"), agreement=signed, heading="Late addition")


def test_dates_are_checked_together(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        _agreement(
            world,
            start_date=datetime.date(2027, 1, 1),
            end_date=datetime.date(2029, 12, 31),
            renewal_notice_date=datetime.date(2030, 6, 30),
        )
    assert list(caught.value.errors) == ["renewal_notice_date"]
    agreement = _agreement(world, start_date=datetime.date(2027, 1, 1))
    with pytest.raises(ValidationFailed):
        services.agreement_update(
            actor=world.user("buyer_lead"), agreement=agreement, version=1, end_date=datetime.date(2026, 1, 1)
        )


def test_daily_job_expires_signed_agreements_once(world: World) -> None:
    agreement = _agreement(world, end_date=datetime.date(2026, 12, 31))
    services.agreement_move(
        actor=world.user("buyer_lead"), agreement=agreement, to="negotiation", version=1, override_reason="x"
    )
    agreement.refresh_from_db()
    services.agreement_move(actor=world.user("buyer_lead"), agreement=agreement, to="signed", version=2)
    assert services.expire_ended(today=datetime.date(2026, 12, 31)) == 0
    assert services.expire_ended(today=datetime.date(2027, 1, 1)) == 1
    assert services.expire_ended(today=datetime.date(2027, 1, 2)) == 0
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.EXPIRED


CONTRACT = """Master supply agreement between Helix and Aurora.

## 1 Scope
The Supplier delivers single-use bioreactor bags.

2. Lead times
Prototypes ship within six weeks of order.
1. The Supplier shall keep a safety stock.

Clause 3 — Price review
Prices are reviewed yearly against the cost index.

### 3.1 Savings
Savings from process improvements are shared equally.
"""


def test_text_is_split_on_every_kind_of_heading() -> None:
    result = parsing.split_text(CONTRACT)
    assert result.ok
    assert [(c.number, c.heading) for c in result.clauses] == [
        ("", "Preamble"),
        ("1", "Scope"),
        ("2", "Lead times"),
        ("3", "Price review"),
        ("3.1", "Savings"),
    ]
    # A numbered sentence inside a clause stays text.
    assert "1. The Supplier shall keep a safety stock." in result.clauses[2].text


def test_parse_problems_name_the_line() -> None:
    result = parsing.split_text("## 1 Scope\ntext\n## 1 Again\nmore\n## 2 " + "x" * 300)
    assert not result.ok
    lines = sorted(line for line, _ in result.problems)
    assert lines == [3, 5]
    assert not parsing.split_text("   \n").ok


def _docx(paragraphs: list[tuple[str, str]]) -> bytes:
    doc = Document()
    for style, text in paragraphs:
        doc.add_paragraph(text, style=style)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_word_headings_become_clauses() -> None:
    data = _docx(
        [
            ("Heading 1", "1 Definitions"),
            ("Normal", "Words have the meanings given here."),
            ("Heading 2", "2 Quality"),
            ("Normal", "Batches are released with a certificate."),
        ]
    )
    result = parsing.split_text(parsing.docx_to_text(data))
    assert [(c.number, c.heading, c.text) for c in result.clauses] == [
        ("1", "Definitions", "Words have the meanings given here."),
        ("2", "Quality", "Batches are released with a certificate."),
    ]
    with pytest.raises(ValueError):
        parsing.docx_to_text(b"not a zip")
    with pytest.raises(ValueError):
        parsing.docx_to_text(_zip_without_document())


def _zip_without_document() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    return out.getvalue()


def test_import_is_all_or_nothing(world: World) -> None:
    agreement = _agreement(world)
    services.clause_add(actor=world.user("buyer_lead"), agreement=agreement, number="2", heading="Existing")
    parsed = parsing.split_text(CONTRACT).clauses
    with pytest.raises(ValidationFailed) as caught:
        services.clauses_import(actor=world.user("supplier_member"), agreement=agreement, parsed=parsed)
    assert "clause 2 already exists" in caught.value.text()
    assert agreement.clauses.count() == 1
    fresh = _agreement(world)
    created = services.clauses_import(actor=world.user("supplier_member"), agreement=fresh, parsed=parsed)
    assert [(c.position, c.number) for c in created] == [(1, "1"), (2, "1"), (3, "2"), (4, "3"), (5, "3.1")]
    assert created[0].heading == "Preamble"
    with pytest.raises(Forbidden):
        services.clauses_import(actor=world.user("buyer_viewer"), agreement=fresh, parsed=parsed)


def test_matrix_flags_orphans_and_uncovered_objectives(world: World) -> None:
    speed = _objective(world, "Cut time to market", "Prototype lead time under six weeks")
    cost = _objective(world, "Lower total cost of ownership", "Savings shared over three years")
    agreement = _agreement(world)
    created = services.clauses_import(
        actor=world.user("buyer_lead"), agreement=agreement, parsed=parsing.split_text(CONTRACT).clauses
    )
    lead_times = created[2]
    suggested = selectors.suggestions(actor=world.user("buyer_lead"), clause=lead_times)
    assert suggested[0].objective == speed and {"prototypes", "weeks"} <= set(suggested[0].words)
    services.clause_update(
        actor=world.user("supplier_member"), clause=lead_times, version=1, objective_ids=[speed.pk]
    )
    cover = selectors.coverage(actor=world.user("buyer_lead"), agreement=agreement)
    assert [o.code for o in cover.uncovered] == [cost.code] and cover.orphan_count == 4
    orphans = ClauseFilter({"orphan": "true"}, queryset=selectors.clause_list(agreement=agreement)).qs
    assert lead_times not in orphans and len(orphans) == 4
    # A links-only change moves the version: a form opened before it is stale.
    with pytest.raises(Conflict):
        services.clause_update(
            actor=world.user("buyer_lead"), clause=lead_times, version=1, negotiation_status="agreed"
        )
    event = AuditEvent.unscoped.filter(
        content_type__model="clause", object_id=lead_times.pk, changes__has_key="objectives"
    ).get()
    assert event.changes["objectives"] == [[], [speed.code]]


def test_links_only_to_this_partnerships_objectives(world: World) -> None:
    from concord.partnerships.models import Partnership
    from concord.vision.models import Objective

    agreement = _agreement(world)
    clause = services.clause_add(actor=world.user("buyer_lead"), agreement=agreement, heading="Scope")
    elsewhere = Partnership.unscoped.exclude(pk=world.partnership.pk).first()
    foreign = Objective.unscoped.create(partnership=elsewhere, code="O1", title="Theirs")
    with pytest.raises(ValidationFailed):
        services.clause_update(
            actor=world.user("buyer_lead"), clause=clause, version=1, objective_ids=[foreign.pk]
        )


def test_internal_positions_stay_with_their_organisation(world: World) -> None:
    agreement = _agreement(world)
    clause = services.clause_add(actor=world.user("buyer_lead"), agreement=agreement, heading="Price review")
    services.note_add(actor=world.user("buyer_lead"), clause=clause, body="We accept yearly reviews.")
    services.note_add(
        actor=world.user("buyer_lead"), clause=clause, body="Walk-away: 3 % cap.", visibility="internal"
    )
    services.note_add(actor=world.user("supplier_member"), clause=clause, body="We need an index clause.")
    supplier_sees = [n.body for n in selectors.clause_notes(actor=world.user("supplier_lead"), clause=clause)]
    assert supplier_sees == ["We accept yearly reviews.", "We need an index clause."]
    assert len(selectors.clause_notes(actor=world.user("buyer_viewer"), clause=clause)) == 3
    updated = services.clause_update(
        actor=world.user("supplier_member"), clause=clause, version=1, negotiation_status="disputed"
    )
    assert updated.negotiation_status == NegotiationStatus.DISPUTED
    with pytest.raises(NotFound):
        selectors.agreement_get(actor=world.user("outsider"), pk=agreement.pk)


def test_the_api_checks_bodies_with_the_pages_forms_and_the_model(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")
    url = f"/api/v1/agreements/{world.agreement.pk}"
    dated = client.patch(url, {"version": 1, "start_date": "2027-01-01"}, content_type="application/json")
    assert dated.status_code == 200
    # Only the end date is sent; the model checks it against the stored start.
    early = client.patch(url, {"version": 2, "end_date": "2026-12-31"}, content_type="application/json")
    assert early.status_code == 422
    assert early.json()["errors"] == [
        {"field": "end_date", "message": "The end date is before the start date."}
    ]
    blank = client.post(
        f"/api/v1/clauses/{world.clause.pk}/notes", {"body": "   "}, content_type="application/json"
    )
    assert blank.status_code == 422 and blank.json()["errors"][0]["message"] == "Write your position first."
    bogus = client.post(f"{url}/move", {"version": 2, "to": "archived"}, content_type="application/json")
    assert bogus.status_code == 422 and bogus.json()["errors"][0]["field"] == "to"
    links = client.patch(
        f"/api/v1/clauses/{world.clause.pk}",
        {"version": 1, "objective_ids": [999999]},
        content_type="application/json",
    )
    assert links.status_code == 422 and links.json()["errors"][0]["field"] == "objective_ids"


def test_a_signed_agreement_keeps_its_terms_but_not_its_reference(world: World) -> None:
    lead = world.user("buyer_lead")
    agreement = _agreement(world, start_date=datetime.date(2027, 1, 1))
    agreement = services.agreement_move(
        actor=lead, agreement=agreement, to="negotiation", version=1, override_reason="Old contract ends."
    )
    agreement = services.agreement_move(actor=lead, agreement=agreement, to="signed", version=2)
    with pytest.raises(InvalidState):
        services.agreement_update(actor=lead, agreement=agreement, version=3, title="Another title")
    # The whole form sent again, unchanged but for the reference: the terms are not touched.
    kept = services.agreement_update(
        actor=lead,
        agreement=agreement,
        version=3,
        title=agreement.title,
        start_date=agreement.start_date,
        reference="HX-2027-9",
    )
    assert kept.reference == "HX-2027-9" and kept.version == 4
    with pytest.raises(ValidationFailed) as caught:
        services.clause_add(actor=lead, agreement=_agreement(world), heading="")
    assert caught.value.errors == {"heading": ["Give the clause a heading."]}
