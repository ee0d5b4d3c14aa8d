"""A history in plain words: field labels and human values, never the trail's stored form, and
never the name of a record the reader may not see."""

import datetime
from typing import Any

from concord.partnerships import services
from tests.world import World


def test_the_history_says_what_changed_in_words(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    services.partnership_update(
        actor=lead,
        partnership=world.partnership,
        version=world.partnership.version,
        relationship_type="tactical",
        # the world's segmentation suggests strategic: another type keeps its rationale
        relationship_rationale="A second film source qualifies in Q2.",
        check_in_every_days=30,
        start_date=datetime.date(2026, 3, 1),
    )
    page = client_for("supplier_lead").get(f"/partnerships/{world.partnership.pk}/history/").content.decode()
    assert "check_in_every_days" not in page and "relationship_type" not in page
    assert "Tactical" in page and "Check in every days" in page  # labels, not codes
    assert "1 Mar 2026" in page
