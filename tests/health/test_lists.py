"""The portfolio dashboard (the portfolio page and GET /api/v1/portfolio) with its health, trend,
stage, segment and alerts per row: one page of rows per answer, query counts flat as the portfolio
grows (two sizes), the same rows in page and API, sorting and filtering by health in the database,
the segment for the buying side only, the export's columns, and bad filter values as field errors."""

import csv
import io
import re
from typing import Any

import pytest

from concord.health import services as health
from concord.partnerships import services
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.world import World


def _partnerships(world: World) -> Any:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        made = []
        for _ in range(n):
            made.append(
                services.partnership_create(
                    actor=world.user("buyer_lead"), buyer=world.buyer, name=f"Extra {next(counter):04d}"
                ).pk
            )
        health.recompute(made)

    return grow


@pytest.mark.parametrize("url", ["/", "/api/v1/portfolio"])
def test_rows_per_answer_are_bounded(world: World, client_for: Any, url: str) -> None:
    client = client_for("buyer_lead")
    assert_bounded_rows(lambda: client.get(url), _partnerships(world))


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # the portfolio's 14 (page, parties, a query per kind of figure, the badge) and the
        # dashboard's: health (1), stage (1), segment (1), alerts (3: stale plans, documents,
        # issues), the reader's organisations (1) and the health distribution (1)
        ("/?sort=-health", 22),
        ("/?health=none&stage=1", 22),
        ("/api/v1/portfolio?sort=health", 18),
        ("/api/v1/partnerships/{p}/health", 8),
        ("/partnerships/{p}/health/", 14),
    ],
)
def test_query_count_is_flat(world: World, client_for: Any, url: str, budget: int) -> None:
    client = client_for("buyer_lead")
    target = url.format(p=world.partnership.pk)
    assert_flat_queries(lambda: client.get(target), _partnerships(world), budget=budget)


def test_the_export_reads_the_figures_a_chunk_at_a_time(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    for url in ("/portfolio/export.csv", "/api/v1/portfolio/export?format=csv"):
        assert_flat_queries(lambda url=url: client.get(url), _partnerships(world), budget=24)
    body = client.get("/portfolio/export.csv").content.decode()
    header = next(csv.reader(io.StringIO(body)))
    for column in ("Health", "Trend (points since last month)", "Lifecycle stage", "Segment", "Alerts"):
        assert column in header
    assert client.get("/portfolio/export.xlsx").status_code == 200


def _page_names(html: str) -> list[str]:
    return [
        re.search(r'<a href="/partnerships/\d+/">([^<]+)</a>', c).group(1) for c in html.split("data-row")[1:]
    ]  # type: ignore[union-attr]


def test_sorted_by_health_in_page_and_api_alike(world: World, client_for: Any) -> None:
    _partnerships(world)(3)
    health.recompute([world.partnership.pk])
    client = client_for("buyer_lead")
    for query in ("?sort=-health", "?sort=health", "?health=none", "?q=Extra&sort=-name"):
        page = client.get(f"/{query}")
        api = client.get(f"/api/v1/portfolio{query}")
        assert page.status_code == 200 and api.status_code == 200
        assert _page_names(page.content.decode()) == [r["name"] for r in api.json()["results"]]
    rows = client.get("/api/v1/portfolio?sort=-health").json()["results"]
    scores = [r["health"] for r in rows if r["health"] is not None]
    assert scores == sorted(scores, reverse=True)
    assert rows[0]["name"] == "Bags" and rows[0]["health"] is not None  # the others have no source yet


def test_the_segment_is_the_buyers_own(world: World, client_for: Any) -> None:
    buyer = client_for("buyer_lead").get("/api/v1/portfolio").json()["results"]
    supplier = client_for("supplier_lead").get("/api/v1/portfolio").json()["results"]
    bags = {r["name"]: r for r in buyer}["Bags"]
    assert bags["segment"] == world.segmentation.quadrant
    assert {r["name"]: r for r in supplier}["Bags"]["segment"] is None
    page = client_for("supplier_lead").get("/").content.decode()
    assert "Segment" not in page and "Kraljic" not in page
    narrowed = client_for("supplier_lead").get(f"/api/v1/portfolio?segment={world.segmentation.quadrant}")
    assert narrowed.json()["count"] == 0  # the buyer's segment never narrows the supplier's list


def test_alerts_count_what_the_reader_may_read(world: World, client_for: Any) -> None:
    buyer = {r["name"]: r for r in client_for("buyer_lead").get("/api/v1/portfolio").json()["results"]}
    supplier = {r["name"]: r for r in client_for("supplier_lead").get("/api/v1/portfolio").json()["results"]}
    # the buyer's due diligence on the supplier expires soon: the buyer's alert, never the supplier's
    assert buyer["Bags"]["alerts"]["expiring_documents"] == 1
    assert supplier["Bags"]["alerts"]["expiring_documents"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?health=excellent", "health"),
        ("?stage=9", "stage"),
        ("?segment=gold", "segment"),
        ("?sort=alerts", "sort"),
    ],
)
def test_bad_filter_values_are_field_errors(world: World, client_for: Any, query: str, field: str) -> None:
    client = client_for("buyer_lead")
    api = client.get(f"/api/v1/portfolio{query}")
    assert api.status_code == 422
    assert field in {e["field"].split(".")[-1] for e in api.json()["errors"]}
    assert client.get(f"/{query}").status_code == 200  # the page shows the filter's error
