"""The streaming measurement import at sizes beyond a page: all rows or none however late the bad
row, a dry run writes nothing, problems are capped and counted, the rows are read one at a time
(never all held), the audit trail verifies and each imported value's history shows its import, and
the operator's command (`concord import-measurements`) runs the same service with the person's
rights. Runs on SQLite (executemany) and PostgreSQL (COPY)."""

import csv
import datetime
import io
import tracemalloc
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from concord.audit import chain, trail
from concord.audit.models import AuditEvent
from concord.audit.selectors import history_for
from concord.core.errors import ValidationFailed
from concord.goals import services, transfer
from concord.goals.models import Measurement
from concord.goals.services import imports
from tests.world import World

FIRST = datetime.date(1960, 1, 1)


def _rows(goal_ids: list[int], count: int, *, bad_at: int | None = None) -> list[list[Any]]:
    """`count` rows spread over the goals, one a day per goal (long before the world's values)."""
    rows = []
    for n in range(count):
        day = FIRST + datetime.timedelta(days=n // len(goal_ids))
        value = "lots" if n == bad_at else f"{n % 997}.5"
        rows.append([goal_ids[n % len(goal_ids)], day.isoformat(), value, ""])
    return rows


def _sheet(rows: list[list[Any]]) -> transfer.Sheet:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["goal_id", "date", "value", "note"])
    writer.writerows(rows)
    return transfer.read("values.csv", out.getvalue().encode())


def _goals(world: World) -> list[int]:
    return [world.goal_shared.pk, world.goal_internal.pk]


def _imported(world: World) -> int:
    return Measurement.unscoped.filter(goal__in=_goals(world), measured_on__lt="2000-01-01").count()


def test_a_bad_last_row_of_twenty_thousand_writes_nothing(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(imports, "BATCH", 1_000)  # many batches are written before the bad row
    lead, events = world.user("buyer_lead"), AuditEvent.unscoped.count()
    rows = _rows(_goals(world), 20_000, bad_at=19_999)
    with pytest.raises(services.ImportRefused) as refused:
        services.measurements_import(actor=lead, partnership=world.partnership, rows=_sheet(rows))
    assert [(p.line, p.column) for p in refused.value.plan.problems] == [(20_001, "value")]
    assert _imported(world) == 0 and AuditEvent.unscoped.count() == events
    done = services.measurements_import(actor=lead, partnership=world.partnership, rows=_sheet(rows[:-1]))
    assert done.count("add") == _imported(world) == 19_999


def test_a_dry_run_counts_and_samples_but_writes_nothing(world: World) -> None:
    lead, events = world.user("buyer_lead"), AuditEvent.unscoped.count()
    plan = services.measurements_plan(
        actor=lead, partnership=world.partnership, rows=_sheet(_rows(_goals(world), 5_000))
    )
    assert plan.count("add") == plan.total == 5_000 and plan.problem_count == 0
    assert len(plan.lines) == imports.SAMPLE and plan.lines[0].line == 2
    assert _imported(world) == 0 and AuditEvent.unscoped.count() == events


def test_problems_are_capped_and_counted(world: World, client_for: Any) -> None:
    rows = [[world.goal_shared.pk, f"day {n}", "1", ""] for n in range(2_500)]
    with pytest.raises(services.ImportRefused) as refused:
        services.measurements_import(
            actor=world.user("supplier_lead"), partnership=world.partnership, rows=_sheet(rows)
        )
    plan = refused.value.plan
    assert plan.problem_count == 2_500 and len(plan.problems) == imports.MAX_PROBLEMS
    assert refused.value.errors["__all__"] == ["2,500 problems in all; the first 100 are listed."]
    out = io.StringIO()
    csv.writer(out).writerows([["goal_id", "date", "value"], *[r[:3] for r in rows]])
    page = (
        client_for("supplier_lead")
        .post(
            f"/partnerships/{world.partnership.pk}/goals/import/",
            {"file": SimpleUploadedFile("values.csv", out.getvalue().encode()), "action": "preview"},
        )
        .content.decode()
    )
    assert "2500 problems in all; the first 100 are listed" in page
    assert page.count("<td>date</td>") == imports.MAX_PROBLEMS


class _Row(transfer.RawRow):
    """A row the test can count while it is alive (a frozen dataclass takes weak references)."""

    __hash__ = object.__hash__  # by identity: a WeakSet holds each row read


def _stream(
    goal_ids: list[int], count: int, alive: "weakref.WeakSet[_Row]", most: list[int]
) -> Iterator[_Row]:
    for n, (goal_id, day, value, note) in enumerate(_rows(goal_ids, count)):
        most[0] = max(most[0], len(alive))
        row = _Row(n + 2, {"goal_id": str(goal_id), "date": day, "value": value, "note": note})
        alive.add(row)
        yield row


def test_the_importer_reads_rows_one_at_a_time(world: World, monkeypatch: Any) -> None:
    """The rows come from an iterator that is never materialised: at most a handful of the rows
    read are alive at any moment, however many are imported."""
    monkeypatch.setattr(imports, "BATCH", 500)
    alive: weakref.WeakSet[_Row] = weakref.WeakSet()
    most = [0]
    rows = _stream(_goals(world), 3_000, alive, most)
    plan = services.measurements_import(
        actor=world.user("buyer_lead"), partnership=world.partnership, rows=rows
    )
    assert plan.count("add") == 3_000 and most[0] <= 2


def _peak(world: World, goal_ids: list[int], path: Path, count: int) -> int:
    rows = transfer.open_file(_file(path, _rows(goal_ids, count)))
    tracemalloc.start()
    try:
        services.measurements_import(actor=world.user("buyer_lead"), partnership=world.partnership, rows=rows)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_file(world: World, monkeypatch: Any, tmp_path: Path) -> None:
    """A file read from disk (the command's way) at two sizes: the peak is a batch's, not the
    file's. (Goals without a target: a goal with one is assessed after the import from all its
    values, as its page does, which grows with the goal, not with the file.)"""
    monkeypatch.setattr(imports, "BATCH", 1_000)
    lead = world.user("buyer_lead")
    goal_ids = [
        services.goal_create(actor=lead, partnership=world.partnership, title=f"KPI {n}").pk for n in range(4)
    ]
    small = _peak(world, goal_ids, tmp_path, 8_000)
    Measurement.unscoped.filter(goal__in=goal_ids).delete()
    large = _peak(world, goal_ids, tmp_path, 80_000)
    # Ten times the rows: a materialised file would need ten times the memory (and then some);
    # the stream holds one batch, plus a mark per goal and day (and garbage awaiting collection).
    assert large < 3 * small, (small, large)


def test_the_trail_verifies_and_each_value_shows_its_import(world: World) -> None:
    lead = world.user("buyer_lead")
    before_id = AuditEvent.unscoped.order_by("-id").values_list("id", flat=True)[0]
    sheet = _sheet(_rows(_goals(world), 1_000))
    services.measurements_import(actor=lead, partnership=world.partnership, rows=sheet)
    summaries = list(AuditEvent.unscoped.filter(pk__gt=before_id, changes__has_key="measurements_imported"))
    assert sorted(e.object_id for e in summaries) == sorted(_goals(world))  # one per goal, not per row
    summary = next(e for e in summaries if e.object_id == world.goal_shared.pk)
    assert summary.changes["measurements_imported"][1] == {
        "count": 500,
        "first": "1960-01-01",
        "last": (FIRST + datetime.timedelta(days=499)).isoformat(),
        "file": "values.csv",
        "sha256": sheet.sha256,
    }
    for key in {e.chain for e in summaries}:
        assert trail.verify(key).intact, key
    assert chain.in_partnership(summary.chain, world.partnership.pk)
    value = Measurement.unscoped.get(goal=world.goal_shared, measured_on=FIRST)
    assert value.entered_by == lead and value.version == 1
    assert list(history_for(actor=world.user("supplier_lead"), instance=value)) == [summary]


def _file(tmp_path: Path, rows: list[list[Any]]) -> Path:
    path = tmp_path / "values.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as out:  # a spreadsheet's BOM too
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["goal_id", "date", "value", "note"])
        writer.writerows(rows)
    return path


def test_the_command_imports_a_file_as_the_person_named(world: World, tmp_path: Path) -> None:
    path = _file(tmp_path, _rows([world.goal_shared.pk], 3_000))
    out = io.StringIO()
    args = [str(path), "--partnership", str(world.partnership.pk), "--as", "lead@supplier.test"]
    call_command("import-measurements", *args, "--dry-run", stdout=out)
    assert "Would import 3000 rows: 3000 new" in out.getvalue() and _imported(world) == 0
    call_command("import-measurements", *args, stdout=out)
    assert "Imported 3000 rows: 3000 new" in out.getvalue() and _imported(world) == 3_000
    call_command("import-measurements", *args, stdout=out)
    assert "Imported 3000 rows: 0 new, 0 corrected, 3000 unchanged" in out.getvalue()
    assert _imported(world) == 3_000  # the same file twice: unchanged, not doubled


def test_the_command_lists_problems_and_writes_nothing(world: World, tmp_path: Path) -> None:
    rows = _rows([world.goal_shared.pk], 500, bad_at=499)
    path = _file(tmp_path, rows)
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import-measurements", str(path), "--partnership", str(world.partnership.pk),
            "--as", "lead@supplier.test", stdout=out,
        )  # fmt: skip
    assert "line 501, value: Enter a number" in out.getvalue() and _imported(world) == 0


@pytest.mark.parametrize("persona", ["viewer@buyer.test", "someone@other.test", "nobody@nowhere.test"])
def test_the_command_refuses_a_person_who_may_not_import(world: World, tmp_path: Path, persona: str) -> None:
    path = _file(tmp_path, _rows([world.goal_shared.pk], 10))
    with pytest.raises(CommandError):
        call_command(
            "import-measurements", str(path), "--partnership", str(world.partnership.pk), "--as", persona
        )
    assert _imported(world) == 0


def test_a_streamed_file_is_checked_as_an_upload_is(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"goal_id,date,value\n1,2020-01-01,1\n1,2020-01-02,\x01\n")
    for content, message in [
        (b"goal_id,date,value\n1,2020-01-01,1\n1,2020-01-02,\x01\n", "control character on line 3"),
        (b"goal_id,date,value\n1,2020-01-01,\xff\n", "not UTF-8"),
        (b"goal_id,wert\n", "first row must name the columns"),
        (b"goal_id,date,value\n", "no rows"),
    ]:
        path.write_bytes(content)
        with pytest.raises(ValidationFailed) as refused:
            list(transfer.open_file(path))
        assert message in refused.value.errors["file"][0]


def test_the_command_reads_a_workbook_row_by_row(world: World, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Measurements")
    sheet.append(["goal_id", "date", "value", "note"])
    for goal_id, day, value, note in _rows([world.goal_shared.pk], 2_000):
        sheet.append([goal_id, datetime.date.fromisoformat(day), float(value), note])
    path = tmp_path / "values.xlsx"
    book.save(path)
    out = io.StringIO()
    call_command(
        "import-measurements", str(path), "--partnership", str(world.partnership.pk),
        "--as", "lead@supplier.test", stdout=out,
    )  # fmt: skip
    assert "Imported 2000 rows: 2000 new" in out.getvalue() and _imported(world) == 2_000
