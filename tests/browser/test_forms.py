"""A failed form in a real browser: the error summary comes first and takes the focus, each problem
links to its field, and what was typed stays; a German number format reads 12,5 as it is written."""

from typing import Any

import pytest

from concord.accounts.models import User
from concord.goals.models import Measurement
from tests.browser.test_journeys import _sign_in, browser  # noqa: F401  (the fixture)
from tests.world import World

pytestmark = [pytest.mark.browser]


def test_a_failed_submit_focuses_the_summary_and_keeps_what_was_typed_then_12_comma_5_is_read(
    transactional_db: Any,
    live_server: Any,
    browser: Any,  # noqa: F811
    world: World,
) -> None:
    User.objects.filter(email="lead@buyer.test").update(locale="de")
    goal = world.goal_internal
    page = browser.new_context().new_page()
    _sign_in(page, live_server.url, "lead@buyer.test")
    page.goto(f"{live_server.url}/goals/{goal.pk}/")
    page.fill("#id_value", "zwölf")
    page.click("button:has-text('Record')")
    page.wait_for_selector("[data-error-summary]")
    focused = page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert focused, "the focus is on the error summary"
    assert page.input_value("#id_value") == "zwölf"
    page.click("[data-error-summary] a[href='#id_value']")
    assert page.evaluate("document.activeElement.id") == "id_value"
    page.fill("#id_value", "12,5")
    page.click("button:has-text('Record')")
    page.wait_for_selector("text=Recorded 12,5")
    assert Measurement.unscoped.filter(goal=goal, value="12.5").exists()
