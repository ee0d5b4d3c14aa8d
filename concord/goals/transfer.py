"""Measurements in and out of spreadsheets: CSV and XLSX with the same columns both ways.

Columns: goal_id, goal, date, value, unit, note, entered_by, entered_at. On import `goal_id` (or,
without it, the goal's exact title) names the goal and `date` and `value` are required; the other
columns are read back from an export and ignored, so an export re-imports unchanged.

Reading never writes: it turns a file into rows and problems (line, column, message); the services
decide what the rows mean (numbers are read by goals.numbers, as on the pages) and commit them all
or none.
"""

import codecs
import csv
import datetime
import hashlib
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from concord.core import exports, uploads
from concord.core.errors import ValidationFailed
from concord.core.exports import FORMULA_START, csv_cell  # noqa: F401 (csv_cell: the import's staging)

COLUMNS = ["goal_id", "goal", "date", "value", "unit", "note", "entered_by", "entered_at"]
KINDS = {".csv": uploads.TEXT, ".txt": uploads.TEXT, ".xlsx": uploads.XLSX}
CHUNK = 1 << 16
# The bytes of a control character in UTF-8 text (multi-byte characters never contain them).
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class RawRow:
    line: int  # the spreadsheet's own line number (the header is line 1)
    cells: dict[str, Any]


class Sheet:
    """The rows of a file, read one at a time as they are iterated (never all held), and what
    the audit trail says about the file: its name and, once every row is read, its SHA-256."""

    def __init__(self, name: str, rows: Iterator[RawRow], digest: Any) -> None:
        self.name = name
        self._rows = rows
        self._digest = digest

    def __iter__(self) -> Iterator[RawRow]:
        return self._rows

    @property
    def sha256(self) -> str:
        return str(self._digest.hexdigest())


def _fail(message: str) -> ValidationFailed:
    return ValidationFailed({"file": [message]})


def read(name: str, content: bytes) -> Sheet:
    """Rows of a .csv or .xlsx upload, keyed by lower-cased header; whole-file problems raise.
    Size, name and content are checked first (concord.core.uploads): a .csv must be UTF-8 text,
    a .xlsx a workbook, whatever the name claims. The upload is bounded by its size limit; the
    rows are still produced one at a time, as from a file (`open_file`)."""
    try:
        upload = uploads.check(name, content, KINDS, "a .csv or .xlsx file")
    except uploads.UploadRefused as exc:
        raise _fail(str(exc)) from None
    digest = hashlib.sha256(content)
    if upload.kind == uploads.XLSX:
        return Sheet(upload.name, _keyed(_xlsx_rows(io.BytesIO(content))), digest)
    text = io.StringIO(upload.text, newline="")
    return Sheet(upload.name, _keyed(_csv_rows(text)), digest)


def open_file(path: Path) -> Sheet:
    """The rows of a .csv or .xlsx file of any size (an operator's import, beyond the upload
    limit), read lazily: CSV through a decoder that checks each chunk as it passes (UTF-8, no
    control characters), a workbook through openpyxl's read-only mode."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise _fail("Give a .csv or .xlsx file.")
    digest = hashlib.sha256()
    if kind == uploads.XLSX:
        with path.open("rb") as raw:
            while chunk := raw.read(CHUNK):
                digest.update(chunk)
        return Sheet(path.name, _keyed(_xlsx_rows(path)), digest)
    return Sheet(path.name, _keyed(_csv_rows(_text_of(path, digest))), digest)


def _text_of(path: Path, digest: Any) -> Iterator[str]:
    """The file's lines, decoded as they are read; the digest sees every byte."""
    with path.open("rb") as raw:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        pending, line = "", 1
        while True:
            chunk = raw.read(CHUNK)
            digest.update(chunk)
            control = CONTROL.search(chunk)
            if control:
                where = line + chunk.count(b"\n", 0, control.start())
                raise _fail(
                    f"{path.name} contains a control character on line {where}, so it is not a text file."
                )
            try:
                text = pending + decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                raise _fail(f"{path.name} is not UTF-8 text; save it as UTF-8.") from None
            line += chunk.count(b"\n")
            if not chunk:
                if text:
                    yield text
                return
            *whole, pending = text.split("\n")
            for each in whole:
                yield each + "\n"


def _csv_rows(lines: Iterable[str]) -> Iterator[list[Any]]:
    lines = iter(lines)
    first = next(lines, "")
    # Spreadsheets in much of Europe write ';' between cells (the comma is their decimal mark).
    delimiter = max(",;\t", key=first.split("\n", 1)[0].count)
    return csv.reader(itertools.chain([first], lines), delimiter=delimiter)


def _xlsx_rows(source: Any) -> Iterator[list[Any]]:
    # openpyxl is imported where a spreadsheet is read or written: it slows every process start.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _fail("The file is not a readable .xlsx workbook.") from exc
    try:
        for values in book.worksheets[0].iter_rows(values_only=True):
            yield list(values)
    finally:
        book.close()


def _keyed(table: Iterator[list[Any]]) -> Iterator[RawRow]:
    """Rows as cells keyed by the header; the header is checked before the first row is given,
    an empty file when the last is read."""
    header = [str(h or "").strip().lower() for h in next(table, None) or []]
    if not header:
        raise _fail("The file is empty.")
    missing = [c for c in ("date", "value") if c not in header]
    if missing or ("goal_id" not in header and "goal" not in header):
        raise _fail(
            "The first row must name the columns: date, value and goal_id (or goal); "
            f"found {', '.join(h for h in header if h) or 'nothing'}."
        )
    return _cells(header, table)


def _cells(header: list[str], table: Iterator[list[Any]]) -> Iterator[RawRow]:
    named = [(i, h) for i, h in enumerate(header) if h]
    width, given = len(header), 0
    for line, values in enumerate(table, start=2):
        if len(values) < width:
            values = [*values, *[None] * (width - len(values))]
        cells = {h: values[i] for i, h in named}
        if all(v is None or str(v).strip() == "" for v in cells.values()):
            continue  # blank lines are not rows
        given += 1
        yield RawRow(line, cells)
    if not given:
        raise _fail("The file has a header but no rows.")


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


def unescape(value: Any) -> Any:
    """A cell of an export read back: the apostrophe that kept text from being a formula goes."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def to_csv(rows: Iterable[Any]) -> bytes:
    return exports.to_csv(COLUMNS, _export_rows(rows))


def to_xlsx(rows: Iterable[Any]) -> bytes:
    return exports.to_xlsx(COLUMNS, _export_rows(rows), "Measurements")


def export_table(rows: Any) -> exports.Table:
    """Measurements for a download (core.exports): the import's columns, read in chunks, capped."""
    found, cut_from = exports.records(rows)
    return exports.Table(COLUMNS, iter(_export_rows(found)), cut_from)
