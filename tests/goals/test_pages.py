"""Goals through HTTP: the tab and goal page, measurements and corrections, spreadsheet import
(preview with line/column errors, all or nothing) and round-trip export parsed back, overdue flags,
chart files, privacy of internal goals, and query counts that do not grow with the data."""

import csv
import datetime
import io
import re
import struct
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from concord.goals import services
from concord.goals.models import Measurement
from concord.goals.progress import overdue_measurement
from tests.guards import assert_flat_queries
from tests.world import World

D = datetime.date


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("values.csv", text.encode("utf-8"), content_type="text/csv")


def _xlsx(rows: list[list[Any]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("values.xlsx", out.getvalue())


def test_goal_page_shows_status_measurements_and_the_chart_spec(world: World, client_for: Any) -> None:
    client = client_for("buyer_viewer")
    page = client.get(f"/goals/{world.goal_shared.pk}/").content.decode()
    assert 'id="goal-status">on track' in page
    assert "93 %" in page and "Sol Supplier" in page
    assert 'id="goal-chart-spec" type="application/json"' in page and "vega-embed.min.js" in page
    listing = client.get(f"/partnerships/{world.partnership.pk}/goals/").content.decode()
    assert (
        "On-time delivery" in listing and "Dual-source the film" in listing
    )  # the buyer's own internal goal


def test_import_preview_lists_every_problem_and_writes_nothing(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")
    url = f"/partnerships/{world.partnership.pk}/goals/import/"
    body = (
        "goal_id,date,value,note\n"
        f"{world.goal_shared.pk},2026-02-28,94,ok\n"
        f"{world.goal_shared.pk},28/03/2026,95,\n"
        f"{world.goal_shared.pk},2026-04-30,lots,\n"
        f"{world.goal_internal.pk},2026-04-30,1,\n"
        f"{world.goal_shared.pk},2026-02-28,96,\n"
        f"{world.goal_shared.pk},2099-01-31,96,\n"
    )
    page = client.post(url, {"file": _csv(body), "action": "commit"}).content.decode()
    assert "Nothing was imported" in page
    for line, column, message in [
        (3, "date", "YYYY-MM-DD"),
        (4, "value", "Enter a number"),
        (5, "goal_id", f"No goal {world.goal_internal.pk} in this partnership"),  # internal: as if absent
        (6, "date", "Line 2 already gives a value"),
        (7, "date", "cannot be dated in the future"),
    ]:
        assert re.search(f"<td>{line}</td><td>{column}</td><td>[^<]*{message}", page), (line, column)
    assert Measurement.unscoped.filter(goal=world.goal_shared).count() == 1


def test_import_previews_then_commits_exactly_what_was_shown(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")  # either side measures a shared goal
    url = f"/partnerships/{world.partnership.pk}/goals/import/"
    rows = [
        ["goal", "date", "value", "note"],
        ["On-time delivery", datetime.datetime(2026, 2, 28), 94.5, "from ERP"],
        ["on-time delivery", "2026-03-31", "95,5", ""],  # titles match without case; decimal comma
        ["Dual-source the film", "2026-03-31", 6, ""],
    ]
    preview = client.post(url, {"file": _xlsx(rows), "action": "preview"}).content.decode()
    assert "Preview: 3 rows" in preview and Measurement.unscoped.count() == 2
    staged = preview.split('name="staged" hidden aria-hidden="true">')[1].split("</textarea>")[0]
    done = client.post(url, {"staged": staged.replace("&#x27;", "'"), "action": "commit"})
    assert done.status_code == 302
    values = dict(Measurement.unscoped.filter(goal=world.goal_shared).values_list("measured_on", "value"))
    assert values[D(2026, 2, 28)] == 94.5 and values[D(2026, 3, 31)] == 95.5
    assert Measurement.unscoped.get(
        goal=world.goal_internal, measured_on=D(2026, 3, 31)
    ).entered_by == world.user("buyer_lead")


def test_export_round_trips_unchanged_and_corrections_are_explicit(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")
    services.measurement_add(
        actor=world.user("supplier_lead"),
        goal=world.goal_shared,
        measured_on=D(2026, 2, 28),
        value="94.25",
        note='=HYPERLINK("http://evil")',
    )
    exported = client.get(f"/partnerships/{world.partnership.pk}/goals/export.xlsx")
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(exported.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("goal_id", "goal", "date", "value")
    assert len(rows) == 3  # the buyer's internal goal is not the supplier's to see
    formula_cell = sheet.cell(row=3, column=6)
    # Text, and neutralised as in the CSV (the import strips the apostrophe again).
    assert formula_cell.data_type == "s" and formula_cell.value == '\'=HYPERLINK("http://evil")'
    url = f"/api/v1/partnerships/{world.partnership.pk}/measurements/import"
    again = client.post(
        url, {"file": SimpleUploadedFile("x.xlsx", exported.content), "dry_run": "false"}
    ).json()
    assert again["ok"] and (again["added"], again["corrected"], again["unchanged"]) == (0, 0, 2)
    csv_export = client.get(f"/partnerships/{world.partnership.pk}/goals/export.csv").content.decode()
    parsed = list(csv.reader(io.StringIO(csv_export)))
    assert parsed[2][3] == "94.25" and parsed[2][5].startswith("'=")  # no formula runs in a spreadsheet
    changed = csv_export.replace(",94.25,", ",94.5,")
    refused = client.post(url, {"file": _csv(changed), "dry_run": "false"})
    assert refused.status_code == 422
    assert any("Already recorded as 94.25" in e["message"] for e in refused.json()["errors"])
    fixed = client.post(url, {"file": _csv(changed), "dry_run": "false", "correct_existing": "true"}).json()
    assert fixed["corrected"] == 1
    corrected = Measurement.unscoped.get(goal=world.goal_shared, measured_on=D(2026, 2, 28))
    history = client.get(f"/api/v1/measurements/{corrected.pk}/history").json()
    assert [Decimal(v) for v in history["results"][0]["changes"]["value"]] == [
        Decimal("94.25"),
        Decimal("94.5"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("values.pdf", b"%PDF", "Upload a .csv or .xlsx file."),
        ("values.csv", b"goal_id;wert\n", "The first row must name the columns"),
        ("values.csv", b"\xff\xfe\x00b", "not UTF-8"),
        ("values.xlsx", b"PK\x03\x04broken", "not a workbook (.xlsx)"),
        ("values.csv", b"goal_id,date,value\n", "no rows"),
    ],
)
def test_bad_files_get_a_field_error(
    world: World, client_for: Any, name: str, content: bytes, message: str
) -> None:
    client = client_for("supplier_lead")
    url = f"/api/v1/partnerships/{world.partnership.pk}/measurements/import"
    response = client.post(url, {"file": SimpleUploadedFile(name, content), "dry_run": "false"})
    assert response.status_code == 422
    assert (
        response.json()["errors"][0]["field"] == "file" and message in response.json()["errors"][0]["message"]
    )


def test_overdue_follows_the_frequency_and_its_grace() -> None:
    start = D(2026, 1, 1)
    late = overdue_measurement(frequency="monthly", start=start, latest=D(2026, 9, 30), today=D(2026, 11, 23))
    assert late is not None and late.period_label == "Oct 2026" and late.due_by == D(2026, 11, 7)
    assert (
        overdue_measurement(frequency="monthly", start=start, latest=D(2026, 9, 30), today=D(2026, 11, 7))
        is None
    )
    assert (
        overdue_measurement(frequency="quarterly", start=start, latest=D(2026, 9, 30), today=D(2026, 11, 23))
        is None
    )
    weekly = overdue_measurement(frequency="weekly", start=start, latest=None, today=D(2026, 11, 23))
    assert weekly is not None and weekly.period_label == "2026-W46"
    assert (
        overdue_measurement(frequency="yearly", start=D(2026, 6, 1), latest=None, today=D(2026, 11, 23))
        is None
    )
    assert (
        overdue_measurement(frequency="monthly", start=start, latest=None, today=D(2026, 11, 23), closed=True)
        is None
    )


def test_chart_files_are_real_images(world: World, client_for: Any) -> None:
    client = client_for("supplier_member")
    svg = client.get(f"/goals/{world.goal_shared.pk}/chart.svg")
    assert (
        svg["Content-Type"] == "image/svg+xml"
        and b"<svg" in svg.content
        and b"On-time delivery" in svg.content
    )
    png = client.get(f"/scorecards/{world.scorecard.pk}/chart.png").content
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 600 and height > 200
    assert client.get(f"/goals/{world.goal_shared.pk}/chart.gif").status_code == 404


def test_scorecard_pages_explain_scores_and_backtest_without_saving(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    page = client.get(f"/scorecards/{world.scorecard.pk}/").content.decode()
    kpi = world.goal_shared.title  # the KPI is named by its goal, not by its variable (otd)
    assert "How the overall score is made" in page and f"{kpi}: 93" in page
    assert f"“{kpi}” at 85 scores 0 points and at 99 scores 100" in page
    form = {
        "name": "Supplier performance",
        "visibility": "shared",
        "period": "month",
        "recency_periods": "12",
        "recency": "linear",
        "standings": "Weak: 0 to 50\nStrong: 50 to 100",
        "version": "1",
        "kpi-TOTAL_FORMS": "1",
        "kpi-INITIAL_FORMS": "1",
        "kpi-0-name": "otd",
        "kpi-0-goal_id": str(world.goal_shared.pk),
        "criterion-TOTAL_FORMS": "1",
        "criterion-INITIAL_FORMS": "1",
        "criterion-0-name": "Delivery",
        "criterion-0-weight": "100",
        "criterion-0-rule": "bands",
        "criterion-0-kpi": "otd",
        "criterion-0-bands": "below 90: 0\n90: 60\n95: 100",
    }
    preview = client.post(
        f"/scorecards/{world.scorecard.pk}/edit/", form | {"action": "preview"}
    ).content.decode()
    assert "Back-test: saved vs. proposed" in preview and "Strong" in preview
    world.scorecard.refresh_from_db()
    assert world.scorecard.version == 1
    bad = client.post(
        f"/scorecards/{world.scorecard.pk}/edit/", form | {"criterion-0-weight": "90", "action": "save"}
    )
    assert "The weights total 90; they must total 100." in bad.content.decode()
    gap = client.post(
        f"/scorecards/{world.scorecard.pk}/edit/", form | {"standings": "Weak: 0 to 40\nStrong: 50 to 100"}
    )
    assert "Gap: no band covers 40 to 50." in gap.content.decode()
    saved = client.post(f"/scorecards/{world.scorecard.pk}/edit/", form | {"action": "save"})
    assert saved.status_code == 302
    world.scorecard.refresh_from_db()
    assert world.scorecard.definition["criteria"][0]["bands"][1] == {"min": 90.0, "max": 95.0, "points": 60.0}
    stale = client.post(f"/scorecards/{world.scorecard.pk}/edit/", form | {"action": "save"})
    assert stale.status_code == 409


def test_supplier_never_sees_internal_goals_anywhere(world: World, client_for: Any) -> None:
    client = client_for("supplier_member")
    secret = "Dual-source the film"
    pid = world.partnership.pk
    for url in (
        f"/partnerships/{pid}/goals/",
        f"/partnerships/{pid}/goals/export.csv",
        f"/partnerships/{pid}/scorecards/",
        f"/partnerships/{pid}/scorecards/new/",
        f"/api/v1/partnerships/{pid}/goals",
        f"/api/v1/partnerships/{pid}/measurements/export?format=csv",
        f"/api/v1/partnerships/{pid}/scorecards",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert secret not in response.content.decode(), url
    assert client.get(f"/goals/{world.goal_internal.pk}/").status_code == 404


def _grow_goals(world: World) -> Any:
    counter = iter(range(1000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            goal = services.goal_create(
                actor=world.user("supplier_lead"),
                partnership=world.partnership,
                title=f"KPI {i}",
                target="10",
                baseline="0",
                start_date=D(2026, 1, 1),
                due_date=D(2027, 1, 1),
            )
            services.measurement_add(
                actor=world.user("supplier_lead"), goal=goal, measured_on=D(2026, 1, 31), value=i
            )

    return grow


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/partnerships/{pid}/goals/", 20),
        ("/api/v1/partnerships/{pid}/goals", 12),
        ("/partnerships/{pid}/scorecards/", 20),
    ],
)
def test_goal_reads_do_not_grow_with_goals(world: World, client_for: Any, url: str, budget: int) -> None:
    client = client_for("supplier_lead")
    target = url.format(pid=world.partnership.pk)
    assert_flat_queries(lambda: client.get(target), _grow_goals(world), budget=budget)


def test_chart_specs_are_valid_vega_lite(world: World, client_for: Any) -> None:
    """Charts skip Altair's validation at run time for speed; here every kind is checked."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import load_schema

    client = client_for("buyer_lead")
    for url in (
        f"/api/v1/goals/{world.goal_shared.pk}/chart",
        f"/api/v1/scorecards/{world.scorecard.pk}/chart",
    ):
        spec = client.get(url).json()
        validate_jsonschema(spec, load_schema())


def test_chart_pdf_is_a_real_pdf_with_the_title(world: World, client_for: Any) -> None:
    import pypdf

    response = client_for("supplier_lead").get(f"/scorecards/{world.scorecard.pk}/chart.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Supplier performance" in text


def test_goal_pages_post_the_api_names_and_show_the_models_messages(world: World, client_for: Any) -> None:
    from concord.goals.models import Goal
    from concord.vision.services import document

    lead = world.user("supplier_lead")
    objective = document.objective_add(actor=lead, partnership=world.partnership, base=1, title="Supply")
    client = client_for("supplier_lead")
    url = f"/partnerships/{world.partnership.pk}/goals/"
    listing = client.get(url).content.decode()
    assert 'name="owner_person_id"' in listing and 'name="objective_ids"' in listing
    assert f'<option value="{lead.pk}" selected>Sol Supplier' in listing  # you, unless you choose
    form = {
        "title": "Batch cost",
        "baseline": "12,390",
        "target": "11 400",
        "direction": "lower",
        "frequency": "monthly",
        "visibility": "shared",
        "owner_person_id": str(world.user("supplier_member").pk),
        "objective_ids": [str(objective.pk)],
    }
    created = client.post(url, form)
    assert created.status_code == 302
    goal = Goal.unscoped.get(title="Batch cost")
    assert (goal.baseline, goal.target) == (Decimal(12390), Decimal(11400))
    assert goal.owner_person == world.user("supplier_member") and list(goal.objectives.all()) == [objective]
    edit = f"/goals/{goal.pk}/edit/"
    late = form | {"version": "1", "start_date": "2026-06-01", "due_date": "2026-01-31"}
    page = client.post(edit, late).content.decode()
    assert "The due date must be after the start date." in page
    wrong = client.post(url, form | {"title": "Other", "baseline": "lots", "owner_person_id": "999999"})
    assert "Enter a number" in wrong.content.decode()
    assert "Choose a person of the organisation that owns the goal." in wrong.content.decode()


def test_the_scorecard_opens_on_its_latest_scored_period(world: World, client_for: Any) -> None:
    page = client_for("buyer_lead").get(f"/scorecards/{world.scorecard.pk}/").content.decode()
    opened = page.split("<details open>", 1)[1].split("</summary>", 1)[0]
    assert "no data" not in opened and "·" in opened  # a score and its standing
