"""Customer insight in a real browser: the supplier gets recommendations with their reasons and
shares one as a proposal; the customer sees the proposal and answers it — never the profile."""

import os
from collections.abc import Iterator
from typing import Any

import pytest

from concord.insight.services import portfolio, profile
from tests.browser.test_journeys import ARGS, CHROMIUM, _sign_in
from tests.world import World

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


def test_the_supplier_shares_a_recommendation_and_the_customer_answers_it(
    transactional_db: Any, live_server: Any, browser: Any, world: World
) -> None:
    supplier_lead = world.user("supplier_lead")
    profile.constraints_save(actor=supplier_lead, partnership=world.partnership, budget_month=4)
    portfolio.offering_create(
        actor=supplier_lead,
        organisation=world.supplier,
        name="Old filler",
        themes=["uptime"],
        lifecycle="end_of_sale",
    )
    base = live_server.url
    insight = f"{base}/partnerships/{world.partnership.pk}/insight/"

    supplier = browser.new_context().new_page()
    _sign_in(supplier, base, "lead@supplier.test")
    supplier.goto(insight)
    row = supplier.locator("#recommendations tr[data-row]", has_text="F-300 filler")
    row.wait_for()
    assert "Replaces 3 × Bag filler (ageing)" in row.inner_text()
    assert "supports the customer's goal ‘Fewer line stops’" in row.inner_text()
    assert "Old filler" not in supplier.locator("#recommendations").inner_text()
    supplier.get_by_role("link", name="Show which offerings are left out, and why").click()
    assert "At end of sale." in supplier.locator("#left-out").inner_text()
    supplier.locator("#recommendations tr[data-row]", has_text="F-300 filler").get_by_role(
        "button", name="Propose"
    ).click()
    supplier.get_by_label("Proposal").fill("Replace the F-200 fillers with the F-300")
    supplier.get_by_role("button", name="Share the proposal").click()
    supplier.wait_for_url(f"{base}/demands/**")
    assert "Replace the F-200 fillers with the F-300" in supplier.content()

    buyer = browser.new_context().new_page()
    _sign_in(buyer, base, "lead@buyer.test")
    buyer.goto(insight)
    text = buyer.locator("main").inner_text()
    assert "Proposals from your supplier" in text and "Replace the F-200 fillers" in text
    assert "Recommendations" not in buyer.locator("h2").all_inner_texts()
    buyer.goto(f"{base}/partnerships/{world.partnership.pk}/insight/installed-base/")
    assert "Bag filler" not in buyer.locator("main").inner_text()  # the supplier's, internal
    buyer.goto(insight)
    buyer.get_by_role("link", name="Replace the F-200 fillers with the F-300").first.click()
    buyer.get_by_role("radio", name="No").check()
    buyer.get_by_label("Why").fill("Budget is spent this year; ask in April.")
    buyer.get_by_role("button", name="Send answer").click()
    buyer.wait_for_load_state()

    supplier.goto(insight)
    earlier = supplier.locator("#recommendations tr[data-row]", has_text="F-300 filler").inner_text()
    assert "No" in earlier and "Budget is spent this year" in earlier
