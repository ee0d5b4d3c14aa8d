"""The Reviews tab's lists (survey rounds, reviews): one page of rows per answer however many
there are, flat query counts (the trends and the health figure too), the same rows in the page
and the API, bad filter values answered as field errors."""

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concord.partnerships import services as partnerships
from concord.reviews.models import Review, SurveyRound
from concord.reviews.selectors import survey_health
from concord.reviews.services import survey
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.reviews.helpers import BOTH, answers, closed_round
from tests.world import World, soon

Grower = Callable[[int], None]


def _rounds(world: World, closed: bool = False) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            if closed:
                closed_round(world, BOTH, title=f"Round {i}")
            else:
                survey.round_create(
                    actor=world.user("buyer_lead"),
                    partnership=world.partnership,
                    title=f"Round {i}",
                    closes_on=soon(5),
                )

    return grow


def _reviews(world: World) -> Grower:
    counter = iter(range(10_000))
    today = timezone.localdate()

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            Review.unscoped.create(
                partnership=world.partnership, title=f"Review {i}",
                period_from=today - datetime.timedelta(days=i + 30),
                period_to=today - datetime.timedelta(days=i), snapshot={},
            )  # fmt: skip

    return grow


@pytest.mark.parametrize("url", ["/partnerships/{p}/surveys/", "/api/v1/partnerships/{p}/surveys"])
def test_round_rows_per_answer_are_bounded(world: World, client_for: Any, url: str) -> None:
    client = client_for("supplier_member")
    assert_bounded_rows(lambda: client.get(url.format(p=world.partnership.pk)), _rounds(world))


@pytest.mark.parametrize("url", ["/partnerships/{p}/reviews/", "/api/v1/partnerships/{p}/reviews"])
def test_review_rows_per_answer_are_bounded(world: World, client_for: Any, url: str) -> None:
    client = client_for("supplier_member")
    assert_bounded_rows(lambda: client.get(url.format(p=world.partnership.pk)), _reviews(world))


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/partnerships/{p}/surveys/?status=draft&sort=-closes_on", 26),
        ("/api/v1/partnerships/{p}/surveys?q=Round", 12),
        ("/api/v1/partnerships/{p}/surveys/export?format=csv", 12),
        ("/partnerships/{p}/surveys/export.xlsx", 16),
    ],
)
def test_round_query_count_is_flat(world: World, client_for: Any, url: str, budget: int) -> None:
    client = client_for("buyer_lead")
    assert_flat_queries(lambda: client.get(url.format(p=world.partnership.pk)), _rounds(world), budget=budget)


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/partnerships/{p}/reviews/?sort=title", 24),
        ("/api/v1/partnerships/{p}/reviews?status=draft", 12),
        ("/api/v1/partnerships/{p}/reviews/export?format=xlsx", 12),
        ("/partnerships/{p}/reviews/export.csv", 16),
    ],
)
def test_review_query_count_is_flat(world: World, client_for: Any, url: str, budget: int) -> None:
    client = client_for("supplier_lead")
    assert_flat_queries(
        lambda: client.get(url.format(p=world.partnership.pk)), _reviews(world), budget=budget
    )


def test_trends_query_count_is_flat(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    url = f"/api/v1/partnerships/{world.partnership.pk}/surveys/trends"
    assert_flat_queries(lambda: client.get(url), _rounds(world, closed=True), budget=12, step=2)


def test_survey_health_is_set_based_and_needs_both_sides(world: World) -> None:
    lead = world.user("buyer_lead")
    ids = [world.partnership.pk]
    closed_round(world, BOTH, title="Old")
    latest = closed_round(world, {**BOTH, "buyer_viewer": (4, 3)}, title="New")
    for i in range(4):  # partnerships with a round where only one side answered enough, or none
        other = partnerships.partnership_create(actor=lead, buyer=world.buyer, name=f"P{i}")
        ids.append(other.pk)
        found = survey.round_create(
            actor=lead, partnership=other, title="R", closes_on=soon(3), min_respondents=2
        )
        found = survey.round_open(actor=lead, round_=found, version=found.version)
        survey.response_save(actor=lead, round_=found, answers=answers(5, 5))
        survey.round_close(actor=lead, round_=found, version=SurveyRound.unscoped.get(pk=found.pk).version)
    with CaptureQueriesContext(connection) as few:
        small = survey_health(ids[:2])
    with CaptureQueriesContext(connection) as many:
        found = survey_health(ids)
    assert len(few.captured_queries) == len(many.captured_queries) <= 3
    assert set(found) == {world.partnership.pk}
    health = found[world.partnership.pk]
    assert health.round_id == latest.pk and health.closed_on == latest.closed_on
    assert health.score == pytest.approx(((4 + 4) / 2 - 1) / 4 * 100)  # buyer 4 (4, 4), supplier 4 (5, 3)
    assert small.keys() == found.keys()


def _page_rows(html: str, prefix: str) -> list[str]:
    return [re.search(rf'href="/{prefix}/(\d+)/"', c).group(1) for c in html.split("data-row")[1:]]  # type: ignore[union-attr]


def test_filters_give_the_same_rows_in_page_and_api(world: World, client_for: Any) -> None:
    _rounds(world)(3)
    client = client_for("supplier_lead")
    p = world.partnership.pk
    for query in ("", "?q=Round+1", "?status=draft&sort=title", "?status=closed"):
        page = client.get(f"/partnerships/{p}/surveys/{query}")
        api = client.get(f"/api/v1/partnerships/{p}/surveys{query}")
        assert _page_rows(page.content.decode(), "surveys") == [str(r["id"]) for r in api.json()["results"]]


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("surveys", "?status=maybe", "status"),
        ("surveys", "?sort=answers", "sort"),
        ("reviews", "?status=late", "status"),
        ("reviews", "?sort=narrative_buyer", "sort"),
    ],
)
def test_bad_filter_values_are_field_errors(
    world: World, client_for: Any, path: str, query: str, field: str
) -> None:
    client = client_for("buyer_lead")
    p = world.partnership.pk
    api = client.get(f"/api/v1/partnerships/{p}/{path}{query}")
    assert api.status_code == 422
    assert field in {e["field"].split(".")[-1] for e in api.json()["errors"]}
    assert client.get(f"/partnerships/{p}/{path}/{query}").status_code == 200
