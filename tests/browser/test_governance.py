"""Governance in a real browser: the supplier's member raises an issue; nobody at the first
level responds in time, so the daily job (run with the clock moved on) escalates it to the
partnership managers; the supplier's lead finds it on their home page and resolves it citing a
guiding principle of the vision, whose text the issue page then shows."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from concord.core.schedule import run_daily
from concord.governance.models import Issue
from tests.browser.test_journeys import _sign_in, browser  # noqa: F401  (the fixture)
from tests.governance.helpers import set_up
from tests.world import World

pytestmark = [pytest.mark.browser]


def test_an_issue_is_raised_escalated_and_resolved_citing_a_principle(
    transactional_db: Any,
    live_server: Any,
    browser: Any,  # noqa: F811
    world: World,
) -> None:
    base, pk = live_server.url, world.partnership.pk
    gov = set_up(world)  # the buyer lead answers at level 1, the supplier lead at level 2
    member = browser.new_context().new_page()
    _sign_in(member, base, "member@supplier.test")
    member.goto(f"{base}/partnerships/{pk}/issues/")
    member.get_by_text("Raise an issue").click()
    member.locator("#id_title").fill("Film lots wait at incoming inspection")
    member.locator("#id_description").fill("Three lots waited more than five days for release.")
    member.locator("#id_severity").select_option("high")
    member.get_by_role("button", name="Raise issue").click()
    member.wait_for_selector("text=respond within 3 days")

    later = timezone.localdate() + datetime.timedelta(days=gov.levels[0].response_days + 1)
    assert run_daily.call(later.isoformat())["concord.governance.tasks.escalate_issues"] == 1
    issue = Issue.unscoped.get(title="Film lots wait at incoming inspection")
    assert issue.level_id == gov.levels[1].pk

    lead = browser.new_context().new_page()
    _sign_in(lead, base, "lead@supplier.test")  # lands on the home page
    section = lead.locator("#issues")
    assert section.get_by_text("escalated to Partnership managers").is_visible()
    section.get_by_role("link", name="Film lots wait at incoming inspection").click()
    lead.get_by_text("Resolve", exact=True).click()
    lead.get_by_label("How it was resolved").fill("Helix releases film lots within two days of arrival.")
    lead.get_by_label("It serves").select_option(label="Principle: Reciprocity")
    lead.get_by_role("button", name="Resolve issue").click()
    cited = lead.locator("#cited")
    cited.wait_for()
    assert "Reciprocity — each side's contribution is matched by the other's." in cited.inner_text()
    issue.refresh_from_db()
    assert issue.status == "resolved" and issue.cited_principle == "Reciprocity"
