"""A real browser (Debian's Chromium through Playwright) on the live server."""

import os
from collections.abc import Iterator
from typing import Any

import pytest

from concord.vision.models import DEFAULT_DIMENSIONS
from tests.world import PASSWORD, World

CHROMIUM = "/usr/bin/chromium"
DIMENSIONS = DEFAULT_DIMENSIONS
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian chromium"),
]


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def _sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/account/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/home/")  # signing in leads home


def test_internal_note_stays_with_the_buyer(
    transactional_db: Any, live_server: Any, browser: Any, world: World
) -> None:
    base = live_server.url
    workspace = f"{base}/partnerships/{world.partnership.pk}/"

    buyer = browser.new_context().new_page()
    _sign_in(buyer, base, "lead@buyer.test")
    buyer.get_by_role("link", name="Partnerships", exact=True).click()
    buyer.get_by_role("link", name="Bags").click()
    buyer.wait_for_url(workspace)
    buyer.get_by_label("Title").fill("Price floor")
    buyer.get_by_label("Body").fill("We accept **no more than 3 %** increase.")
    buyer.get_by_label("Internal to my organisation").check()
    buyer.get_by_role("button", name="Post note").click()
    posted = buyer.locator("article.note", has_text="Price floor")
    posted.wait_for()
    assert "Internal · Buyer Co only" in posted.inner_text()
    assert posted.locator("strong", has_text="no more than 3 %").count() == 1

    supplier = browser.new_context().new_page()
    _sign_in(supplier, base, "lead@supplier.test")
    supplier.goto(workspace)
    notes = supplier.locator("#notes-block")
    notes.wait_for()
    text = notes.inner_text()
    assert "Shared plan" in text
    assert "Price floor" not in text and "3 %" not in text


def _answer_round(page: Any, points: dict[str, int], prediction: dict[str, int], outcome: str) -> None:
    """Fill every dimension (a saved draft may hold other points) and submit."""
    page.get_by_label("Desired outcome 1").fill(outcome)
    for dimension in DIMENSIONS:
        page.get_by_label(dimension, exact=True).fill(str(points.get(dimension, 0)))
        page.get_by_label(f"{dimension} — ", exact=False).fill(str(prediction.get(dimension, 0)))
    page.get_by_role("button", name="Save and submit").click()
    page.get_by_text("Submitted. The other side").wait_for()


def test_blind_round_then_reveal_and_report(
    transactional_db: Any, live_server: Any, browser: Any, world: World
) -> None:
    base = live_server.url
    round_url = f"{base}/vision/rounds/{world.round.pk}/"

    supplier = browser.new_context().new_page()
    _sign_in(supplier, base, "lead@supplier.test")
    supplier.goto(round_url)
    assert "Secure supply" not in supplier.content()  # the buyer's saved draft stays blind
    _answer_round(supplier, {"Cost": 10, "Innovation": 90}, {"Cost": 100}, "Grow into filtration")

    buyer = browser.new_context().new_page()
    _sign_in(buyer, base, "lead@buyer.test")
    buyer.goto(round_url)
    assert "Grow into filtration" not in buyer.content()
    _answer_round(buyer, {"Cost": 70, "Innovation": 30}, {"Innovation": 100}, "Secure supply")
    buyer.get_by_role("button", name="Close the round and reveal all answers").click()
    buyer.get_by_text("Overall alignment").wait_for()
    # |70-10| + |30-90| = 120 -> 100 - 60 = 40
    assert "40.0 / 100" in buyer.content()
    assert "Buyer Co puts 70 points on cost, Supplier Co 10." in buyer.content()

    supplier.goto(round_url)
    assert "Secure supply" in supplier.content() and "40.0 / 100" in supplier.content()


def test_vision_written_and_signed_by_both_sides(
    transactional_db: Any, live_server: Any, browser: Any, world: World
) -> None:
    base = live_server.url
    vision = f"{base}/partnerships/{world.partnership.pk}/vision/"

    buyer = browser.new_context().new_page()
    _sign_in(buyer, base, "lead@buyer.test")
    buyer.goto(vision)
    buyer.get_by_role("button", name="Edit the vision").click()
    buyer.get_by_label("Purpose").fill("Secure **2,000 L** bag supply and grow together.")
    buyer.get_by_role("button", name="Save as a new revision").click()
    buyer.get_by_text("Saved as revision 2").wait_for()
    buyer.get_by_role("button", name="Sign revision 2 for my organisation").click()
    buyer.get_by_text("Signed for your organisation.").wait_for()
    assert "Awaiting sign-off" in buyer.content()

    supplier = browser.new_context().new_page()
    _sign_in(supplier, base, "lead@supplier.test")
    supplier.goto(vision)
    assert supplier.locator("strong", has_text="2,000 L").count() == 1
    supplier.get_by_role("button", name="Sign revision 2 for my organisation").click()
    supplier.get_by_text("Signed for your organisation.").wait_for()
    assert "Agreed" in supplier.content()

    # The vision is agreed, so the gate is open: the supplier moves the contract into negotiation.
    supplier.get_by_role("link", name="Agreements").click()
    supplier.get_by_text("The Shared Vision is agreed").wait_for()
    supplier.get_by_role("link", name="Bag supply contract").click()
    supplier.get_by_role("button", name="Move to negotiation").click()
    supplier.get_by_text("The agreement is now in negotiation.").wait_for()
    buyer.goto(f"{base}/agreements/{world.agreement.pk}/")
    assert buyer.locator(".badge.status", has_text="Negotiation").count() == 1
    assert "Vision gate overridden" not in buyer.content()


def test_recording_a_measurement_changes_status_and_chart(
    transactional_db: Any, live_server: Any, browser: Any, world: World
) -> None:
    base = live_server.url
    page = browser.new_context().new_page()
    _sign_in(page, base, "lead@supplier.test")
    page.goto(f"{base}/partnerships/{world.partnership.pk}/goals/")
    page.get_by_role("link", name="On-time delivery").click()
    status = page.locator("#goal-status")
    assert status.inner_text() == "on track"
    figure = page.locator('figure[data-chart="goal-chart-spec"]')
    figure.and_(page.locator('[data-rendered="true"]')).wait_for()
    measured = figure.locator('[aria-roledescription="point"][aria-label*="series: Measured"]')
    assert measured.count() == 1  # the chart was drawn in the page by the vendored vega-embed

    page.get_by_role("textbox", name="Value").fill("98")
    page.get_by_role("button", name="Record").click()
    page.locator(".flash", has_text="Recorded 98").wait_for()
    assert status.inner_text() == "achieved"
    figure.and_(page.locator('[data-rendered="true"]')).wait_for()
    assert measured.count() == 2
    assert "98 %" in page.locator("#goal-latest").inner_text()


def test_demand_maybe_then_yes_becomes_a_kept_commitment(
    transactional_db: Any, live_server: Any, browser: Any, world: World
) -> None:
    from django.utils import timezone

    base = live_server.url
    today = timezone.localdate().isoformat()
    buyer = browser.new_context().new_page()
    _sign_in(buyer, base, "lead@buyer.test")
    buyer.goto(f"{base}/partnerships/{world.partnership.pk}/demands/")
    buyer.get_by_text("Raise a demand").click()
    buyer.get_by_label("What do you need?").fill("Weekly stock report")
    buyer.get_by_role("button", name="Raise demand").click()
    assert buyer.locator("#demand-status").inner_text() == "Awaiting an answer"
    demand_url = buyer.url

    supplier = browser.new_context().new_page()
    _sign_in(supplier, base, "lead@supplier.test")
    supplier.goto(demand_url)
    supplier.get_by_role("radio", name="Maybe").check()
    supplier.locator("#id_rationale").fill("Our ERP cannot yet export weekly.")
    supplier.get_by_label("Maybe: it depends on").fill("IT automates the export")
    supplier.get_by_label("Maybe: we come back with an answer by").fill(today)
    supplier.get_by_role("button", name="Send answer").click()
    assert supplier.locator("#demand-status").inner_text() == "Maybe"

    supplier.get_by_role("radio", name="Yes").check()
    supplier.locator("#id_rationale").fill("The export is automated.")
    supplier.get_by_label("Yes: we commit to deliver by").fill(today)
    supplier.get_by_role("button", name="Send answer").click()
    assert supplier.locator("#demand-status").inner_text() == "Yes"
    assert supplier.locator("article.answer").count() == 2  # the maybe stays on record

    supplier.get_by_role("link", name="Commitments & reliability").click()
    reliability = supplier.locator(f"#reliability-{world.supplier.pk}")
    assert reliability.inner_text() == "no data"
    supplier.get_by_role("link", name="Weekly stock report").click()
    assert supplier.locator("#commitment-status").inner_text() == "open"
    supplier.get_by_role("button", name="Mark delivered").click()
    assert supplier.locator("#commitment-status").inner_text() == "kept on time"
    supplier.get_by_role("link", name="The ledger").click()
    assert reliability.inner_text() == "100 %"

    buyer.goto(f"{base}/partnerships/{world.partnership.pk}/commitments/")  # the buyer sees the same
    assert buyer.locator(f"#reliability-{world.supplier.pk}").inner_text() == "100 %"
