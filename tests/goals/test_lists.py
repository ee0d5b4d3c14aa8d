"""The Goals tab and a goal's measurements as lists: one page of rows however many there are, the
same filter giving the same rows in the page and the API, bad filter values answered as field
errors (never a 500), and query counts that stay flat."""

import datetime
import re
from typing import Any

import pytest

from concord.access.roles import Visibility
from concord.goals import services
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.world import World

D = datetime.date


def row_ids(html: str, link: str) -> list[int]:
    """The ids a page's rows (elements marked `data-row`) link to, in order: `link` is the path
    before the id, e.g. "/goals/"."""
    pattern = re.compile(rf'href="{re.escape(link)}(\d+)/"')
    return [int(found.group(1)) for row in html.split("data-row")[1:] if (found := pattern.search(row))]


def _goal(world: World, persona: str = "supplier_lead", **fields: Any) -> Any:
    values: dict[str, Any] = {"title": "KPI", "baseline": "0", "target": "10", "start_date": D(2026, 1, 1)}
    return services.goal_create(actor=world.user(persona), partnership=world.partnership, **(values | fields))


def _grow_goals(world: World) -> Any:
    counter = iter(range(1000))

    def grow(n: int) -> None:
        for _ in range(n):
            _goal(world, title=f"KPI {next(counter)}")

    return grow


def _grow_measurements(world: World, goal: Any) -> Any:
    days = iter(D(2024, 1, 1) + datetime.timedelta(days=i) for i in range(1000))

    def grow(n: int) -> None:
        for i in range(n):
            services.measurement_add(
                actor=world.user("supplier_lead"), goal=goal, measured_on=next(days), value=i
            )

    return grow


@pytest.mark.parametrize(
    "url", ["/partnerships/{p}/goals/", "/api/v1/partnerships/{p}/goals"], ids=["page", "api"]
)
def test_goals_answer_one_page_however_many(world: World, client_for: Any, url: str) -> None:
    client = client_for("supplier_lead")
    target = url.format(p=world.partnership.pk)
    assert_bounded_rows(lambda: client.get(target), _grow_goals(world))


@pytest.mark.parametrize("url", ["/goals/{g}/", "/api/v1/goals/{g}/measurements"], ids=["page", "api"])
def test_measurements_answer_one_page_however_many(world: World, client_for: Any, url: str) -> None:
    goal = _goal(world, title="Daily yield", frequency="weekly")
    client = client_for("buyer_viewer")
    target = url.format(g=goal.pk)
    assert_bounded_rows(lambda: client.get(target), _grow_measurements(world, goal))


def _goal_ids(client: Any, world: World, query: str) -> tuple[list[int], list[int]]:
    """The goals a filter keeps, as the page shows them and as the API answers."""
    base = f"/partnerships/{world.partnership.pk}/goals/"
    page = client.get(f"{base}?{query}")
    api = client.get(f"/api/v1/partnerships/{world.partnership.pk}/goals?{query}")
    assert page.status_code == 200 and api.status_code == 200, (page, api.content)
    return row_ids(page.content.decode(), "/goals/"), [g["id"] for g in api.json()["results"]]


def test_goal_filters_keep_the_same_goals_in_page_and_api(world: World, client_for: Any) -> None:
    supplier = world.user("supplier_lead")
    achieved = _goal(world, title="Scrap rate down", start_date=D(2020, 1, 1))
    services.measurement_add(actor=supplier, goal=achieved, measured_on=D(2026, 1, 31), value="12")
    silent = _goal(world, title="Scrap audit", start_date=D(2020, 1, 1))  # no data, values overdue
    internal = _goal(world, "buyer_lead", title="Second source ready", visibility=Visibility.INTERNAL)
    client = client_for("buyer_lead")
    cases = {
        "status=achieved": [achieved.pk],
        "status=no_data": [silent.pk, internal.pk],
        "overdue=true&q=scrap": [silent.pk],
        "overdue=false&q=scrap": [achieved.pk],
        "q=SCRAP": [achieved.pk, silent.pk],
        "visibility=internal": [world.goal_internal.pk, internal.pk],
        f"owner={world.supplier.pk}": [world.goal_shared.pk, achieved.pk, silent.pk],
        f"owner={world.buyer.pk}&visibility=shared": [],
        "": [world.goal_shared.pk, world.goal_internal.pk, achieved.pk, silent.pk, internal.pk],
    }
    for query, expected in cases.items():
        page, api = _goal_ids(client, world, query)
        assert page == api, query
        assert sorted(page) == sorted(expected), query


def test_goals_keep_their_order_by_due_date_undated_last(world: World, client_for: Any) -> None:
    late = _goal(world, title="Order late", due_date=D(2031, 1, 1))
    undated = _goal(world, title="Order open-ended")
    early = _goal(world, title="Order early", due_date=D(2030, 1, 1))
    page, api = _goal_ids(client_for("supplier_lead"), world, "q=order")
    assert page == api == [early.pk, late.pk, undated.pk]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=doing_fine", "status"),
        ("overdue=perhaps", "overdue"),
        ("visibility=secret", "visibility"),
        ("owner=abc", "owner"),
        ("owner=0", "owner"),
        ("owner=99999999999999999999999", "owner"),
        ("q=" + "x" * 101, "q"),
    ],
)
def test_bad_goal_filters_are_field_errors(world: World, client_for: Any, query: str, field: str) -> None:
    client = client_for("supplier_lead")
    api = client.get(f"/api/v1/partnerships/{world.partnership.pk}/goals?{query}")
    assert api.status_code == 422
    assert field in {e["field"] for e in api.json()["errors"]}
    page = client.get(f"/partnerships/{world.partnership.pk}/goals/?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "[invalid name]" not in html  # every filter has its label
    if field != "overdue":  # the page's select has no other values to send
        assert 'class="error" role="alert"' in html, query


def test_measurements_between_two_dates_newest_first(world: World, client_for: Any) -> None:
    goal = _goal(world, title="Weekly yield", frequency="weekly")
    _grow_measurements(world, goal)(10)  # 1 to 10 January 2024
    client = client_for("supplier_member")
    query = "date_from=2024-01-03&date_to=2024-01-06"
    page = client.get(f"/goals/{goal.pk}/?{query}").content.decode()
    shown = re.findall(r"<tr data-row><td>(\d+ \w+ \d+)</td>", page)
    api = client.get(f"/api/v1/goals/{goal.pk}/measurements?{query}").json()
    dates = [m["measured_on"] for m in api["results"]]
    assert dates == ["2024-01-06", "2024-01-05", "2024-01-04", "2024-01-03"] and api["count"] == 4
    assert shown == ["6 Jan 2024", "5 Jan 2024", "4 Jan 2024", "3 Jan 2024"]
    since = client.get(f"/api/v1/goals/{goal.pk}/measurements?date_from=2024-01-09").json()
    assert [m["measured_on"] for m in since["results"]] == ["2024-01-10", "2024-01-09"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("date_from=2024-02-30", "date_from"),
        ("date_to=yesterday", "date_to"),
        ("date_from=2024-03-01&date_to=2024-02-01", "date_to"),
    ],
)
def test_bad_date_ranges_are_field_errors(world: World, client_for: Any, query: str, field: str) -> None:
    client = client_for("supplier_lead")
    api = client.get(f"/api/v1/goals/{world.goal_shared.pk}/measurements?{query}")
    assert api.status_code == 422
    assert field in {e["field"] for e in api.json()["errors"]}
    page = client.get(f"/goals/{world.goal_shared.pk}/?{query}").content.decode()
    assert 'class="error" role="alert"' in page


@pytest.mark.parametrize(
    ("url", "budget"), [("/goals/{g}/", 22), ("/api/v1/goals/{g}/measurements", 10)], ids=["page", "api"]
)
def test_measurement_reads_stay_flat(world: World, client_for: Any, url: str, budget: int) -> None:
    goal = _goal(world, title="Daily yield")
    client = client_for("supplier_lead")
    target = url.format(g=goal.pk)
    assert_flat_queries(lambda: client.get(target), _grow_measurements(world, goal), budget=budget)
