"""The installed base in and out of spreadsheets: CSV and XLSX with the same columns both ways.

Columns: id, technology, make, model, version, quantity, site, installed_on, status,
end_of_support_on, notes, visibility. On import `technology` is required; `id` and the other
columns an export adds are ignored, so an export re-imports as new rows. Reading never writes: it
turns a file into rows keyed by the header (whole-file problems raise a field error on "file");
services/imports.py decides what the rows mean and commits them all or none.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from concord.core import uploads
from concord.core.errors import ValidationFailed

COLUMNS = [
    "technology",
    "make",
    "model",
    "version",
    "quantity",
    "site",
    "installed_on",
    "status",
    "end_of_support_on",
    "notes",
    "visibility",
]
KINDS = {".csv": uploads.TEXT, ".txt": uploads.TEXT, ".xlsx": uploads.XLSX}


@dataclass(frozen=True)
class RawRow:
    line: int  # the spreadsheet's own line number (the header is line 1)
    cells: dict[str, Any]


def _fail(message: str) -> ValidationFailed:
    return ValidationFailed({"file": [message]})


def read(name: str, content: bytes) -> list[RawRow]:
    """The rows of an upload (bounded by the upload limit, so held whole)."""
    try:
        upload = uploads.check(name, content, KINDS, "a .csv or .xlsx file")
    except uploads.UploadRefused as exc:
        raise _fail(str(exc)) from None
    table = _xlsx(content) if upload.kind == uploads.XLSX else _csv(upload.text or "")
    return _keyed(table)


def _csv(text: str) -> Iterator[list[Any]]:
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # much of Europe writes ';' between cells
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx(content: bytes) -> Iterator[list[Any]]:
    from openpyxl import load_workbook  # imported where used: it slows every process start
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _fail("The file is not a readable .xlsx workbook.") from exc
    try:
        for values in book.worksheets[0].iter_rows(values_only=True):
            yield list(values)
    finally:
        book.close()


def _keyed(table: Iterator[list[Any]]) -> list[RawRow]:
    header = [str(h or "").strip().lower() for h in next(table, None) or []]
    if not header:
        raise _fail("The file is empty.")
    if "technology" not in header:
        raise _fail(
            "The first row must name the columns, at least technology; "
            f"found {', '.join(h for h in header if h) or 'nothing'}."
        )
    rows = []
    for line, values in enumerate(table, start=2):
        values = [*values, *[None] * (len(header) - len(values))]
        cells = {h: values[i] for i, h in enumerate(header) if h}
        if all(v is None or str(v).strip() == "" for v in cells.values()):
            continue  # blank lines are not rows
        rows.append(RawRow(line, cells))
    if not rows:
        raise _fail("The file has a header but no rows.")
    return rows


def text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def date_of(value: Any) -> datetime.date | str | None:
    """A date cell: a date, None when empty, or the text it could not read (for the message)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    written = text(value)
    if not written:
        return None
    try:
        return datetime.date.fromisoformat(written)
    except ValueError:
        return written
