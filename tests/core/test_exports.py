"""Exports of every list (core.exports): through the real pages and API, as the personas. Each file
parses back (csv module, openpyxl), holds the whole filtered list and only what its reader may see,
never carries a formula, is capped, and is read with the same queries for 3 records as for 30."""

import csv
import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from concord.access.roles import Visibility
from concord.agreements import services as agreements
from concord.commitments.services import demands, ledger, plans
from concord.core import exports
from concord.goals import services as goals
from concord.meetings import services as meetings
from concord.notifications.models import Notification
from tests.guards import count_queries
from tests.world import World, soon

Grower = Callable[[int], None]

# list: (page URL of the export, API path of the export) — {pid} is the partnership
LISTS = {
    "demands": ("/partnerships/{pid}/demands/export.{fmt}", "/api/v1/partnerships/{pid}/demands/export"),
    "commitments": (
        "/partnerships/{pid}/commitments/export.{fmt}",
        "/api/v1/partnerships/{pid}/commitments/export",
    ),
    "plans": ("/partnerships/{pid}/plans/export.{fmt}", "/api/v1/partnerships/{pid}/plans/export"),
    "meetings": ("/partnerships/{pid}/meetings/export.{fmt}", "/api/v1/partnerships/{pid}/meetings/export"),
    "decisions": (
        "/partnerships/{pid}/decisions/export.{fmt}",
        "/api/v1/partnerships/{pid}/decisions/export",
    ),
    "agreements": (
        "/partnerships/{pid}/agreements/export.{fmt}",
        "/api/v1/partnerships/{pid}/agreements/export",
    ),
    "goals": ("/partnerships/{pid}/goals/list.{fmt}", "/api/v1/partnerships/{pid}/goals/export"),
    "notifications": ("/notifications/export.{fmt}", "/api/v1/me/notifications/export"),
}


def _page(name: str, world: World, fmt: str = "csv", query: str = "") -> str:
    return LISTS[name][0].format(pid=world.partnership.pk, fmt=fmt) + query


def _api(name: str, world: World, fmt: str = "csv", query: str = "") -> str:
    return LISTS[name][1].format(pid=world.partnership.pk) + f"?format={fmt}" + (f"&{query}" if query else "")


def csv_rows(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def xlsx_rows(response: Any) -> list[tuple[Any, ...]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


def _column(rows: list[Any], header: str) -> list[Any]:
    at = list(rows[0]).index(header)
    return [row[at] for row in rows[1:]]


# What the world holds, by list: a record every party sees (its text, in the list's main column).
SEEN = {
    "demands": ("Demand", "Monthly safety stock report"),
    "commitments": ("Commitment", "Qualify film line 2"),
    "plans": ("Plan", "Safety stock to eight weeks"),
    "agreements": ("Agreement", "Bag supply contract"),
    "goals": ("Goal", "On-time delivery"),
}


@pytest.mark.parametrize("name", sorted(SEEN))
def test_csv_and_xlsx_parse_back_with_readable_columns(world: World, client_for: Any, name: str) -> None:
    client = client_for("buyer_lead")
    header, text = SEEN[name]
    from_csv = csv_rows(client.get(_page(name, world)))
    from_xlsx = xlsx_rows(client.get(_page(name, world, "xlsx")))
    assert from_csv[0] == list(from_xlsx[0])
    assert text in _column(from_csv, header) and text in _column(from_xlsx, header)
    assert len(from_csv) == len(from_xlsx)
    api = client.get(_api(name, world))
    assert csv_rows(api) == from_csv  # the API's export is the page's


def test_human_values_not_codes(world: World, client_for: Any) -> None:
    rows = csv_rows(client_for("buyer_lead").get(_page("demands", world)))
    demand = dict(zip(rows[0], rows[1], strict=True))
    assert demand["Priority"] == "High" and demand["Status"] == "Awaiting an answer"
    assert demand["Raised by"] == world.buyer.name and demand["Asked of"] == world.supplier.name
    assert demand["Raised by person"] == world.user("buyer_lead").get_full_name()
    assert demand["Visibility"] == "shared"
    datetime.datetime.fromisoformat(demand["Raised on"])  # ISO
    ledger_rows = csv_rows(client_for("buyer_lead").get(_page("commitments", world)))
    promise = dict(zip(ledger_rows[0], ledger_rows[1], strict=True))
    assert promise["Status"] == "open" and promise["From"] == "Given directly"
    assert promise["Promised on"] == soon(30).isoformat()


def test_the_other_sides_internal_records_are_absent(world: World, client_for: Any) -> None:
    """The buyer's internal meeting (and its notification), goal and its measurements never reach
    the supplier; the supplier's internal plan never reaches the buyer."""
    plans.plan_create(
        actor=world.user("supplier_lead"),
        partnership=world.partnership,
        title="Supplier-only recovery plan",
        visibility=Visibility.INTERNAL,
    )
    meetings.decision_add(
        actor=world.user("buyer_lead"), meeting=world.meeting, text="Dual source", rationale="Risk"
    )
    supplier, buyer = client_for("supplier_member"), client_for("buyer_viewer")
    for name in LISTS:
        for fmt in ("csv", "xlsx"):
            for client, secret in (
                (supplier, "Supplier strategy (internal)"),
                (supplier, "Dual-source the film"),
                (supplier, "Dual source"),
                (buyer, "Supplier-only recovery plan"),
            ):
                for url in (_page(name, world, fmt), _api(name, world, fmt)):
                    response = client.get(url)
                    assert response.status_code == 200, url
                    body = str(csv_rows(response) if fmt == "csv" else xlsx_rows(response))
                    assert secret not in body, (url, secret)
    # … while their owners export them
    assert "Supplier strategy (internal)" in str(
        csv_rows(client_for("buyer_viewer").get(_page("meetings", world)))
    )
    assert "Dual source" in str(csv_rows(client_for("buyer_lead").get(_page("decisions", world))))
    assert "Supplier-only recovery plan" in str(csv_rows(supplier.get(_page("plans", world))))


def test_filters_of_the_query_string_apply(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    demands.demand_raise(actor=world.user("buyer_lead"), partnership=world.partnership, title="Low one")
    titles = _column(csv_rows(client.get(_page("demands", world, query="?priority=high"))), "Demand")
    assert titles == ["Monthly safety stock report"]
    titles = _column(csv_rows(client.get(_api("demands", world, query="q=low"))), "Demand")
    assert titles == ["Low one"]
    shared_only = csv_rows(client.get(_page("meetings", world, query="?visibility=shared")))
    assert len(shared_only) == 1  # only the header: the world's one meeting is internal
    unread = csv_rows(client.get(_page("notifications", world, query="?unread=false")))
    assert len(unread) == 1
    # a computed filter (the commitment's status today) applies too
    kept = csv_rows(client.get(_page("commitments", world, query="?state=kept_on_time")))
    assert len(kept) == 1
    everything = csv_rows(client.get(_page("commitments", world, query="?state=open&page=3")))
    assert _column(everything, "Commitment") == ["Qualify film line 2"]  # the page number is no filter


def test_the_whole_filtered_list_not_one_page(world: World, client_for: Any) -> None:
    lead = world.user("supplier_lead")
    for i in range(30):
        ledger.commitment_give(actor=lead, partnership=world.partnership, title=f"P{i}", promised_on=soon(3))
    rows = csv_rows(client_for("buyer_lead").get(_page("commitments", world)))
    assert len(rows) == 1 + 31


def test_agreements_have_one_row_per_clause(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    agreements.clause_add(actor=lead, agreement=world.agreement, number="2", heading="Price", text="Fixed")
    agreements.agreement_create(actor=lead, partnership=world.partnership, title="Empty MoU", kind="mou")
    rows = csv_rows(client_for("supplier_lead").get(_page("agreements", world)))
    by_heading = {r[rows[0].index("Clause heading")]: r for r in rows[1:]}
    assert set(by_heading) == {"Scope", "Price", ""}
    assert by_heading["Scope"][1] == by_heading["Price"][1] == "Bag supply contract"
    assert by_heading[""][1] == "Empty MoU"


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"],
)
def test_formulas_are_neutralised_in_csv_and_xlsx(world: World, client_for: Any, text: str) -> None:
    demands.demand_raise(actor=world.user("buyer_lead"), partnership=world.partnership, title=f"{text} x")
    client = client_for("supplier_lead")
    from_csv = _column(csv_rows(client.get(_page("demands", world))), "Demand")
    assert f"'{text} x" in from_csv
    response = client.get(_page("demands", world, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    found = [c for c in cells if c.value == f"'{text} x"]
    assert found and found[0].data_type == "s"
    assert not any(str(c.value).startswith(exports.FORMULA_START) for c in cells)


def test_numbers_dates_and_flags_stay_plain() -> None:
    assert exports.csv_cell(-5) == -5  # a number is no formula
    assert exports.csv_cell(datetime.date(2026, 1, 2)) == "2026-01-02"
    moment = datetime.datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=datetime.UTC)
    assert exports.csv_cell(moment) == "2026-01-02T03:04:05"
    assert exports.csv_cell(True) == "yes" and exports.csv_cell(None) == ""


@pytest.mark.parametrize("name", sorted(LISTS))
def test_bad_format_is_404_on_the_page_and_422_in_the_api(world: World, client_for: Any, name: str) -> None:
    client = client_for("buyer_lead")
    assert client.get(_page(name, world, "pdf")).status_code == 404
    assert client.get(_api(name, world, "pdf")).status_code == 422


def test_outsider_404_and_anonymous_to_sign_in(world: World, client_for: Any, client: Any) -> None:
    assert client_for("outsider").get(_page("demands", world)).status_code == 404
    assert client_for("outsider").get(_api("demands", world)).status_code == 404
    assert client.get(_page("demands", world)).status_code == 302
    assert client.get(_api("demands", world)).status_code == 401


def test_a_longer_list_is_cut_and_says_so(world: World, client_for: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(exports, "MAX_ROWS", 2)
    lead = world.user("buyer_lead")
    for i in range(3):
        demands.demand_raise(actor=lead, partnership=world.partnership, title=f"More {i}")
    response = client_for("buyer_lead").get(_page("demands", world))
    assert len(csv_rows(response)) == 1 + 2
    assert response[exports.TRUNCATED] == "4"
    assert "-first-2-rows-" in response["Content-Disposition"]
    whole = client_for("buyer_lead").get(_page("demands", world, query="?q=More 1"))
    assert exports.TRUNCATED not in whole and "first" not in whole["Content-Disposition"]


def test_the_page_links_its_export_with_its_filters(world: World, client_for: Any) -> None:
    html = client_for("buyer_lead").get(f"/partnerships/{world.partnership.pk}/demands/?priority=high&page=1")
    text = html.content.decode()
    assert f'/partnerships/{world.partnership.pk}/demands/export.csv?priority=high"' in text
    assert f'/partnerships/{world.partnership.pk}/demands/export.xlsx?priority=high"' in text


# ---- bounded work: the same queries for 3 records as for 30 -----------------------------------------


def _grower(name: str, world: World) -> Grower:
    buyer, supplier = world.user("buyer_lead"), world.user("supplier_lead")
    counter = iter(range(10_000))
    pid = world.partnership

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            if name == "demands":
                demand = demands.demand_raise(actor=buyer, partnership=pid, title=f"D{i}")
                demands.demand_answer(
                    actor=supplier, demand=demand, version=None, kind="no", rationale="No", alternative="x"
                )
            elif name == "commitments":
                ledger.commitment_give(actor=supplier, partnership=pid, title=f"C{i}", promised_on=soon(3))
            elif name == "plans":
                plan = plans.plan_create(
                    actor=buyer, partnership=pid, title=f"P{i}", goal_ids=[world.goal_shared.pk]
                )
                plans.item_add(
                    actor=buyer, plan=plan, title="Item", promised_on=soon(), owner_person_id=buyer.pk
                )
            elif name == "meetings":
                meetings.meeting_schedule(
                    actor=buyer,
                    partnership=pid,
                    title=f"M{i}",
                    starts_at=timezone.now() + datetime.timedelta(days=i % 5 - 2),
                    attendee_ids=[world.user("buyer_viewer").pk],
                )
            elif name == "decisions":
                meetings.decision_add(
                    actor=buyer,
                    meeting=world.meeting,
                    text=f"T{i}",
                    rationale="R",
                    goal_id=world.goal_shared.pk,
                )
            elif name == "agreements":
                made = agreements.agreement_create(actor=buyer, partnership=pid, title=f"A{i}")
                agreements.clause_add(actor=buyer, agreement=made, heading="H1")
                agreements.clause_add(actor=buyer, agreement=made, heading="H2")
            elif name == "goals":
                goal = goals.goal_create(
                    actor=supplier, partnership=pid, title=f"G{i}", start_date=datetime.date(2026, 1, 1)
                )
                goals.measurement_add(
                    actor=supplier, goal=goal, measured_on=datetime.date(2026, 1, 31), value=i
                )
            elif name == "notifications":
                Notification.unscoped.create(
                    user=buyer, partnership=pid, kind="demand_raised", key=f"k{i}", text=f"N{i}", url="/"
                )

    return grow


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", sorted(LISTS))
def test_query_count_is_the_same_for_3_and_30_records(
    world: World, client_for: Any, name: str, fmt: str
) -> None:
    client = client_for("buyer_lead")
    grow = _grower(name, world)
    grow(3)
    few = count_queries(lambda: client.get(_page(name, world, fmt)))
    grow(27)
    many = count_queries(lambda: client.get(_page(name, world, fmt)))
    assert many == few, f"{name}: {few} -> {many} queries (a query per row)"
    assert len(csv_rows(client.get(_page(name, world)))) > 30
