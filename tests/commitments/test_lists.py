"""The lists of the Demands tab — demands, the commitment ledger, action plans and a plan's items,
the wins feed: one page of rows per answer however long they grow, the same filter giving the same
rows in the page and the API, invalid filters answered (never a 500), and the summaries beside the
lists (waiting demands, response times, reliability) counted over every row, not the page."""

import datetime
import re
import statistics
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from concord.commitments import selectors
from concord.commitments.models import ActionPlan, Answer, Commitment, Demand
from concord.commitments.services import demands, ledger, plans, wins
from concord.commitments.status import GIVEN_UP, STATES, Status, reliability, state_q, status
from concord.core.paging import PAGE_SIZE
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.world import World, soon

Grower = Callable[[int], None]
TODAY = timezone.localdate


def _demands(world: World) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            actor = world.user("buyer_lead" if i % 2 else "supplier_lead")
            demands.demand_raise(actor=actor, partnership=world.partnership, title=f"Demand {i}")

    return grow


def _commitments(world: World) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            actor = world.user("buyer_lead" if i % 2 else "supplier_lead")
            ledger.commitment_give(
                actor=actor, partnership=world.partnership, title=f"Promise {i}", promised_on=soon(3)
            )

    return grow


def _plans(world: World) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            plans.plan_create(
                actor=world.user("buyer_lead"), partnership=world.partnership, title=f"Plan {next(counter)}"
            )

    return grow


def _items(world: World) -> Grower:
    counter = iter(range(10_000))
    lead = world.user("buyer_lead")

    def grow(n: int) -> None:
        for _ in range(n):
            plans.item_add(
                actor=lead,
                plan=world.plan,
                title=f"Item {next(counter)}",
                promised_on=soon(),
                owner_person_id=lead.pk,
            )

    return grow


def _wins(world: World) -> Grower:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            actor = world.user("supplier_lead")
            wins.kudos_give(actor=actor, partnership=world.partnership, text=f"Thanks {next(counter)}")

    return grow


LISTS: list[tuple[str, Any]] = [
    ("/partnerships/{p}/demands/", _demands),
    ("/api/v1/partnerships/{p}/demands", _demands),
    ("/partnerships/{p}/commitments/", _commitments),
    ("/api/v1/partnerships/{p}/commitments", _commitments),
    ("/partnerships/{p}/plans/", _plans),
    ("/api/v1/partnerships/{p}/plans", _plans),
    ("/plans/{plan}/", _items),
    ("/partnerships/{p}/wins/", _wins),
    ("/api/v1/partnerships/{p}/wins", _wins),
]


def _url(url: str, world: World) -> str:
    return url.format(p=world.partnership.pk, plan=world.plan.pk, o=world.supplier.pk)


@pytest.mark.parametrize(("url", "grower"), LISTS, ids=[url for url, _ in LISTS])
def test_rows_per_answer_are_bounded(world: World, client_for: Any, url: str, grower: Any) -> None:
    client = client_for("buyer_viewer")
    assert_bounded_rows(lambda: client.get(_url(url, world)), grower(world))


@pytest.mark.parametrize(
    ("url", "grower", "budget"),
    [
        ("/partnerships/{p}/wins/", _wins, 12),
        ("/api/v1/partnerships/{p}/wins", _wins, 10),
        ("/api/v1/partnerships/{p}/plans", _plans, 12),
        ("/partnerships/{p}/demands/?direction=raised&q=Demand", _demands, 20),
        ("/partnerships/{p}/commitments/?state=open&counted=false", _commitments, 20),
        ("/api/v1/partnerships/{p}/commitments?state=open&owner={o}", _commitments, 12),
    ],
)
def test_query_count_is_flat(world: World, client_for: Any, url: str, grower: Any, budget: int) -> None:
    client = client_for("buyer_lead")
    assert_flat_queries(lambda: client.get(_url(url, world)), grower(world), budget=budget)


# ---- the same filter, the same rows --------------------------------------------------------------


def _page_rows(html: str, pattern: str) -> list[str]:
    """The first match of `pattern` in each element marked `data-row`, in page order."""
    chunks = html.split("data-row")[1:]
    return [re.search(pattern, chunk).group(1) for chunk in chunks]  # type: ignore[union-attr]


def _same_rows(client: Any, page_url: str, api_url: str, pattern: str, key: str = "id") -> list[str]:
    page = client.get(page_url)
    api = client.get(api_url)
    assert page.status_code == 200 and api.status_code == 200
    shown = _page_rows(page.content.decode(), pattern)
    listed = [str(r[key]) for r in api.json()["results"]]
    assert shown == listed
    return listed


def test_demand_filters_give_the_same_rows_and_direction_is_the_readers(
    world: World, client_for: Any
) -> None:
    bea, sol = world.user("buyer_lead"), world.user("supplier_lead")
    p = world.partnership
    asked = demands.demand_raise(actor=sol, partnership=p, title="Forecast for Q3", priority="high")
    demands.demand_raise(actor=sol, partnership=p, title="Forecast for Q4", priority="low")
    raised = demands.demand_raise(actor=bea, partnership=p, title="Forecast accuracy", priority="high")
    base_page, base_api = f"/partnerships/{p.pk}/demands/", f"/api/v1/partnerships/{p.pk}/demands"
    row = r'href="/demands/(\d+)/"'
    query = "?direction=asked&priority=high&q=forecast"
    assert _same_rows(client_for("buyer_viewer"), base_page + query, base_api + query, row) == [str(asked.pk)]
    # The same link means "asked of us" for whoever reads it: to the supplier it is the buyer's demands.
    assert _same_rows(client_for("supplier_member"), base_page + query, base_api + query, row) == [
        str(raised.pk)
    ]
    query = "?direction=raised&status=open"
    assert _same_rows(client_for("buyer_lead"), base_page + query, base_api + query, row) == [
        str(raised.pk),
        str(world.demand.pk),
    ]


def test_ledger_filters_give_the_same_rows(world: World, client_for: Any) -> None:
    bea, sol = world.user("buyer_lead"), world.user("supplier_lead")
    p = world.partnership
    late = ledger.commitment_give(actor=sol, partnership=p, title="Audit report", promised_on=soon(2))
    yesterday = TODAY() - datetime.timedelta(days=1)
    Commitment.unscoped.filter(pk=late.pk).update(promised_on=yesterday, due_on=yesterday)
    ledger.commitment_give(actor=bea, partnership=p, title="Audit slot", promised_on=soon(4))
    kept = ledger.commitment_give(actor=sol, partnership=p, title="Audit plan", promised_on=soon(4))
    ledger.commitment_deliver(actor=sol, commitment=kept, version=1)
    base_page, base_api = f"/partnerships/{p.pk}/commitments/", f"/api/v1/partnerships/{p.pk}/commitments"
    row = r'href="/commitments/(\d+)/"'
    client = client_for("buyer_viewer")
    query = f"?q=audit&owner={world.supplier.pk}"
    assert _same_rows(client, base_page + query, base_api + query, row) == [str(late.pk), str(kept.pk)]
    query = "?state=broken"
    assert _same_rows(client, base_page + query, base_api + query, row) == [str(late.pk)]
    query = "?state=kept_on_time&source=direct"
    assert _same_rows(client, base_page + query, base_api + query, row) == [str(kept.pk)]


def test_plan_filters_give_the_same_rows(world: World, client_for: Any) -> None:
    bea = world.user("buyer_lead")
    p = world.partnership
    fresh = plans.plan_create(actor=bea, partnership=p, title="Stock review", visibility="internal")
    old = plans.plan_create(actor=bea, partnership=p, title="Stock counts", review_every_days=7)
    ActionPlan.unscoped.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    base_page, base_api = f"/partnerships/{p.pk}/plans/", f"/api/v1/partnerships/{p.pk}/plans"
    row = r'href="/plans/(\d+)/"'
    client = client_for("buyer_viewer")
    assert _same_rows(client, base_page + "?stale=true", base_api + "?stale=true", row) == [str(old.pk)]
    query = "?stale=false&q=review"
    assert _same_rows(client, base_page + query, base_api + query, row) == [str(fresh.pk)]
    query = "?visibility=internal"
    assert _same_rows(client, base_page + query, base_api + query, row) == [str(fresh.pk)]
    assert _same_rows(client_for("supplier_lead"), base_page + query, base_api + query, row) == []


def test_plan_items_are_filtered_by_status_on_the_plan_page(world: World, client_for: Any) -> None:
    bea = world.user("buyer_lead")
    first = plans.item_add(
        actor=bea, plan=world.plan, title="Count bags", promised_on=soon(), owner_person_id=bea.pk
    )
    done = plans.item_add(
        actor=bea, plan=world.plan, title="Count film", promised_on=soon(), owner_person_id=bea.pk
    )
    ledger.commitment_deliver(actor=bea, commitment=done, version=1)
    html = client_for("supplier_member").get(f"/plans/{world.plan.pk}/?state=open").content.decode()
    assert _page_rows(html, r'href="/commitments/(\d+)/"') == [str(first.pk)]


def test_wins_filter_by_kind_newest_first(world: World, client_for: Any) -> None:
    sol = world.user("supplier_lead")
    wins.kudos_give(actor=sol, partnership=world.partnership, text="Thanks for the forecast")
    for i in range(5):
        given = ledger.commitment_give(
            actor=sol, partnership=world.partnership, title=f"Step {i}", promised_on=soon(5)
        )
        ledger.commitment_deliver(actor=sol, commitment=given, version=1)
    wins.kudos_give(actor=sol, partnership=world.partnership, text="Thanks for the audit")
    base_page, base_api = (
        f"/partnerships/{world.partnership.pk}/wins/",
        f"/api/v1/partnerships/{world.partnership.pk}/wins",
    )
    client = client_for("buyer_viewer")
    texts = _same_rows(
        client, base_page + "?kind=kudos", base_api + "?kind=kudos", r"</strong> — (.+?) <small", "text"
    )
    assert texts == ["Thanks for the audit", "Thanks for the forecast"]  # newest first
    streak = client.get(base_api + "?kind=commitment_streak").json()
    assert streak["count"] == 1 and "in a row" in streak["results"][0]["text"]


# ---- invalid filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "query", "field"),
    [
        ("/partnerships/{p}/demands/", "status=bogus", "status"),
        ("/partnerships/{p}/demands/", "direction=sideways", "direction"),
        ("/partnerships/{p}/demands/", "priority=urgent", "priority"),
        ("/partnerships/{p}/commitments/", "state=lost", "state"),
        ("/partnerships/{p}/commitments/", "owner=abc", "owner"),
        ("/partnerships/{p}/commitments/", "source=rumour", "source"),
        ("/partnerships/{p}/plans/", "visibility=everyone", "visibility"),
        ("/partnerships/{p}/wins/", "kind=party", "kind"),
        ("/partnerships/{p}/demands/", "q=" + "x" * 101, "q"),
    ],
)
def test_an_invalid_filter_is_a_field_error(
    world: World, client_for: Any, url: str, query: str, field: str
) -> None:
    client = client_for("buyer_lead")
    page = client.get(f"{_url(url, world)}?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    control = re.search(rf'<select name="{field}"[^>]*>|<input[^>]*name="{field}"[^>]*>', html)
    assert control and 'aria-invalid="true"' in control.group(0), f"no field error for {field}"
    api_url = "/api/v1" + _url(url, world).rstrip("/")
    answer = client.get(f"{api_url}?{query}")
    assert answer.status_code == 422
    assert field in {e["field"] for e in answer.json()["errors"]}


def test_plan_item_filter_errors_on_the_page(world: World, client_for: Any) -> None:
    page = client_for("buyer_lead").get(f"/plans/{world.plan.pk}/?state=lost")
    assert page.status_code == 200 and 'aria-invalid="true"' in page.content.decode()


# ---- summaries over every row, not the page ------------------------------------------------------


def _shift(demand: Demand, *, created_hours_ago: float, answered_after_hours: float | None = None) -> None:
    created = timezone.now() - datetime.timedelta(hours=created_hours_ago)
    fields: dict[str, Any] = {"created_at": created}
    if answered_after_hours is not None:
        fields["first_answered_at"] = created + datetime.timedelta(hours=answered_after_hours)
    Demand.unscoped.filter(pk=demand.pk).update(**fields)


def test_waiting_box_counts_every_demand_and_lists_the_oldest(world: World, client_for: Any) -> None:
    sol, bea = world.user("supplier_lead"), world.user("buyer_lead")
    p = world.partnership
    grow = _demands(world)
    grow(PAGE_SIZE + 5)  # all open: more than a page and more than the box lists
    overdue = demands.demand_raise(actor=bea, partnership=p, title="Overdue maybe")
    demands.demand_answer(
        actor=sol,
        demand=overdue,
        version=1,
        kind="maybe",
        rationale="Depends",
        conditions="IT",
        follow_up_on=soon(3),
    )
    Answer.unscoped.filter(demand=overdue).update(follow_up_on=TODAY() - datetime.timedelta(days=1))
    _shift(overdue, created_hours_ago=24 * 400)  # the oldest of all
    pending_maybe = demands.demand_raise(actor=bea, partnership=p, title="Maybe not yet due")
    demands.demand_answer(
        actor=sol,
        demand=pending_maybe,
        version=1,
        kind="maybe",
        rationale="Depends",
        conditions="x",
        follow_up_on=soon(3),
    )
    answered = demands.demand_raise(actor=bea, partnership=p, title="Answered")
    demands.demand_answer(actor=sol, demand=answered, version=1, kind="no", rationale="Cannot")
    open_count = PAGE_SIZE + 5 + 1  # the grown ones and the world's demand
    found = selectors.waiting(actor=world.user("buyer_viewer"), partnership=p)
    assert found.count == open_count + 1  # the overdue maybe too; the pending maybe and the "no" not
    assert len(found.oldest) == selectors.WAITING_SHOWN and found.oldest[0].demand == overdue
    assert found.oldest[0].follow_up_overdue
    # A filter narrows the list below, never the box: it still counts and lists every waiting demand.
    html = client_for("buyer_viewer").get(f"/partnerships/{p.pk}/demands/?status=no").content.decode()
    assert f"{open_count + 1} demands are waiting" in html and "Overdue maybe" in html
    assert _page_rows(html, r'href="/demands/(\d+)/"') == [str(answered.pk)]


def test_median_response_times_cover_every_answered_demand(world: World, client_for: Any) -> None:
    bea, sol = world.user("buyer_lead"), world.user("supplier_lead")
    p = world.partnership
    supplier_hours = [5.0, 1.0, 30.5, 2.0, 100.0, 7.25]  # even: the mean of the middle two
    buyer_hours = [3.0, 1.5, 48.0]  # odd: the middle one
    for hours in supplier_hours:
        demand = demands.demand_raise(actor=bea, partnership=p, title=f"To supplier {hours}")
        _shift(demand, created_hours_ago=200, answered_after_hours=hours)
    for hours in buyer_hours:
        demand = demands.demand_raise(actor=sol, partnership=p, title=f"To buyer {hours}")
        _shift(demand, created_hours_ago=200, answered_after_hours=hours)
    _demands(world)(PAGE_SIZE)  # unanswered ones count for nothing
    found = selectors.response_times(actor=world.user("supplier_member"), partnership=p)
    expected_supplier = round(statistics.median([round(h, 1) for h in supplier_hours]), 1)
    assert found == {world.supplier.pk: expected_supplier, world.buyer.pk: 3.0}
    assert expected_supplier == 6.1  # (5.0 + 7.25→7.2) / 2, as the page always showed it
    html = client_for("buyer_viewer").get(f"/partnerships/{p.pk}/demands/?page=2").content.decode()
    assert "<strong>Supplier Co</strong> 6.1 h" in html and "<strong>Buyer Co</strong> 3.0 h" in html


def _commitment(world: World, persona: str, **dates: Any) -> Commitment:
    given = ledger.commitment_give(
        actor=world.user(persona), partnership=world.partnership, title=f"C {dates}", promised_on=soon(1)
    )
    fields = {"due_on": dates.get("promised_on")} | dates
    Commitment.unscoped.filter(pk=given.pk).update(**fields)
    given.refresh_from_db()
    return given


def _grid(world: World) -> list[Commitment]:
    """Commitments in every state around today and the edges of the reliability window."""
    d = TODAY()
    day = datetime.timedelta(days=1)
    shapes = [
        {"promised_on": d + 7 * day},  # open
        {"promised_on": d},  # open, due today: not yet counted
        {"promised_on": d - 3 * day},  # broken
        {"promised_on": d - 3 * day, "due_on": d + 9 * day},  # renegotiated
        {"promised_on": d - 9 * day, "due_on": d - 2 * day},  # broken after a renegotiation
        {"promised_on": d - 5 * day, "delivered_on": d - 5 * day},  # kept on time, on the day
        {"promised_on": d, "delivered_on": d},  # kept on time today: counted
        {"promised_on": d - 5 * day, "due_on": d, "delivered_on": d - day},  # kept late
        {"promised_on": d + 20 * day, "given_up_on": d},  # given up before its date: broken
        {"promised_on": d - 200 * day, "delivered_on": d - 200 * day},  # outside the window
        {"promised_on": d - 180 * day, "delivered_on": d - 181 * day},  # the window's first day is out
        {"promised_on": d - 179 * day, "delivered_on": d - 179 * day},  # ... and the next one in
        {"promised_on": d + 3 * day, "delivered_on": d - day},  # early, not yet due: not counted
    ]
    found = []
    for i, shape in enumerate(shapes):
        found.append(_commitment(world, "supplier_lead" if i % 3 else "buyer_lead", **shape))
    return found


def test_state_filters_agree_with_the_status_rule(world: World) -> None:
    made = _grid(world)
    today = TODAY()
    rows = selectors.commitment_list(actor=world.user("buyer_viewer"), partnership=world.partnership)
    everything = list(rows)
    for value, _ in STATES:
        found = {c.pk for c in rows.filter(state_q(value, today))}
        if value == GIVEN_UP:
            expected = {c.pk for c in everything if c.given_up_on and not c.delivered_on}
        else:
            expected = {c.pk for c in everything if status(c, today) == value}
        assert found == expected, value
    assert {status(c, today) for c in made} == set(Status)  # every state is exercised


def test_reliability_is_counted_over_the_whole_window(world: World, client_for: Any) -> None:
    _grid(world)
    lead = world.user("buyer_lead")
    # An internal to-do kept on time: it would raise the buyer's number if it were counted.
    todo = _commitment(world, "buyer_lead", promised_on=TODAY() - datetime.timedelta(days=2))
    Commitment.unscoped.filter(pk=todo.pk).update(visibility="internal", delivered_on=todo.promised_on)
    everything = list(selectors.commitment_list(actor=lead, partnership=world.partnership))
    orgs = [world.buyer.pk, world.supplier.pk]
    for window in (180, 30):
        by_hand = reliability(everything, orgs, TODAY(), window)
        for persona in ("buyer_viewer", "supplier_member"):  # one number on both sides
            counted = selectors.ledger(
                actor=world.user(persona), partnership=world.partnership, window_days=window
            )
            for org in orgs:
                assert counted.reliability[org].due == len(by_hand[org].due)
                assert counted.reliability[org].on_time == by_hand[org].on_time
                assert counted.reliability[org].index == by_hand[org].index
    assert any(r.due for r in by_hand.values())


def test_the_commitments_behind_the_number_are_listed_in_pages(world: World, client_for: Any) -> None:
    _grid(world)
    for i in range(PAGE_SIZE):  # a long window: more than a page behind the supplier's number
        _commitment(world, "supplier_lead", promised_on=TODAY() - datetime.timedelta(days=i + 1))
    client = client_for("buyer_viewer")
    supplier = world.supplier.pk
    summary = client.get(f"/api/v1/partnerships/{world.partnership.pk}/commitments").json()
    due = next(r["due"] for r in summary["reliability"] if r["organisation_id"] == supplier)
    assert due > PAGE_SIZE
    listed = client.get(
        f"/api/v1/partnerships/{world.partnership.pk}/commitments?owner={supplier}&counted=true"
    ).json()
    assert listed["count"] == due and len(listed["results"]) == PAGE_SIZE
    assert all(r["organisation_id"] == supplier for r in listed["results"])
    html = client.get(f"/partnerships/{world.partnership.pk}/commitments/").content.decode()
    assert f"?owner={supplier}&amp;counted=true" in html
    shorter = client.get(
        f"/api/v1/partnerships/{world.partnership.pk}/commitments?window_days=7&owner={supplier}&counted=true"
    ).json()
    seven = next(r["due"] for r in shorter["reliability"] if r["organisation_id"] == supplier)
    assert shorter["count"] == seven < due


def test_the_ledger_shows_open_items_first_and_can_be_sorted(world: World, client_for: Any) -> None:
    supplier = world.user("supplier_lead")
    done = ledger.commitment_give(
        actor=supplier, partnership=world.partnership, title="Delivered early", promised_on=soon(3)
    )
    ledger.commitment_deliver(actor=supplier, commitment=done, version=done.version)
    client = client_for("buyer_lead")
    pid = world.partnership.pk

    def titles(query: str) -> list[str]:
        html = client.get(f"/partnerships/{pid}/commitments/{query}").content.decode()
        return [
            t for t in _page_rows(html, r">([^<]+)</a>") if t in ("Delivered early", "Qualify film line 2")
        ]

    def api_titles(query: str) -> list[str]:
        found = client.get(f"/api/v1/partnerships/{pid}/commitments{query}").json()["results"]
        return [c["title"] for c in found]

    # open (due in 30 days) before delivered (due in 3), though the delivered one is due sooner
    assert titles("") == api_titles("") == ["Qualify film line 2", "Delivered early"]
    assert titles("?sort=due_on") == api_titles("?sort=due_on") == ["Delivered early", "Qualify film line 2"]
    assert api_titles("?sort=-title") == ["Qualify film line 2", "Delivered early"]
    assert client.get(f"/api/v1/partnerships/{pid}/commitments?sort=owner").status_code == 422
