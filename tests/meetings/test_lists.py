"""The lists of the Meetings tab — meetings (upcoming and past), a person's calendar feeds — and
the personal calendar feed (the decision log's are in tests/governance): one page of rows per
answer however long they grow, the same filter giving the same rows in the page and the API,
invalid filters answered (never a 500), and a feed bounded by its window of dates."""

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from icalendar import Calendar

from concord.core.paging import PAGE_SIZE
from concord.meetings import selectors, services
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.world import World

Grower = Callable[[int], None]


def _meetings(world: World, *, days: int = 3, **fields: Any) -> Grower:
    """Meetings `days` from now (negative: in the past), each a minute apart."""
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            starts = timezone.now() + datetime.timedelta(days=days, minutes=i if days > 0 else -i)
            services.meeting_schedule(
                actor=world.user("buyer_lead"),
                partnership=world.partnership,
                title=f"Meeting {i}",
                starts_at=starts,
                **fields,
            )

    return grow


def _past(world: World) -> Grower:
    return _meetings(world, days=-3)


def _feeds(world: World) -> Grower:
    def grow(n: int) -> None:
        for _ in range(n):
            services.feed_create(actor=world.user("buyer_lead"))

    return grow


LISTS: list[tuple[str, Any]] = [
    ("/partnerships/{p}/meetings/", _meetings),
    ("/partnerships/{p}/meetings/?when=past", _past),
    ("/api/v1/partnerships/{p}/meetings", _meetings),
    ("/api/v1/partnerships/{p}/meetings?when=past", _past),
    ("/account/calendar/", _feeds),
    ("/api/v1/me/calendar-feeds", _feeds),
]


@pytest.mark.parametrize(("url", "grower"), LISTS, ids=[url for url, _ in LISTS])
def test_rows_per_answer_are_bounded(world: World, client_for: Any, url: str, grower: Any) -> None:
    client = client_for("buyer_lead")
    assert_bounded_rows(lambda: client.get(url.format(p=world.partnership.pk)), grower(world))


@pytest.mark.parametrize(
    ("url", "grower", "budget"),
    [
        ("/partnerships/{p}/meetings/?kind=check_in&q=Meeting", _past, 16),
        ("/api/v1/partnerships/{p}/meetings?when=upcoming&visibility=shared", _meetings, 10),
        ("/account/calendar/", _feeds, 8),
        ("/api/v1/me/calendar-feeds?state=active", _feeds, 6),
    ],
)
def test_query_count_is_flat(world: World, client_for: Any, url: str, grower: Any, budget: int) -> None:
    client = client_for("buyer_lead")
    target = url.format(p=world.partnership.pk)
    assert_flat_queries(lambda: client.get(target), grower(world), budget=budget)


def test_upcoming_and_past_are_paged_apart(world: World, client_for: Any) -> None:
    _meetings(world)(PAGE_SIZE + 5)
    _past(world)(PAGE_SIZE + 5)
    client = client_for("buyer_lead")
    url = f"/partnerships/{world.partnership.pk}/meetings/"

    def sections(html: str) -> tuple[int, int]:
        upcoming, _, past = html.partition('<h3 id="past">')
        return upcoming.count("data-row"), past.count("data-row")

    assert sections(client.get(url).content.decode()) == (PAGE_SIZE, PAGE_SIZE)
    second_past = client.get(url + "?past_page=2").content.decode()
    assert sections(second_past) == (PAGE_SIZE, 5)  # the upcoming section stays on its first page
    assert 'aria-label="Past meeting pages"' in second_past and "past_page=1" in second_past
    second_upcoming = client.get(url + "?page=2").content.decode()
    assert sections(second_upcoming) == (5 + 1, PAGE_SIZE)  # the world's meeting is upcoming too
    only_past = client.get(url + "?when=past").content.decode()
    assert 'id="upcoming"' not in only_past and only_past.count("data-row") == PAGE_SIZE


# ---- the same filter, the same rows --------------------------------------------------------------


def _page_rows(html: str, pattern: str) -> list[str]:
    """The first match of `pattern` in each element marked `data-row`, in page order."""
    return [re.search(pattern, chunk).group(1) for chunk in html.split("data-row")[1:]]  # type: ignore[union-attr]


def _same_rows(client: Any, page_url: str, api_url: str, pattern: str) -> list[str]:
    page, api = client.get(page_url), client.get(api_url)
    assert page.status_code == 200 and api.status_code == 200
    shown = _page_rows(page.content.decode(), pattern)
    listed = [str(r["id"]) for r in api.json()["results"]]
    assert shown == listed
    return listed


def _at(world: World, title: str, days: float, **fields: Any) -> Any:
    return services.meeting_schedule(
        actor=world.user(fields.pop("persona", "buyer_lead")),
        partnership=world.partnership,
        title=title,
        starts_at=timezone.now() + datetime.timedelta(days=days),
        **fields,
    )


def test_meeting_filters_give_the_same_rows_in_time_order(world: World, client_for: Any) -> None:
    soon = _at(world, "Quarterly review Q1", 5, kind="qbr")
    later = _at(world, "Quarterly review Q2", 90, kind="qbr")
    last = _at(world, "Quarterly review Q4", -20, kind="qbr")
    older = _at(world, "Quarterly review Q3", -110, kind="qbr")
    _at(world, "Review prep", 4, kind="qbr", visibility="internal")
    _at(world, "Weekly review", 1, kind="check_in")
    p = world.partnership.pk
    page, api = f"/partnerships/{p}/meetings/", f"/api/v1/partnerships/{p}/meetings"
    row = r'href="/meetings/(\d+)/"'
    client = client_for("supplier_member")  # never sees the buyer's internal prep
    query = "?kind=qbr&q=review"
    expected = [soon, later, last, older]  # upcoming soonest first, then past latest first
    assert _same_rows(client, page + query, api + query, row) == [str(m.pk) for m in expected]
    query = "?kind=qbr&when=past"
    assert _same_rows(client, page + query, api + query, row) == [str(last.pk), str(older.pk)]
    query = "?when=upcoming&q=quarterly"
    assert _same_rows(client, page + query, api + query, row) == [str(soon.pk), str(later.pk)]
    query = "?visibility=internal"
    assert _same_rows(client_for("buyer_viewer"), page + query, api + query, row) != []
    assert _same_rows(client, page + query, api + query, row) == []


def test_feed_list_filters_give_the_same_rows(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    ended, _ = services.feed_create(actor=lead)
    services.feed_revoke(actor=lead, feed=ended)
    client = client_for("buyer_lead")
    listed = client.get("/api/v1/me/calendar-feeds?state=revoked").json()["results"]
    html = client.get("/account/calendar/?state=revoked").content.decode()
    assert [f["id"] for f in listed] == [ended.pk] and html.count("data-row") == 1 and ended.hint in html
    active = client.get("/api/v1/me/calendar-feeds?state=active").json()
    assert [f["id"] for f in active["results"]] == [world.feed.pk]
    assert client_for("supplier_lead").get("/api/v1/me/calendar-feeds").json()["count"] == 0


# ---- invalid filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "api", "query", "field"),
    [
        ("/partnerships/{p}/meetings/", "/api/v1/partnerships/{p}/meetings", "when=tomorrow", "when"),
        ("/partnerships/{p}/meetings/", "/api/v1/partnerships/{p}/meetings", "kind=party", "kind"),
        ("/partnerships/{p}/meetings/", "/api/v1/partnerships/{p}/meetings", "visibility=all", "visibility"),
        ("/partnerships/{p}/decisions/", "/api/v1/partnerships/{p}/decisions", "since=yesterday", "since"),
        ("/partnerships/{p}/decisions/", "/api/v1/partnerships/{p}/decisions", "until=2026-13-01", "until"),
        ("/partnerships/{p}/decisions/", "/api/v1/partnerships/{p}/decisions", "meeting=abc", "meeting"),
        ("/account/calendar/", "/api/v1/me/calendar-feeds", "state=maybe", "state"),
    ],
)
def test_an_invalid_filter_is_a_field_error(
    world: World, client_for: Any, page: str, api: str, query: str, field: str
) -> None:
    client = client_for("buyer_lead")
    p = world.partnership.pk
    shown = client.get(f"{page.format(p=p)}?{query}")
    assert shown.status_code == 200
    control = re.search(
        rf'<select name="{field}"[^>]*>|<input[^>]*name="{field}"[^>]*>', shown.content.decode()
    )
    assert control and 'aria-invalid="true"' in control.group(0), f"no field error for {field}"
    answer = client.get(f"{api.format(p=p)}?{query}")
    assert answer.status_code == 422
    assert field in {e["field"] for e in answer.json()["errors"]}


# ---- the personal calendar feed -------------------------------------------------------------------


def _uids(payload: bytes) -> set[str]:
    return {str(e["uid"]) for e in Calendar.from_ical(payload).walk("VEVENT")}


def test_calendar_feed_carries_only_its_window(world: World, client_for: Any) -> None:
    back, ahead = selectors.FEED_DAYS_BACK, selectors.FEED_DAYS_AHEAD
    inside = [_at(world, "Last quarter", -back + 1), _at(world, "Next year", ahead - 1)]
    outside = [_at(world, "Long ago", -back - 1), _at(world, "Far ahead", ahead + 1)]
    seen = _uids(client_for("anon").get(f"/calendar/{world.feed_secret}.ics").content)
    assert {f"{m.uid}@concord" for m in inside} <= seen
    assert not {f"{m.uid}@concord" for m in outside} & seen
    assert f"{world.meeting.uid}@concord" in seen
    # Older meetings are still in Concord, only out of the feed.
    listed = client_for("buyer_lead").get(f"/api/v1/partnerships/{world.partnership.pk}/meetings").json()
    assert {m.pk for m in outside} <= {m["id"] for m in listed["results"]}


def test_feed_page_says_what_the_feed_carries(world: World, client_for: Any) -> None:
    html = client_for("buyer_lead").get("/account/calendar/").content.decode()
    window = f"from {selectors.FEED_DAYS_BACK} days back to {selectors.FEED_DAYS_AHEAD} days ahead"
    assert window in html
