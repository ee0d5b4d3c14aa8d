"""The daily loop in a real browser: the buyer raises a demand; the supplier's lead finds it on
their home page and in their email at once, answers it (the answer form shows only what a yes
needs); the buyer is told of the answer."""

from typing import Any

import pytest
from django.core import mail

from tests.browser.test_journeys import _sign_in, browser  # noqa: F401  (the fixture)
from tests.world import World, soon

pytestmark = [pytest.mark.browser]


def test_a_demand_goes_round_and_both_sides_hear_at_once(
    transactional_db: Any,
    live_server: Any,
    browser: Any,  # noqa: F811
    world: World,
) -> None:
    base, pk = live_server.url, world.partnership.pk
    buyer = browser.new_context().new_page()
    _sign_in(buyer, base, "lead@buyer.test")
    buyer.goto(f"{base}/partnerships/{pk}/demands/")
    buyer.get_by_text("Raise a demand").click()
    buyer.get_by_label("What do you need?").fill("Weekly stock report")
    buyer.get_by_role("button", name="Raise demand").click()
    buyer.wait_for_selector("text=Weekly stock report")
    [email] = [m for m in mail.outbox if "Weekly stock report" in m.subject]
    assert email.to == ["lead@supplier.test"]

    supplier = browser.new_context().new_page()
    _sign_in(supplier, base, "lead@supplier.test")  # lands on the home page
    supplier.get_by_role("link", name="Weekly stock report").first.click()
    assert supplier.locator("#id_promised_on").is_hidden()  # nothing chosen yet: no extra fields
    supplier.get_by_label("Yes", exact=True).check()
    assert supplier.locator("#id_promised_on").is_visible()
    assert supplier.locator("#id_alternative").is_hidden()
    supplier.get_by_label("Why").fill("We have the data already")
    supplier.fill("#id_promised_on", soon(7).isoformat())
    supplier.get_by_role("button", name="Send answer").click()
    supplier.wait_for_selector("text=Committed to deliver by")

    buyer.goto(f"{base}/notifications/")
    # the notification itself ("a survey … not answered" is also a kind in the filter's choices)
    assert buyer.get_by_text("Supplier Co answered").first.is_visible()
