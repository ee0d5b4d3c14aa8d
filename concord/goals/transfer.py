"""Measurements in and out of spreadsheets: CSV and XLSX with the same columns both ways.

Columns: goal_id, goal, date, value, unit, note, entered_by, entered_at. On import `goal_id` (or,
without it, the goal's exact title) names the goal and `date` and `value` are required; the other
columns are read back from an export and ignored, so an export re-imports unchanged.

Reading never writes: it turns a file into rows and problems (line, column, message); the services
decide what the rows mean (numbers are read by goals.numbers, as on the pages) and commit them all
or none.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from concord.core import uploads
from concord.core.errors import ValidationFailed

COLUMNS = ["goal_id", "goal", "date", "value", "unit", "note", "entered_by", "entered_at"]
MAX_ROWS = 10_000
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = {".csv": uploads.TEXT, ".txt": uploads.TEXT, ".xlsx": uploads.XLSX}


@dataclass(frozen=True)
class RawRow:
    line: int  # the spreadsheet's own line number (the header is line 1)
    cells: dict[str, Any]


def _fail(message: str) -> ValidationFailed:
    return ValidationFailed({"file": [message]})


def read(name: str, content: bytes) -> list[RawRow]:
    """Rows of a .csv or .xlsx upload, keyed by lower-cased header; whole-file problems raise.
    Size, name and content are checked first (concord.core.uploads): a .csv must be UTF-8 text,
    a .xlsx a workbook, whatever the name claims."""
    try:
        upload = uploads.check(name, content, KINDS, "a .csv or .xlsx file")
    except uploads.UploadRefused as exc:
        raise _fail(str(exc)) from None
    return _keyed(_xlsx_rows(content) if upload.kind == uploads.XLSX else _csv_rows(upload.text))


def _csv_rows(text: str) -> list[list[Any]]:
    first = text.split("\n", 1)[0]
    # Spreadsheets in much of Europe write ';' between cells (the comma is their decimal mark).
    delimiter = max(",;\t", key=first.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(content: bytes) -> list[list[Any]]:
    # openpyxl is imported where a spreadsheet is read or written: it slows every process start.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _fail("The file is not a readable .xlsx workbook.") from exc
    sheet = book.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(list(values))
        if len(rows) > MAX_ROWS + 1:
            break
    book.close()
    return rows


def _keyed(table: list[list[Any]]) -> list[RawRow]:
    if not table:
        raise _fail("The file is empty.")
    header = [str(h or "").strip().lower() for h in table[0]]
    missing = [c for c in ("date", "value") if c not in header]
    if missing or ("goal_id" not in header and "goal" not in header):
        raise _fail(
            "The first row must name the columns: date, value and goal_id (or goal); "
            f"found {', '.join(h for h in header if h) or 'nothing'}."
        )
    rows = []
    for index, values in enumerate(table[1:], start=2):
        cells = {h: v for h, v in zip(header, values, strict=False) if h}
        if all(v is None or str(v).strip() == "" for v in cells.values()):
            continue  # blank lines are not rows
        rows.append(RawRow(index, cells))
    if len(rows) > MAX_ROWS:
        raise _fail(f"The file has more than {MAX_ROWS:,} rows; split it.")
    if not rows:
        raise _fail("The file has a header but no rows.")
    return rows


def parse_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def _export_rows(rows: Iterable[Any]) -> Iterable[list[Any]]:
    for m in rows:
        yield [
            m.goal_id,
            m.goal.title,
            m.measured_on,
            m.value,
            m.goal.unit,
            m.note,
            m.entered_by.get_full_name() if m.entered_by else "",
            m.created_at.replace(microsecond=0, tzinfo=None),
        ]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    """Plain text in a CSV: numbers without trailing zeros, and text that a spreadsheet would run
    as a formula (CSV injection) prefixed with an apostrophe, which the import strips again."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def unescape(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def to_csv(rows: Iterable[Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in _export_rows(rows):
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8")


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    """Numbers stay numbers (so the sheet can chart and sum them); text is always text, never a
    formula, even when it starts with '='."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def to_xlsx(rows: Iterable[Any]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Measurements")
    sheet.append(COLUMNS)
    for row in _export_rows(rows):
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_staged(lines: Iterable[Any]) -> str:
    """The rows a preview accepted, as CSV text for the page to send back on commit: the commit
    imports exactly what the person saw, without uploading the file again."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["goal_id", "date", "value", "note"])
    for line in lines:
        writer.writerow(
            [line.goal.pk, line.measured_on.isoformat(), _csv_cell(line.value), _csv_cell(line.note)]
        )
    return out.getvalue()
