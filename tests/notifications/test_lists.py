"""A person's notifications, filtered (unread only, kind) and paged alike on the page and in the
API, newest first."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from concord.commitments.services import ledger
from concord.meetings import services as meetings
from concord.notifications.models import Notification
from concord.notifications.services import mark_read, remind
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.organisations.rows import same_rows
from tests.world import World, soon


def _due(world: World, persona: str = "buyer_lead") -> Callable[[int], None]:
    """Commitments due tomorrow, each reminded to its owner by the daily run."""
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            ledger.commitment_give(
                actor=world.user(persona),
                partnership=world.partnership,
                title=f"Promise {next(counter):03}",
                promised_on=soon(1),
            )
        remind(timezone.localdate())

    return grow


@pytest.mark.parametrize("url", ["/notifications/", "/api/v1/me/notifications"])
def test_notifications_are_read_in_pages(world: World, client_for: Any, url: str) -> None:
    client = client_for("buyer_lead")
    assert_bounded_rows(lambda: client.get(url), _due(world))


def test_notification_filter_is_the_same_in_page_and_api(world: World, client_for: Any) -> None:
    lead = world.user("supplier_lead")
    _due(world, "supplier_lead")(4)
    meetings.meeting_schedule(
        actor=lead,
        partnership=world.partnership,
        title="Ramp-up call",
        starts_at=timezone.now() + datetime.timedelta(hours=20),
    )
    remind(timezone.localdate())
    mine = Notification.unscoped.filter(user=lead)
    mark_read(actor=lead, notification=mine.get(text__contains="Promise 001"))
    client = client_for("supplier_lead")

    def both(query: str) -> list[str]:
        return same_rows(
            client.get(f"/notifications/?{query}"), client.get(f"/api/v1/me/notifications?{query}"), "text"
        )

    assert both("kind=meeting_soon") == [mine.get(kind="meeting_soon").text]
    unread_due = both("unread=true&kind=commitment_due")
    assert [t.split("”")[0] for t in unread_due] == ["“Promise 003", "“Promise 002", "“Promise 000"]
    assert [t.split("”")[0] for t in both("unread=false")] == ["“Promise 001"]
    assert len(both("")) == mine.count() == 5  # newest first; nobody else's


def test_invalid_notification_filter_is_a_field_error(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    answer = client.get("/api/v1/me/notifications?kind=gossip")
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "kind"
    assert client.get("/api/v1/me/notifications?unread=perhaps").status_code == 422
    page = client.get("/notifications/?kind=gossip")
    assert page.status_code == 200 and 'class="error" role="alert"' in page.content.decode()


@pytest.mark.parametrize(
    ("url", "budget"),
    [("/notifications/?unread=true", 10), ("/api/v1/me/notifications?kind=commitment_due", 8)],
)
def test_query_count_is_flat(world: World, client_for: Any, url: str, budget: int) -> None:
    client = client_for("buyer_lead")
    assert_flat_queries(lambda: client.get(url), _due(world), budget=budget)
