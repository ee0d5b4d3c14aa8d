"""The health survey in a real browser: the buyer's lead opens the world's draft round (threshold
2), two people of each side answer on the page, the supplier's lead closes it, and both sides read
the per-side results and the perception gaps — never anyone's answer."""

from typing import Any

import pytest

from concord.reviews.models import RoundStatus, SurveyResponse
from tests.browser.test_journeys import _sign_in, browser  # noqa: F401  (the fixture)
from tests.world import World

pytestmark = [pytest.mark.browser]
KEYS = ["trust", "communication", "alignment", "responsiveness", "value", "innovation", "fairness"]
# (how it is, how the other side will rate it) for every dimension
ANSWERS = {
    "lead@buyer.test": (4, 3),
    "viewer@buyer.test": (2, 3),
    "lead@supplier.test": (5, 2),
    "member@supplier.test": (3, 4),
}


def _page(chromium: Any, base: str, email: str) -> Any:
    page = chromium.new_context().new_page()
    _sign_in(page, base, email)
    return page


def _answer(page: Any, url: str, is_: int, other: int) -> None:
    page.goto(url)
    for key in KEYS:
        page.locator(f"#id_{key}__is").select_option(str(is_))
        page.locator(f"#id_{key}__other").select_option(str(other))
    page.locator("#id_trust__comment").fill("Open and honest.")
    page.get_by_role("button", name="Send my answer").click()
    page.wait_for_selector("text=your answer is saved, anonymously")


def test_both_sides_answer_and_read_the_perception_gaps(
    transactional_db: Any,
    live_server: Any,
    browser: Any,  # noqa: F811
    world: World,
) -> None:
    base, found = live_server.url, world.survey_round
    url = f"{base}/surveys/{found.pk}/"
    buyer = _page(browser, base, "lead@buyer.test")
    buyer.goto(url)
    buyer.get_by_role("button", name="Open the round and invite both sides").click()
    buyer.wait_for_selector("text=Round open")
    for email, (is_, other) in ANSWERS.items():
        page = buyer if email == "lead@buyer.test" else _page(browser, base, email)
        _answer(page, url, is_, other)
    assert SurveyResponse.unscoped.filter(round=found).count() == 4
    assert "how it is" not in buyer.locator("[data-dimension]").all_inner_texts()  # no results yet

    supplier = _page(browser, base, "lead@supplier.test")
    supplier.goto(url)
    supplier.get_by_role("button", name="Close the round now").click()
    supplier.wait_for_selector("[data-score]")
    found.refresh_from_db()
    assert found.status == RoundStatus.CLOSED

    for page in (buyer, supplier):
        page.goto(url)
        trust = page.locator('[data-dimension="trust"]')
        cells = trust.locator("td").all_inner_texts()
        # buyer says 3, supplier says 4; the buyer predicted 3 (gap +1), the supplier predicted 3 (gap 0)
        assert cells == ["3.0", "4.0", "3.0", "1.0", "3.0", "0.0"]
        assert page.locator("[data-score]").inner_text() == "62.5"
        assert page.get_by_text("Open and honest.").count() == 4  # two a side, listed by side, never by name
        assert page.get_by_text("not enough responses").count() == 0
