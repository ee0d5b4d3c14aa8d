"""The lists of customer insight — installed base, customer goals, the portfolio, proposals — and
the recommendations: one page of rows however long they grow, queries that do not grow with the
rows, the same rows in page and API, and bad filter values answered as field errors."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from concord.insight.services import portfolio, profile, proposals
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.world import World

pytestmark = pytest.mark.django_db
Grower = Callable[[int], None]


def _items(world: World) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            profile.item_create(
                actor=world.user("supplier_lead"),
                partnership=world.partnership,
                technology=f"Pump {i}",
                status="ageing" if i % 2 else "current",
                notes="ours",
            )

    return grow


def _offerings(world: World) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            portfolio.offering_create(
                actor=world.user("supplier_lead"),
                organisation=world.supplier,
                name=f"Offer {i}",
                themes=["uptime"] if i % 2 else ["cost", "quality"],
                replaces="Acme F-200" if i % 3 else "",
                compatible_with="bag filler",
                prerequisites="bag filler" if i % 5 == 0 else "",
            )

    return grow


def _proposals(world: World) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            proposals.proposal_make(
                actor=world.user("supplier_lead"),
                partnership=world.partnership,
                offering_id=world.offering.pk,
                title=f"Proposal {next(counter)}",
            )

    return grow


def _client(world: World, persona: str = "supplier_lead") -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


LISTS: dict[str, tuple[Callable[[World], Grower], Callable[[World], str], str]] = {
    "installed-base": (
        _items,
        lambda w: reverse("installed-base", args=[w.partnership.pk]),
        "installed-base",
    ),
    "offerings": (_offerings, lambda w: reverse("offerings", args=[w.supplier.pk]), "offerings"),
    "proposals": (_proposals, lambda w: reverse("proposals", args=[w.partnership.pk]), "proposals"),
}
API = {
    "installed-base": lambda w: f"/api/v1/partnerships/{w.partnership.pk}/installed-base",
    "offerings": lambda w: f"/api/v1/organisations/{w.supplier.pk}/offerings",
    "proposals": lambda w: f"/api/v1/partnerships/{w.partnership.pk}/proposals",
}


@pytest.mark.parametrize("name", list(LISTS))
def test_a_page_and_the_api_answer_one_page_of_rows(world: World, name: str) -> None:
    grower, url, _ = LISTS[name]
    grow = grower(world)
    client = _client(world)
    assert_bounded_rows(lambda: client.get(url(world)), grow)
    assert_bounded_rows(lambda: client.get(API[name](world)), grow, step=1)


@pytest.mark.parametrize("name", list(LISTS))
def test_queries_do_not_grow_with_the_rows(world: World, name: str) -> None:
    grower, url, _ = LISTS[name]
    client = _client(world)
    assert_flat_queries(lambda: client.get(url(world)), grower(world), budget=40)
    assert_flat_queries(lambda: client.get(API[name](world)), grower(world), budget=25)


def test_recommendations_cost_the_same_queries_for_any_portfolio(world: World) -> None:
    """The engine ranks in SQL: a bigger portfolio, more proposals, more installed base cost no
    more queries (page and API)."""
    client = _client(world)
    offerings, items, made = _offerings(world), _items(world), _proposals(world)

    def grow(n: int) -> None:
        offerings(n * 4)
        items(n)
        made(n)

    page = reverse("insight", args=[world.partnership.pk])
    assert_flat_queries(lambda: client.get(page), grow, budget=45)
    api = f"/api/v1/partnerships/{world.partnership.pk}/insight/recommendations"
    assert_flat_queries(lambda: client.get(api), grow, budget=30)
    left_out = client.get(page + "?left_out=1")
    assert left_out.status_code == 200


@pytest.mark.parametrize(
    ("url", "query", "field"),
    [
        (lambda w: f"/api/v1/partnerships/{w.partnership.pk}/installed-base", "?status=broken", "status"),
        (
            lambda w: f"/api/v1/partnerships/{w.partnership.pk}/installed-base",
            "?support_ends_before=soon",
            "support_ends_before",
        ),
        (lambda w: f"/api/v1/organisations/{w.supplier.pk}/offerings", "?theme=luck", "theme"),
        (lambda w: f"/api/v1/organisations/{w.supplier.pk}/offerings", "?cost_band=9", "cost_band"),
        (lambda w: f"/api/v1/partnerships/{w.partnership.pk}/proposals", "?status=perhaps", "status"),
    ],
)
def test_bad_filter_values_are_field_errors(world: World, url: Any, query: str, field: str) -> None:
    response = _client(world).get(url(world) + query)
    assert response.status_code == 422
    assert field in {e["field"] for e in response.json()["errors"]}


def test_the_theme_filter_reads_the_bits(world: World) -> None:
    _offerings(world)(4)
    answer = _client(world).get(f"/api/v1/organisations/{world.supplier.pk}/offerings?theme=cost").json()
    assert answer["count"] == 2 and all("cost" in o["themes"] for o in answer["results"])


def test_the_customer_never_sees_the_suppliers_notes(world: World) -> None:
    """A shared item of the installed base reaches the customer without the supplier's notes, in
    the page, the API and the export."""
    profile.item_create(
        actor=world.user("supplier_lead"),
        partnership=world.partnership,
        technology="Shared mixer",
        notes="Margin is thin here",
        visibility="shared",
    )
    buyer = _client(world, "buyer_lead")
    page = buyer.get(reverse("installed-base", args=[world.partnership.pk])).content.decode()
    assert "Shared mixer" in page and "Margin is thin" not in page and "Bag filler" not in page
    api = buyer.get(f"/api/v1/partnerships/{world.partnership.pk}/installed-base").json()
    assert [(i["technology"], i["notes"]) for i in api["results"]] == [("Shared mixer", None)]
    sheet = buyer.get(reverse("installed-base-export", args=[world.partnership.pk, "csv"])).content.decode()
    assert "Shared mixer" in sheet and "Margin is thin" not in sheet and "notes" not in sheet.splitlines()[0]
    mine = _client(world).get(reverse("installed-base-export", args=[world.partnership.pk, "csv"]))
    assert "Margin is thin" in mine.content.decode()


def test_answered_proposals_show_their_answer_on_every_page(world: World) -> None:
    from concord.commitments.services import demands

    made = proposals.proposal_make(
        actor=world.user("supplier_lead"),
        partnership=world.partnership,
        offering_id=world.offering.pk,
        title="F-300",
    )
    demands.demand_answer(
        actor=world.user("buyer_lead"),
        demand=made.demand,
        version=made.demand.version,
        kind="no",
        rationale="Budget",
    )
    for persona in ("supplier_lead", "buyer_lead"):
        for name in ("insight", "proposals"):
            page = _client(world, persona).get(reverse(name, args=[world.partnership.pk]))
            assert page.status_code == 200 and "Budget" in page.content.decode(), (persona, name)
