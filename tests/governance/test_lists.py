"""The lists of governance — the one decision log (meeting decisions and those taken outside
meetings), issues, lessons (per partnership and the library): one page of rows per answer however
long they grow, flat query counts, the same filter giving the same rows in the page and the API,
invalid filters answered with field errors (never a 500)."""

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from concord.governance.services import decisions, issues
from concord.meetings import services
from concord.meetings.models import Decision
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.world import World

Grower = Callable[[int], None]


def _at(world: World, title: str, days: float, **fields: Any) -> Any:
    return services.meeting_schedule(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        title=title,
        starts_at=timezone.now() + datetime.timedelta(days=days),
        **fields,
    )


def _decisions(world: World) -> Grower:
    """Half meeting decisions, half decisions of the partnership managers."""
    counter = iter(range(10_000))
    lead = world.user("buyer_lead")
    held = _at(world, "Steering", 0, kind="steering")

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            if i % 2:
                services.decision_add(actor=lead, meeting=held, text=f"Decision {i}", rationale="Because")
            else:
                decisions.decision_record(
                    actor=lead,
                    partnership=world.partnership,
                    text=f"Decision {i}",
                    rationale="Because",
                    decided_on=timezone.localdate(),
                )

    return grow


def _issues(world: World) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            issues.issue_raise(
                actor=world.user("supplier_member"),
                partnership=world.partnership,
                title=f"Issue {next(counter)}",
                description="Late lots",
                severity="high",
                goals=[world.goal_shared.pk],
            )

    return grow


LISTS: list[tuple[str, Any]] = [
    ("/partnerships/{p}/decisions/", _decisions),
    ("/api/v1/partnerships/{p}/decisions", _decisions),
    ("/partnerships/{p}/issues/", _issues),
    ("/api/v1/partnerships/{p}/issues", _issues),
]


@pytest.mark.parametrize(("url", "grower"), LISTS, ids=[url for url, _ in LISTS])
def test_rows_per_answer_are_bounded(world: World, client_for: Any, url: str, grower: Any) -> None:
    client = client_for("buyer_lead")
    assert_bounded_rows(lambda: client.get(url.format(p=world.partnership.pk)), grower(world))


@pytest.mark.parametrize(
    ("url", "grower", "budget"),
    [
        ("/partnerships/{p}/decisions/?q=Decision", _decisions, 40),
        ("/api/v1/partnerships/{p}/decisions?q=Decision", _decisions, 12),
        ("/partnerships/{p}/issues/?severity=high", _issues, 30),
        ("/api/v1/partnerships/{p}/issues?status=open", _issues, 12),
    ],
)
def test_query_count_is_flat(world: World, client_for: Any, url: str, grower: Any, budget: int) -> None:
    client = client_for("buyer_lead")
    target = url.format(p=world.partnership.pk)
    assert_flat_queries(lambda: client.get(target), grower(world), budget=budget)


@pytest.mark.parametrize(
    ("url", "query", "field"),
    [
        ("/api/v1/partnerships/{p}/decisions", "?since=yesterday", "since"),
        ("/api/v1/partnerships/{p}/decisions", "?by=nobody", "by"),
        ("/api/v1/partnerships/{p}/issues", "?severity=huge", "severity"),
        ("/api/v1/partnerships/{p}/issues", "?escalated=perhaps", "escalated"),
    ],
)
def test_bad_filters_are_field_errors(
    world: World, client_for: Any, url: str, query: str, field: str
) -> None:
    client = client_for("buyer_lead")
    answer = client.get(url.format(p=world.partnership.pk) + query)
    assert answer.status_code == 422
    assert field in [e["field"] for e in answer.json()["errors"]]
    page = url.replace("/api/v1", "").rstrip("/") + "/"
    assert client.get(page.format(p=world.partnership.pk) + query).status_code == 200


def test_decision_log_filters_give_the_same_rows(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    steering = _at(world, "Steering", -30, kind="steering")
    review = _at(world, "Review", -2, kind="qbr")
    first = services.decision_add(
        actor=lead, meeting=steering, text="Consignment stock", rationale="Fewer stock-outs"
    )
    second = services.decision_add(
        actor=lead, meeting=steering, text="Second film source", rationale="Resilience"
    )
    third = services.decision_add(
        actor=lead, meeting=review, text="Monthly stock report", rationale="Visibility"
    )
    month_ago = timezone.now() - datetime.timedelta(days=30)
    Decision.unscoped.filter(pk__in=[first.pk, second.pk]).update(created_at=month_ago)
    p = world.partnership.pk
    page, api = f"/partnerships/{p}/decisions/", f"/api/v1/partnerships/{p}/decisions"
    client = client_for("supplier_member")

    def ids(query: str) -> list[int]:
        """The decisions the API lists for `query`, after checking the page shows the same."""
        listed = client.get(api + query).json()["results"]
        texts = re.findall(r"data-row><td>[^<]*</td><td>([^<]+)", client.get(page + query).content.decode())
        assert texts == [d["text"] for d in listed], query
        return [d["id"] for d in listed]

    assert ids("?q=stock") == [third.pk, first.pk]  # newest first
    day = timezone.localdate(month_ago)
    assert ids(f"?since={day}&until={day}") == [second.pk, first.pk]
    assert ids(f"?since={day + datetime.timedelta(days=1)}") == [third.pk]
    assert ids(f"?meeting={steering.pk}") == [second.pk, first.pk]
    assert ids(f"?meeting={world.meeting.pk}") == []  # the buyer's internal meeting: unknown to them
    html = client_for("buyer_lead").get(page).content.decode()
    assert f'<option value="{steering.pk}">Steering (' in html  # offered by name on the page
