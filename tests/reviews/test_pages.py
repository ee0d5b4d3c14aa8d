"""The Reviews tab through HTTP: answering a survey on the page and the API, reading results and
gaps, the report pack as a page and as a PDF read back as text."""

import datetime
import io
from typing import Any

from django.utils import timezone
from pypdf import PdfReader

from concord.reviews.models import SurveyResponse
from concord.reviews.services import reviews as review_services
from tests.reviews.helpers import BOTH, KEYS, answers, closed_round, open_round
from tests.world import World


def _form(is_: int, other: int) -> dict[str, str]:
    data = {}
    for key in KEYS:
        data[f"{key}__is"], data[f"{key}__other"], data[f"{key}__comment"] = str(is_), str(other), ""
    return data


def test_answering_on_the_page_and_changing_it(world: World, client_for: Any) -> None:
    found = open_round(world)
    client = client_for("supplier_member")
    answered = client.post(f"/surveys/{found.pk}/answer/", _form(2, 4), follow=True)
    assert answered.status_code == 200 and "anonymously" in answered.content.decode()
    client.post(f"/surveys/{found.pk}/answer/", _form(3, 4))
    assert SurveyResponse.unscoped.get(round=found).answers["trust"]["is"] == 3
    bad = client.post(f"/surveys/{found.pk}/answer/", {**_form(3, 4), "trust__is": "9"})
    assert bad.status_code == 200 and "Rate each dimension" in bad.content.decode()


def test_the_api_gives_your_own_answer_only(world: World, client_for: Any) -> None:
    found = open_round(world)
    body = {"answers": answers(4, 2, "fine")}
    mine = client_for("supplier_lead").put(
        f"/api/v1/surveys/{found.pk}/answer", body, content_type="application/json"
    )
    assert mine.status_code == 200 and mine.json()["answers"]["trust"]["comment"] == "fine"
    assert client_for("supplier_lead").get(f"/api/v1/surveys/{found.pk}/answer").status_code == 200
    for persona in ("supplier_member", "buyer_lead"):
        assert client_for(persona).get(f"/api/v1/surveys/{found.pk}/answer").status_code == 404
    detail = client_for("buyer_lead").get(f"/api/v1/surveys/{found.pk}").json()
    assert detail["supplier"] == {"respondents": 1, "shown": False, "mean": None}
    assert "fine" not in str(detail)
    missing = client_for("buyer_lead").put(
        f"/api/v1/surveys/{found.pk}/answer",
        {"answers": {"trust": {"is": 3, "other": 3}}},
        content_type="application/json",
    )
    assert missing.status_code == 422 and "answers.fairness" in {e["field"] for e in missing.json()["errors"]}


def test_results_page_shows_gaps_and_not_enough_per_side(world: World, client_for: Any) -> None:
    found = closed_round(world, {"buyer_lead": (4, 3), "supplier_lead": (5, 2), "supplier_member": (3, 4)})
    html = client_for("buyer_viewer").get(f"/surveys/{found.pk}/").content.decode()
    assert 'data-not-enough="buyer"' in html and 'data-not-enough="supplier"' not in html
    assert (
        "supplier_lead says" in html and "buyer_lead says" not in html
    )  # comments in aggregate, above the threshold


def test_the_report_pack_and_its_pdf_carry_the_figures(world: World, client_for: Any) -> None:
    closed_round(world, BOTH)
    today = timezone.localdate()
    review = review_services.review_create(
        actor=world.user("buyer_lead"), partnership=world.partnership, title="Q3 review",
        period_from=today - datetime.timedelta(days=90), period_to=today,
    )  # fmt: skip
    review_services.review_narrative(
        actor=world.user("supplier_lead"), review=review, version=1, narrative="Steady quarter."
    )
    client = client_for("supplier_member")
    page = client.get(f"/reviews/{review.pk}/report/").content.decode()
    assert "Q3 review" in page and "62.5" in page and "Steady quarter." in page
    pdf = client.get(f"/reviews/{review.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())  # cells wrap their lines
    assert "Q3 review" in text and "62.5" in text and "Steady quarter." in text
    assert "On-time delivery" in text and "Dual-source the film" not in text
    assert world.risk.title in text and world.risk_internal.title not in text
    assert "Survey by dimension" in text and any(page.images for page in reader.pages)


def test_the_report_compares_with_the_previous_review(world: World, client_for: Any) -> None:
    today = timezone.localdate()
    lead = world.user("buyer_lead")
    review_services.review_create(
        actor=lead, partnership=world.partnership, title="H1",
        period_from=today - datetime.timedelta(days=300), period_to=today - datetime.timedelta(days=200),
    )  # fmt: skip
    closed_round(world, BOTH)
    second = review_services.review_create(
        actor=lead, partnership=world.partnership, title="H2",
        period_from=today - datetime.timedelta(days=199), period_to=today,
    )  # fmt: skip
    pdf = client_for("buyer_lead").get(f"/reviews/{second.pk}/report.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Previous (H1)" in text and "Survey score (0–100)" in text


def test_signing_on_the_page_with_a_stale_version_is_a_conflict(world: World, client_for: Any) -> None:
    today = timezone.localdate()
    review = review_services.review_create(
        actor=world.user("buyer_lead"), partnership=world.partnership, title="Q3",
        period_from=today - datetime.timedelta(days=30), period_to=today,
    )  # fmt: skip
    review_services.review_narrative(actor=world.user("buyer_lead"), review=review, version=1, narrative="x")
    api = client_for("supplier_lead").post(
        f"/api/v1/reviews/{review.pk}/sign", {"version": 1}, content_type="application/json"
    )
    assert api.status_code == 409
    assert (
        client_for("supplier_lead").post(f"/reviews/{review.pk}/sign/", {"version": "2"}).status_code == 302
    )
