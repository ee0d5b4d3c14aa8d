"""The lifecycle lists — due diligence (all, per supplier, files), the assessments, the Kraljic
portfolio, the stage history: one page of rows per answer however long they grow, a flat number
of queries, the same rows in the page and the API, and bad filters answered as field errors."""

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest

from concord.lifecycle.models import StageChange
from concord.lifecycle.services import diligence, segmentation
from concord.partnerships import services as partnerships
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.world import PDF, World

Grower = Callable[[int], None]
SCORES = {
    "spend_share": 4,
    "business_impact": 2,
    "qualified_suppliers": 2,
    "switching_cost": 2,
    "market_scarcity": 2,
}


def _items(world: World) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            diligence.item_create(
                actor=world.user("buyer_lead"),
                owner=world.buyer,
                supplier=world.supplier,
                title=f"Check {i:04}",
                expires_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
            )

    return grow


def _files(world: World) -> Grower:
    def grow(n: int) -> None:
        for i in range(n):
            item = diligence.item_create(
                actor=world.user("buyer_lead"), owner=world.buyer, supplier=world.supplier, title=f"F{i}"
            )
            diligence.document_add(actor=world.user("buyer_lead"), item=item, name="a.pdf", content=PDF)

    return grow


def _assessments(world: World) -> Grower:
    def grow(n: int) -> None:
        for _ in range(n):
            segmentation.segmentation_record(
                actor=world.user("buyer_lead"), partnership=world.partnership, **SCORES
            )

    return grow


def _partnerships(world: World) -> Grower:
    counter = iter(range(10_000))
    lead = world.user("buyer_lead")

    def grow(n: int) -> None:
        for _ in range(n):
            p = partnerships.partnership_create(actor=lead, buyer=world.buyer, name=f"P{next(counter):04}")
            segmentation.segmentation_record(actor=lead, partnership=p, **SCORES)

    return grow


def _moves(world: World) -> Grower:
    def grow(n: int) -> None:
        StageChange.unscoped.bulk_create(
            StageChange(
                partnership=world.partnership, from_stage=1, to_stage=2, changed_on=datetime.date(2026, 1, 1)
            )
            for _ in range(n)
        )

    return grow


LISTS: list[tuple[str, Any]] = [
    ("/organisations/{o}/due-diligence/", _items),
    ("/api/v1/organisations/{o}/diligence", _items),
    ("/organisations/{o}/due-diligence/{s}/", _items),
    ("/api/v1/partnerships/{p}/segmentations", _assessments),
    ("/partnerships/{p}/lifecycle/", _moves),
    ("/api/v1/partnerships/{p}/lifecycle/history", _moves),
    ("/organisations/{o}/kraljic/", _partnerships),
    ("/api/v1/organisations/{o}/kraljic/portfolio", _partnerships),
]


def _url(world: World, url: str) -> str:
    return url.format(o=world.buyer.pk, s=world.supplier.pk, p=world.partnership.pk)


@pytest.mark.parametrize(("url", "grower"), LISTS, ids=[url for url, _ in LISTS])
def test_rows_per_answer_are_bounded(world: World, client_for: Any, url: str, grower: Any) -> None:
    # The buyer's Lifecycle tab holds two lists (stage moves and assessments), each paged; the
    # supplier's holds the moves alone, so it shows the bound of that list on its own.
    client = client_for("supplier_lead" if url.endswith("/lifecycle/") else "buyer_lead")
    target = _url(world, url)
    assert_bounded_rows(lambda: client.get(target), grower(world))


@pytest.mark.parametrize(
    ("url", "grower", "budget"),
    [
        ("/organisations/{o}/due-diligence/?expiry=expired&q=Check", _items, 14),
        ("/api/v1/organisations/{o}/diligence?status=open", _items, 8),
        ("/organisations/{o}/due-diligence/{s}/", _items, 14),
        ("/api/v1/partnerships/{p}/segmentations?quadrant=leverage", _assessments, 10),
        ("/api/v1/organisations/{o}/kraljic/portfolio", _partnerships, 8),
        ("/organisations/{o}/kraljic/", _partnerships, 16),
        ("/partnerships/{p}/lifecycle/", _moves, 40),
        ("/api/v1/diligence/{i}/files", _files, 8),
    ],
)
def test_query_count_is_flat(world: World, client_for: Any, url: str, grower: Any, budget: int) -> None:
    client = client_for("buyer_lead")
    target = _url(world, url.replace("{i}", str(world.diligence_item.pk)))
    assert_flat_queries(lambda: client.get(target), grower(world), budget=budget)


def test_the_diligence_filters_give_the_same_rows_in_page_and_api(world: World, client_for: Any) -> None:
    _items(world)(3)  # expiring 1, 2 and 3 January 2026: expired
    client = client_for("buyer_viewer")
    o = world.buyer.pk
    for query in ("?expiry=expired", "?expiry=expiring", "?q=Check+0001", f"?supplier={world.supplier.pk}"):
        page = client.get(f"/organisations/{o}/due-diligence/{query}").content.decode()
        section = page.split('id="items"')[1]
        shown = re.findall(r'href="/diligence/(\d+)/"', section)
        listed = [
            str(r["id"]) for r in client.get(f"/api/v1/organisations/{o}/diligence{query}").json()["results"]
        ]
        assert shown == listed, query
    expiring = client.get(f"/api/v1/organisations/{o}/diligence?expiry=expiring").json()["results"]
    assert [r["title"] for r in expiring] == ["ISO 9001 certificate (quality)"]


@pytest.mark.parametrize(
    ("page", "api", "query", "field"),
    [
        ("/organisations/{o}/due-diligence/", "/api/v1/organisations/{o}/diligence", "expiry=soon", "expiry"),
        (
            "/organisations/{o}/due-diligence/",
            "/api/v1/organisations/{o}/diligence",
            "supplier=x",
            "supplier",
        ),
        (
            "/organisations/{o}/kraljic/",
            "/api/v1/organisations/{o}/kraljic/portfolio",
            "quadrant=top",
            "quadrant",
        ),
        (
            "/partnerships/{p}/lifecycle/",
            "/api/v1/partnerships/{p}/lifecycle/history",
            "since=yesterday",
            "since",
        ),
    ],
)
def test_bad_filter_values_are_field_errors(
    world: World, client_for: Any, page: str, api: str, query: str, field: str
) -> None:
    client = client_for("buyer_lead")
    shown = client.get(f"{_url(world, page)}?{query}")
    assert shown.status_code == 200
    control = re.search(
        rf'<select name="{field}"[^>]*>|<input[^>]*name="{field}"[^>]*>', shown.content.decode()
    )
    assert control and 'aria-invalid="true"' in control.group(0), f"no field error for {field}"
    answer = client.get(f"{_url(world, api)}?{query}")
    assert answer.status_code == 422
    assert field in {e["field"] for e in answer.json()["errors"]}
