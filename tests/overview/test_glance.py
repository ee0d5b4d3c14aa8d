"""The partnership overview at a glance: the figures of every tab in one place, each as its tab
counts it, and never a count of the other side's internal records."""

from typing import Any

from concord.goals.models import Goal
from concord.overview.glance import glance
from tests.world import World


def test_each_side_sees_its_own_counts_and_nothing_internal_of_the_other(world: World) -> None:
    buyer = glance(actor=world.user("buyer_lead"), partnership=world.partnership)
    supplier = glance(actor=world.user("supplier_lead"), partnership=world.partnership)
    visible_to_supplier = Goal.objects.restrict(world.user("supplier_lead")).filter(
        partnership=world.partnership
    )
    assert supplier.row.goal_count == visible_to_supplier.count()
    assert buyer.row.goal_count == supplier.row.goal_count + 1  # the buyer's internal goal
    # the buyer's open demand waits on the supplier: "for them" to one side, "for us" to the other
    assert (buyer.row.standing.demands_to_them, supplier.row.standing.demands_to_us) == (1, 1)
    assert buyer.vision.status == supplier.vision.status


def test_the_overview_page_opens_on_the_glance(world: World, client_for: Any) -> None:
    page = client_for("supplier_lead").get(f"/partnerships/{world.partnership.pk}/").content.decode()
    glance_at = page.index("At a glance")
    assert glance_at < page.index("Notes")  # the summary first, the notes below it
    for heading in (
        "Shared vision",
        "Agreement",
        "Goals",
        "Scorecards",
        "Commitments kept",
        "Demands waiting",
    ):
        assert heading in page[glance_at:]
    assert "Push for resilience here" not in page  # the buyer's internal words stay theirs
