"""The risk register's list and heat map: one page of rows per answer however long the register
grows, flat query counts, the same filter giving the same rows in the page and the API, the heat
map's cells linking to the list narrowed to them, and bad filter values answered as field errors."""

import re
from collections.abc import Callable
from typing import Any

import pytest

from concord.access.roles import Visibility
from concord.risks import services
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.world import World, soon

Grower = Callable[[int], None]


def _risks(world: World) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            persona = "buyer_lead" if i % 2 else "supplier_lead"
            services.risk_create(
                actor=world.user(persona),
                partnership=world.partnership,
                title=f"Risk {i}",
                likelihood=1 + i % 5,
                impact=1 + (i // 5) % 5,
                owner_person_id=world.user(persona).pk,
                next_review_on=soon(i % 40),
            )

    return grow


LISTS = ["/partnerships/{p}/risks/", "/api/v1/partnerships/{p}/risks"]


@pytest.mark.parametrize("url", LISTS)
def test_rows_per_answer_are_bounded(world: World, client_for: Any, url: str) -> None:
    client = client_for("buyer_viewer")
    assert_bounded_rows(lambda: client.get(url.format(p=world.partnership.pk)), _risks(world))


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/partnerships/{p}/risks/?live=true&sort=-next_review_on", 24),
        ("/api/v1/partnerships/{p}/risks?score_min=4&category=other", 12),
        ("/api/v1/partnerships/{p}/risks/heatmap", 12),
        ("/api/v1/partnerships/{p}/risks/export?format=csv", 12),
        ("/partnerships/{p}/risks/export.xlsx", 16),
    ],
)
def test_query_count_is_flat(world: World, client_for: Any, url: str, budget: int) -> None:
    client = client_for("buyer_lead")
    assert_flat_queries(lambda: client.get(url.format(p=world.partnership.pk)), _risks(world), budget=budget)


def _page_rows(html: str) -> list[str]:
    return [re.search(r'href="/risks/(\d+)/"', c).group(1) for c in html.split("data-row")[1:]]  # type: ignore[union-attr]


def _same_rows(client: Any, world: World, query: str) -> list[str]:
    p = world.partnership.pk
    page = client.get(f"/partnerships/{p}/risks/{query}")
    api = client.get(f"/api/v1/partnerships/{p}/risks{query}")
    assert page.status_code == 200 and api.status_code == 200
    listed = [str(r["id"]) for r in api.json()["results"]]
    assert _page_rows(page.content.decode()) == listed
    return listed


def test_filters_give_the_same_rows_in_page_and_api(world: World, client_for: Any) -> None:
    bea = world.user("buyer_lead")
    high = services.risk_create(
        actor=bea, partnership=world.partnership, title="Cyber attack", category="cyber",
        likelihood=4, impact=5, owner_person_id=bea.pk,
    )  # fmt: skip
    client = client_for("buyer_viewer")
    assert _same_rows(client, world, "") == [str(high.pk), str(world.risk.pk), str(world.risk_internal.pk)]
    assert _same_rows(client, world, "?score_min=10&score_max=20") == [str(high.pk), str(world.risk.pk)]
    assert _same_rows(client, world, "?category=cyber") == [str(high.pk)]
    assert _same_rows(client, world, "?overdue=true") == [str(world.risk_internal.pk)]
    assert _same_rows(client, world, f"?owner_party={world.supplier.pk}") == [str(world.risk.pk)]
    assert _same_rows(client, world, "?sort=score") == [
        str(world.risk_internal.pk),
        str(world.risk.pk),
        str(high.pk),
    ]
    assert _same_rows(client, world, "?likelihood=3&impact=5") == [str(world.risk.pk)]
    # the supplier reads the shared ones and its own internal one, never the buyer's
    supplier = _same_rows(client_for("supplier_member"), world, "")
    assert supplier == [str(high.pk), str(world.risk_supplier_internal.pk), str(world.risk.pk)]


def test_heat_map_counts_and_links_to_the_cell(world: World, client_for: Any) -> None:
    p = world.partnership.pk
    html = client_for("buyer_lead").get(f"/partnerships/{p}/risks/?category=supply").content.decode()
    cell = re.search(r'data-cell="3-5"><a href="\?([^"]+)#risk-list"[^>]*>(\d+)</a>', html)
    assert cell is not None and cell.group(2) == "1"
    assert (
        "category=supply" in cell.group(1) and "likelihood=3" in cell.group(1) and "impact=5" in cell.group(1)
    )
    assert len(re.findall(r'data-cell="\d-\d"><a ', html)) == 1  # the other 24 are empty here
    heat = client_for("supplier_member").get(f"/api/v1/partnerships/{p}/risks/heatmap").json()
    counted = {(c["likelihood"], c["impact"]): c["count"] for c in heat["cells"] if c["count"]}
    assert counted == {(3, 5): 1, (4, 4): 1} and heat["total"] == 2 and len(heat["cells"]) == 25


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?score_min=26", "score_min"),
        ("?likelihood=0", "likelihood"),
        ("?category=weather", "category"),
        ("?overdue=perhaps", "overdue"),
        ("?owner_party=abc", "owner_party"),
        ("?sort=owner", "sort"),
    ],
)
def test_bad_filter_values_are_field_errors(world: World, client_for: Any, query: str, field: str) -> None:
    client = client_for("buyer_lead")
    p = world.partnership.pk
    api = client.get(f"/api/v1/partnerships/{p}/risks{query}")
    assert api.status_code == 422
    assert field in {e["field"].split(".")[-1] for e in api.json()["errors"]}
    page = client.get(f"/partnerships/{p}/risks/{query}")
    assert page.status_code == 200  # the page shows the filter's error, never a 500


def test_an_internal_risk_is_marked_in_the_list(world: World, client_for: Any) -> None:
    html = client_for("buyer_lead").get(f"/partnerships/{world.partnership.pk}/risks/").content.decode()
    assert "Supplier may be acquired" in html and "badge internal" in html
    assert world.risk_internal.visibility == Visibility.INTERNAL
