"""The home page in a real browser: signing in leads there, and it fits a 390 px phone screen
(no sideways scrolling), for both sides."""

from typing import Any

import pytest

from tests.browser.test_journeys import _sign_in, browser  # noqa: F401  (the fixture)
from tests.world import World

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("email", ["lead@buyer.test", "lead@supplier.test"])
def test_home_fits_a_phone_without_scrolling_sideways(
    transactional_db: Any,
    live_server: Any,
    browser: Any,  # noqa: F811
    world: World,
    email: str,
) -> None:
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    _sign_in(page, live_server.url, email)  # lands on /home/
    assert page.locator("h1", has_text="What needs my attention").count() == 1
    assert page.locator("li[data-row]").count() >= 1
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the page is {wide} px wide"
