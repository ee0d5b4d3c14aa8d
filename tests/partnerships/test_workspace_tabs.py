"""The workspace's tabs and sub-tabs: scorecards, the commitment ledger, action plans, wins and the
decision log are one click from the tab bar, and the page one is on is marked as current."""

import re
from typing import Any

from tests.world import World


def _current(page: str) -> list[str]:
    return re.findall(r'aria-current="page">([^<]+)</a>', page)


def test_each_page_marks_its_tab_and_sub_tab(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    p = world.partnership.pk
    expected = {
        f"/partnerships/{p}/scorecards/": ["Goals &amp; scorecards", "Scorecards"],
        f"/scorecards/{world.scorecard.pk}/": ["Goals &amp; scorecards", "Scorecards"],
        f"/goals/{world.goal_shared.pk}/": ["Goals &amp; scorecards", "Goals"],
        f"/partnerships/{p}/commitments/": ["Demands &amp; commitments", "Commitments &amp; reliability"],
        f"/commitments/{world.commitment.pk}/": [
            "Demands &amp; commitments",
            "Commitments &amp; reliability",
        ],
        f"/partnerships/{p}/plans/": ["Demands &amp; commitments", "Action plans"],
        f"/partnerships/{p}/wins/": ["Demands &amp; commitments", "Wins"],
        f"/partnerships/{p}/decisions/": ["Governance", "Decision log"],
        f"/partnerships/{p}/governance/": ["Governance", "Roles &amp; escalation"],
        f"/partnerships/{p}/issues/": ["Governance", "Issues"],
        f"/issues/{world.issue.pk}/": ["Governance", "Issues"],
        f"/partnerships/{p}/lessons/": ["Governance", "Lessons"],
        f"/partnerships/{p}/reviews/": ["Reviews", "Reviews"],
        f"/reviews/{world.review.pk}/": ["Reviews", "Reviews"],
        f"/partnerships/{p}/surveys/": ["Reviews", "Health survey"],
        f"/surveys/{world.survey_round.pk}/": ["Reviews", "Health survey"],
        f"/partnerships/{p}/": ["Overview"],
    }
    for url, marked in expected.items():
        assert _current(client.get(url).content.decode()) == marked, url


def test_every_capability_built_has_its_tab(world: World, client_for: Any) -> None:
    page = client_for("buyer_lead").get(f"/partnerships/{world.partnership.pk}/").content.decode()
    assert f"/partnerships/{world.partnership.pk}/insight/" in page  # built: issue 17
    assert f"/partnerships/{world.partnership.pk}/reviews/" in page  # built: issue 16
