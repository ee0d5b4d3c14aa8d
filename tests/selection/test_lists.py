"""The selection lists — the needs, a need's ranked candidates — one page of rows per answer
however long they grow, flat query counts, the same rows in the page and the API, and invalid
filters answered as field errors (never a 500)."""

from collections.abc import Callable
from typing import Any

import pytest

from concord.selection import services
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.world import World

Grower = Callable[[int], None]


def _needs(world: World) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            services.need_create(
                actor=world.user("buyer_lead"),
                organisation=world.buyer,
                title=f"Need {next(counter)}",
                purpose="x",
            )

    return grow


def _candidates(world: World) -> Grower:
    counter = iter(range(10_000))
    lead = world.user("buyer_lead")
    criteria = list(world.need.criteria.all())

    def grow(n: int) -> None:
        for _ in range(n):
            candidate = services.candidate_add(actor=lead, need=world.need, name=f"Candidate {next(counter)}")
            for criterion in criteria[:3]:
                services.score_set(
                    actor=lead, candidate=candidate, criterion=criterion, value=3, evidence="e"
                )

    return grow


LISTS: list[tuple[str, Any]] = [
    ("/selection/needs/", _needs),
    ("/api/v1/selection/needs", _needs),
    ("/api/v1/selection/needs/{n}/candidates", _candidates),
]


@pytest.mark.parametrize(("url", "grower"), LISTS, ids=[url for url, _ in LISTS])
def test_rows_per_answer_are_bounded(world: World, client_for: Any, url: str, grower: Any) -> None:
    client = client_for("buyer_lead")
    assert_bounded_rows(lambda: client.get(url.format(n=world.need.pk)), grower(world))


@pytest.mark.parametrize(
    ("url", "grower", "budget"),
    [
        ("/selection/needs/?q=Need&status=open", _needs, 14),
        ("/api/v1/selection/needs?weighting=points&sort=-title", _needs, 8),
        ("/selection/needs/export.csv", _needs, 8),
        ("/selection/needs/{n}/", _candidates, 20),
        ("/selection/needs/{n}/compare/", _candidates, 16),
        ("/selection/needs/{n}/scores/", _candidates, 16),
        ("/api/v1/selection/needs/{n}/candidates?kind=new", _candidates, 12),
        ("/api/v1/selection/needs/{n}/evaluation", _candidates, 12),
        ("/selection/needs/{n}/candidates/export.xlsx", _candidates, 14),
    ],
)
def test_query_count_is_flat(world: World, client_for: Any, url: str, grower: Any, budget: int) -> None:
    client = client_for("buyer_lead")
    target = url.format(n=world.need.pk)
    assert_flat_queries(lambda: client.get(target), grower(world), budget=budget)


def test_the_same_filter_gives_the_same_needs(world: World, client_for: Any) -> None:
    import re

    _needs(world)(5)
    client = client_for("buyer_lead")
    page = client.get("/selection/needs/?q=Need+3").content.decode()
    shown = [re.search(r"/selection/needs/(\d+)/", chunk).group(1) for chunk in page.split("data-row")[1:]]  # type: ignore[union-attr]
    listed = [str(r["id"]) for r in client.get("/api/v1/selection/needs?q=Need+3").json()["results"]]
    assert shown == listed and len(listed) == 1


@pytest.mark.parametrize(
    "query",
    ["status=maybe", "weighting=x", "organisation=0", "sort=secret", "q=" + "x" * 101],
)
def test_bad_filters_are_field_errors(world: World, client_for: Any, query: str) -> None:
    client = client_for("buyer_lead")
    answer = client.get(f"/api/v1/selection/needs?{query}")
    assert answer.status_code == 422
    assert answer.json()["errors"]
    assert client.get(f"/selection/needs/?{query}").status_code == 200


def test_bad_candidate_filters(world: World, client_for: Any) -> None:
    answer = client_for("buyer_lead").get(f"/api/v1/selection/needs/{world.need.pk}/candidates?kind=other")
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "kind"
