"""Agreement and vision-document pages through HTTP: gate override, import preview and commit,
clause links and positions, comments, PDF exports parsed back, privacy and query counts."""

import io
from typing import Any

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concord.access.roles import Visibility
from concord.agreements import services
from concord.vision import services as rounds
from concord.vision.services import comments, document
from tests.guards import assert_flat_queries
from tests.vision.test_rounds import SUPPLIER_ANSWERS
from tests.world import World


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_override_page_flow_shows_the_reason(world: World, client_for: Any) -> None:
    url = f"/agreements/{world.agreement.pk}/"
    member = client_for("supplier_member")
    assert "Override the gate" not in member.get(url).content.decode()  # not theirs to override
    lead = client_for("supplier_lead")
    page = lead.get(url).content.decode()
    assert "not agreed yet" in page and "Override the gate and move to negotiation" in page
    response = lead.post(
        f"{url}move/", {"version": "1", "to": "negotiation", "override_reason": "Old contract ends 31 Dec."}
    )
    assert response.status_code == 302
    page = client_for("buyer_viewer").get(url).content.decode()
    assert "Vision gate overridden" in page and "Old contract ends 31 Dec." in page
    history = client_for("buyer_viewer").get(f"{url}history/").content.decode()
    assert "Old contract ends 31 Dec." in history


def test_gate_without_reason_is_explained_not_applied(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    response = client.post(f"/agreements/{world.agreement.pk}/move/", {"version": "1", "to": "negotiation"})
    page = client.get(response["Location"]).content.decode()
    assert "The Shared Vision is not agreed yet" in page
    world.agreement.refresh_from_db()
    assert world.agreement.status == "drafting"


def test_import_preview_then_commit(world: World, client_for: Any) -> None:
    client = client_for("supplier_member")
    url = f"/agreements/{world.agreement.pk}/import/"
    text = "## 2 Lead times\nSix weeks.\n\n## 3 Price review\nYearly, against the index.\n"
    preview = client.post(url, {"text": text, "action": "preview"}).content.decode()
    assert "Preview: 2 clauses" in preview and world.agreement.clauses.count() == 1
    bad = client.post(url, {"text": "## 1 Again\nclash\n", "action": "commit"})
    assert bad.status_code == 200 and "already exists" in bad.content.decode()
    assert world.agreement.clauses.count() == 1
    done = client.post(url, {"text": text, "action": "commit"})
    assert done.status_code == 302
    assert list(world.agreement.clauses.values_list("number", flat=True)) == ["1", "2", "3"]


def test_word_upload_previews_its_headings(world: World, client_for: Any) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("2 Quality", style="Heading 1")
    doc.add_paragraph("Certificates with every batch.")
    out = io.BytesIO()
    doc.save(out)
    client = client_for("buyer_lead")
    page = client.post(
        f"/agreements/{world.agreement.pk}/import/",
        {"file": SimpleUploadedFile("msa.docx", out.getvalue()), "action": "preview"},
    ).content.decode()
    assert "Preview: 1 clause" in page and "Certificates with every batch." in page
    wrong = client.post(
        f"/agreements/{world.agreement.pk}/import/",
        {"file": SimpleUploadedFile("msa.pdf", b"%PDF"), "action": "preview"},
    ).content.decode()
    assert "Upload a .txt, .md or .docx file." in wrong


def test_clause_page_links_objectives_and_suggests(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    objective = document.objective_add(
        actor=lead, partnership=world.partnership, base=1, title="Secure bag supply for bioreactors"
    )
    client = client_for("supplier_member")
    url = f"/clauses/{world.clause.pk}/"
    page = client.get(url).content.decode()
    suggested = page.split("Suggested objectives")[1].split("</section>")[0]
    matched = suggested.split("matched: ")[1].split("<")[0].replace(",", " ").split()
    assert "O1" in suggested and {"bags", "bioreactors"} <= set(matched)
    response = client.post(
        url,
        {
            "version": "1",
            "number": "1",
            "heading": "Scope",
            "text": "Bags for bioreactors.",
            "negotiation_status": "agreed",
            "objective_ids": [str(objective.pk)],
        },
    )
    assert response.status_code == 302
    matrix = client.get(f"/agreements/{world.agreement.pk}/traceability/").content.decode()
    assert "supports O1" in matrix and "orphan" not in matrix.split("<tbody>")[1]
    stale = client.post(url, {"version": "1", "heading": "Scope", "negotiation_status": "disputed"})
    assert stale.status_code == 409


def test_internal_positions_and_comments_stay_on_their_side(world: World, client_for: Any) -> None:
    secret_position = world.clause_internal.body
    secret_comment = world.comment_internal.body
    for persona in ("supplier_lead", "supplier_member"):
        client = client_for(persona)
        for url in (
            f"/clauses/{world.clause.pk}/",
            f"/partnerships/{world.partnership.pk}/vision/",
            f"/api/v1/clauses/{world.clause.pk}/notes",
            f"/api/v1/partnerships/{world.partnership.pk}/vision/comments",
            f"/agreements/{world.agreement.pk}/history/",
        ):
            body = client.get(url).content.decode()
            assert secret_position not in body and secret_comment not in body, f"{persona} on {url}"
        assert client.get(f"/api/v1/vision/comments/{world.comment_internal.pk}").status_code in (404, 405)
    buyer = client_for("buyer_viewer").get(f"/clauses/{world.clause.pk}/").content.decode()
    assert secret_position in buyer and "Internal · Buyer Co only" in buyer


def test_comment_resolve_round_trip(world: World, client_for: Any) -> None:
    shared = comments.comment_add(
        actor=world.user("supplier_member"),
        partnership=world.partnership,
        section="purpose",
        body="Too vague",
    )
    assert shared.revision_number == 1
    client = client_for("buyer_lead")
    client.post(f"/vision/comments/{shared.pk}/resolve/", {"version": "1", "resolved": "1"})
    shared.refresh_from_db()
    assert shared.resolved
    stale = client.post(f"/vision/comments/{shared.pk}/resolve/", {"version": "1", "resolved": "0"})
    assert stale.status_code == 409


def test_vision_pdf_carries_the_text_and_signatures(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    document.vision_edit(
        actor=lead,
        partnership=world.partnership,
        base=1,
        sections={"purpose": "Secure supply — together, at **fair** cost ≥ index"},
    )
    document.vision_sign(actor=lead, partnership=world.partnership, number=2)
    response = client_for("supplier_member").get(f"/partnerships/{world.partnership.pk}/vision/export.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Secure supply — together, at fair cost ≥ index" in text
    assert "Buyer Co: Bea Buyer" in text and "Revision 2" in text


def test_report_pdf_after_reveal(world: World, client_for: Any) -> None:
    supplier = world.user("supplier_lead")
    rounds.submission_submit(actor=world.user("buyer_lead"), submission=world.buyer_submission, version=None)
    mine = rounds.submission_save(actor=supplier, round_=world.round, **SUPPLIER_ANSWERS)
    rounds.submission_submit(actor=supplier, submission=mine, version=None)
    rounds.round_reveal(actor=world.user("buyer_lead"), round_=world.round)
    response = client_for("buyer_viewer").get(f"/vision/rounds/{world.round.pk}/report.pdf")
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "Overall alignment" in text and "Perception gaps" in text


def _clauses(world: World) -> Any:
    lead = world.user("buyer_lead")
    objective = document.objective_add(actor=lead, partnership=world.partnership, base=1, title="Supply")
    counter = iter(range(1000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            clause = services.clause_add(
                actor=lead, agreement=world.agreement, number=f"{i + 10}", heading=f"Clause {i}"
            )
            if i % 2:
                services.clause_update(actor=lead, clause=clause, version=None, objective_ids=[objective.pk])
            services.note_add(actor=lead, clause=clause, body=f"position {i}", visibility=Visibility.INTERNAL)

    return grow


def _agreements(world: World) -> Any:
    counter = iter(range(1000))

    def grow(n: int) -> None:
        for _ in range(n):
            agreement = services.agreement_create(
                actor=world.user("buyer_lead"), partnership=world.partnership, title=f"SoW {next(counter)}"
            )
            services.clause_add(actor=world.user("buyer_lead"), agreement=agreement, heading="Scope")

    return grow


@pytest.mark.parametrize(
    "url,grower,budget",
    [
        # A page of clauses costs a count; the summary above it (orphans, uncovered objectives) is
        # asked of the database instead of read from every clause.
        ("/agreements/{a}/", _clauses, 20),
        ("/agreements/{a}/traceability/", _clauses, 16),
        ("/api/v1/agreements/{a}/clauses", _clauses, 8),
        ("/api/v1/agreements/{a}/traceability", _clauses, 11),
        ("/partnerships/{p}/agreements/", _agreements, 14),
        ("/api/v1/partnerships/{p}/agreements", _agreements, 8),
    ],
)
def test_agreement_query_counts_are_flat(
    world: World, client_for: Any, url: str, grower: Any, budget: int
) -> None:
    client = client_for("supplier_lead")
    target = url.format(a=world.agreement.pk, p=world.partnership.pk)
    assert_flat_queries(lambda: client.get(target), grower(world), budget=budget)


def test_date_fields_show_stored_dates_in_the_format_browsers_accept(world: World, client_for: Any) -> None:
    """A date input only takes ISO dates: with en-GB's 23/11/2026 the browser shows an empty field
    and saving the edit form would silently clear the date."""
    import datetime

    services.agreement_update(
        actor=world.user("buyer_lead"),
        agreement=world.agreement,
        version=None,
        start_date=datetime.date(2027, 1, 1),
    )
    page = client_for("buyer_lead").get(f"/agreements/{world.agreement.pk}/edit/").content.decode()
    assert 'type="date" name="start_date" value="2027-01-01"' in page
    goal_page = client_for("buyer_lead").get(f"/goals/{world.goal_internal.pk}/edit/").content.decode()
    assert 'type="date" name="start_date" value="2026-01-01"' in goal_page
