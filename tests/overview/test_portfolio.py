"""The portfolio page: each partnership with its figures, computed set-based, through each side's
scope, sorted and paged in the database."""

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest

from concord.commitments.services import ledger, plans
from concord.goals import services as goals
from concord.goals.progress import GoalStatus
from concord.goals.selectors import describe, statuses_by_partnership, visible_goals
from concord.overview.portfolio import rows
from concord.partnerships import services as partnerships
from concord.partnerships.models import Partnership
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.overview.growth import growing
from tests.world import World, soon


def _row(world: World, persona: str, partnership: Partnership | None = None) -> Any:
    found = rows(actor=world.user(persona), partnerships=[partnership or world.partnership])
    return found[0]


def test_each_side_sees_its_own_figures_and_nothing_internal_to_the_other(world: World) -> None:
    # The world: the buyer's internal meeting in two days, a demand from the buyer to the supplier,
    # a supplier commitment due in 30 days, a shared goal and the buyer's internal goal.
    buyer, supplier = _row(world, "buyer_lead"), _row(world, "supplier_lead")
    assert buyer.next_meeting == world.meeting.starts_at
    assert supplier.next_meeting is None  # the buyer's internal meeting is not the supplier's
    assert (buyer.standing.demands_to_us, buyer.standing.demands_to_them) == (0, 1)
    assert (supplier.standing.demands_to_us, supplier.standing.demands_to_them) == (1, 0)
    assert buyer.goal_count == 2 and supplier.goal_count == 1  # the internal goal stays with the buyer


def test_overdue_commitments_and_reliability_count_each_way(world: World) -> None:
    later = soon(40)  # the supplier's commitment (due in 30 days) is then overdue
    lead = world.user("buyer_lead")
    plan = plans.plan_create(
        actor=lead, partnership=world.partnership, title="Second source", visibility="internal"
    )
    ours = plans.item_add(
        actor=lead, plan=plan, title="Forecast", promised_on=soon(5), owner_person_id=lead.pk
    )
    buyer = rows_on(world, "buyer_lead", later)
    supplier = rows_on(world, "supplier_lead", later)
    assert (buyer.standing.overdue_ours, buyer.standing.overdue_theirs) == (1, 1)
    # The buyer's internal to-do is not the supplier's business, nor is it a promise to it.
    assert (supplier.standing.overdue_ours, supplier.standing.overdue_theirs) == (1, 0)
    assert buyer.standing.reliability_theirs == 0.0 and buyer.standing.reliability_ours is None
    ledger.commitment_deliver(actor=world.user("supplier_lead"), commitment=world.commitment, version=None)
    assert rows_on(world, "buyer_lead", later).standing.reliability_theirs == 100.0
    assert ours.visibility == "internal"


def rows_on(world: World, persona: str, today: datetime.date) -> Any:
    from concord.commitments.standing import standings

    row = _row(world, persona)
    standing = standings(actor=world.user(persona), partnership_ids=[world.partnership.pk], today=today)
    return type(row)(row.partnership, row.next_meeting, standing[world.partnership.pk], row.goals)


def test_goal_counts_agree_with_the_goals_tab(world: World) -> None:
    supplier = world.user("supplier_lead")
    trend = goals.goal_create(
        actor=supplier,
        partnership=world.partnership,
        title="Scrap rate",
        baseline=Decimal("9"),
        target=Decimal("2"),
        direction="lower",
        start_date=datetime.date(2025, 1, 1),
    )
    # Ten values: the status depends on the trend of the last six only (down, then up again).
    for month, value in enumerate([9, 8, 7, 6, 5, 4, 5, 6, 7, 8], start=1):
        goals.measurement_add(
            actor=supplier, goal=trend, measured_on=datetime.date(2025, month, 28), value=Decimal(value)
        )
    for persona in ("buyer_lead", "supplier_lead"):
        actor = world.user(persona)
        tab = describe(list(visible_goals(actor=actor, partnership=world.partnership)))
        expected: dict[GoalStatus, int] = {}
        for view in tab:
            expected[view.assessment.status] = expected.get(view.assessment.status, 0) + 1
        found = statuses_by_partnership(actor=actor, partnership_ids=[world.partnership.pk])
        assert dict(found[world.partnership.pk]) == expected
    assert describe([trend])[0].assessment.status == GoalStatus.AT_RISK  # the recent trend, not the first


def _grow_portfolio(world: World) -> Any:
    return growing(world)


@pytest.mark.parametrize("persona", ["buyer_lead", "supplier_lead"])
def test_the_portfolio_costs_the_same_queries_and_rows_however_large(
    world: World, client_for: Any, persona: str
) -> None:
    client = client_for(persona)
    grow = _grow_portfolio(world)
    # with the dashboard's figures (issue 16: health, stage, segment, three kinds of alert, the
    # reader's organisations, the health distribution), the goal statuses now read stored (one
    # query fewer)
    assert_flat_queries(lambda: client.get("/"), grow, budget=22)  # + the risk exposure (one query)
    assert_bounded_rows(lambda: client.get("/"), grow)


def _names(html: str) -> list[str]:
    return re.findall(r'<tr data-row>\s*<td><a href="/partnerships/\d+/">([^<]+)</a>', html)


def test_sorted_in_the_database_on_the_page_and_in_the_api(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    for name, start in (("Alpha", datetime.date(2024, 3, 1)), ("Zulu", datetime.date(2025, 3, 1))):
        partnerships.partnership_create(actor=lead, buyer=world.buyer, name=name, start_date=start)
    client = client_for("buyer_lead")
    assert _names(client.get("/").content.decode()) == ["Alpha", "Bags", "Zulu"]
    assert _names(client.get("/?sort=-name").content.decode()) == ["Zulu", "Bags", "Alpha"]
    # Newest first, the partnership without a start date last.
    assert _names(client.get("/?sort=-start_date").content.decode()) == ["Zulu", "Alpha", "Bags"]
    api = client.get("/api/v1/partnerships?sort=-start_date").json()["results"]
    assert [p["name"] for p in api] == ["Zulu", "Alpha", "Bags"]


@pytest.mark.parametrize("value", ["nonsense", "-pk", "owner__password"])
def test_an_unknown_sort_is_a_field_error(world: World, client_for: Any, value: str) -> None:
    client = client_for("buyer_lead")
    answer = client.get(f"/api/v1/partnerships?sort={value}")
    assert answer.status_code == 422
    assert any(e["field"].endswith("sort") for e in answer.json()["errors"])
    page = client.get(f"/?sort={value}")
    assert page.status_code == 200 and "Select a valid choice" in page.content.decode()


def test_the_exposure_column_counts_only_the_risks_each_side_may_read(world: World) -> None:
    """The world has the buyer's shared risk (3×5), one internal risk of each side (2×4, 4×4)."""
    buyer, supplier = _row(world, "buyer_lead"), _row(world, "supplier_lead")
    assert (buyer.exposure, supplier.exposure) == (15 + 8, 15 + 16)
