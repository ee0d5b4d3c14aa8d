"""Choosing a partner in a real browser: judgments that contradict each other make the AHP
weighting warn (consistency ratio 0.10 or more) and name what to revisit, and the candidates come
ranked by their weighted score."""

from typing import Any

import pytest

from tests.browser.test_journeys import _sign_in, browser  # noqa: F401  (the fixture)
from tests.world import World

pytestmark = [pytest.mark.browser]


def test_an_inconsistent_ahp_weighting_warns_and_the_candidates_are_ranked(
    transactional_db: Any,
    live_server: Any,
    browser: Any,  # noqa: F811
    world: World,
) -> None:
    from concord.selection import services as selection

    lead = world.user("buyer_lead")
    need = selection.need_create(
        actor=lead,
        organisation=world.buyer,
        title="Filtration partner",
        purpose="A second source of depth filters",
        weighting="ahp",
    )
    a, b, c = list(need.criteria.order_by("position", "pk"))[:3]  # three of the eight default criteria
    strong = selection.candidate_add(
        actor=lead, need=need, name="Strong Filters", contact_email="s@strong.test"
    )
    weak = selection.candidate_add(actor=lead, need=need, name="Weak Filters", contact_email="w@weak.test")
    for criterion in need.criteria.all():
        selection.score_set(actor=lead, candidate=weak, criterion=criterion, value=2, evidence="Site visit")
        selection.score_set(actor=lead, candidate=strong, criterion=criterion, value=5, evidence="References")

    base = live_server.url
    page = browser.new_context().new_page()
    _sign_in(page, base, "lead@buyer.test")
    page.goto(f"{base}/selection/needs/{need.pk}/")
    # No judgment yet: every pair counts as equal, which is perfectly consistent.
    assert page.locator('[data-consistency="warning"]').count() == 0
    # A judged extremely more important than B, and B than C, while A and C stay equal: the
    # judgments contradict each other (consistency ratio 0.16).
    for first, second in ((a, b), (b, c)):
        page.get_by_text("Compare two criteria (AHP)").click()
        judgment = page.locator('form[action$="/comparisons/"]')
        judgment.locator('select[name="first"]').select_option(label=first.name)
        judgment.locator('select[name="second"]').select_option(label=second.name)
        judgment.locator('select[name="favours"]').select_option(label="The first")
        judgment.locator('select[name="intensity"]').select_option(value="9")
        judgment.get_by_role("button", name="Record the judgment").click()
        page.wait_for_load_state("load")

    warning = page.locator('[data-consistency="warning"]')
    assert warning.is_visible()
    assert "consistency ratio" in warning.inner_text()
    assert a.name in warning.inner_text() or c.name in warning.inner_text()  # what to revisit first
    rows = page.locator("#ranking ~ .table-scroll tbody tr[data-row]")
    assert rows.nth(0).inner_text().startswith("1") and "Strong Filters" in rows.nth(0).inner_text()
    assert rows.nth(1).inner_text().startswith("2") and "Weak Filters" in rows.nth(1).inner_text()
