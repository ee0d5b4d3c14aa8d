"""The lessons' lists (a partnership's and the library): one page of rows per answer however long
they grow, flat query counts with carriers of every kind named, bad filters as field errors."""

from collections.abc import Callable
from typing import Any

import pytest

from concord.governance.services import issues
from concord.governance.services import lessons as issue_lessons
from concord.lessons import services
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.world import World

FIELDS = {"what_happened": "Late", "contributing_factors": "No forecast", "what_we_change": "Forecast"}


def _lessons(world: World) -> Callable[[int], None]:
    """Half carried by issues (each its own), half standing alone."""
    counter = iter(range(10_000))
    lead = world.user("buyer_lead")

    def grow(n: int) -> None:
        for _ in range(n):
            k = next(counter)
            if k % 2:
                services.lesson_add(actor=lead, partnership=world.partnership, title=f"Lesson {k}", **FIELDS)
                continue
            issue = issues.issue_raise(
                actor=lead, partnership=world.partnership, title=f"Issue {k}", description="x", severity="low"
            )
            issue_lessons.issue_lesson_add(actor=lead, issue=issue, title=f"Lesson {k}", **FIELDS)

    return grow


LISTS = [
    "/partnerships/{p}/lessons/",
    "/api/v1/partnerships/{p}/lessons",
    "/lessons/",
    "/api/v1/lessons",
]


@pytest.mark.parametrize("url", LISTS)
def test_rows_per_answer_are_bounded(world: World, client_for: Any, url: str) -> None:
    client = client_for("buyer_lead")
    assert_bounded_rows(lambda: client.get(url.format(p=world.partnership.pk)), _lessons(world))


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/partnerships/{p}/lessons/?q=Lesson", 26),
        ("/lessons/?q=Lesson", 20),
        ("/api/v1/lessons?q=Lesson", 11),
    ],
)
def test_query_count_is_flat(world: World, client_for: Any, url: str, budget: int) -> None:
    client = client_for("buyer_lead")
    target = url.format(p=world.partnership.pk)
    assert_flat_queries(lambda: client.get(target), _lessons(world), budget=budget)


@pytest.mark.parametrize("url", ["/api/v1/lessons", "/api/v1/partnerships/{p}/lessons"])
def test_bad_filters_are_field_errors(world: World, client_for: Any, url: str) -> None:
    client = client_for("buyer_lead")
    answer = client.get(url.format(p=world.partnership.pk) + "?carried_by=fate")
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["carried_by"]
    page = url.replace("/api/v1", "").rstrip("/") + "/"
    assert client.get(page.format(p=world.partnership.pk) + "?carried_by=fate").status_code == 200
