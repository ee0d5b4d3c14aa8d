"""Lists out to spreadsheets: rows and columns to CSV or XLSX, bounded, read in chunks, safe to open.

A list's export is its columns (`Column`: a readable header and how to read the cell from one
record) over the same filtered queryset as its page. `download` answers it as a file:

- **Bounded**: at most `MAX_ROWS` rows. A longer list is cut there, and says so twice: the file is
  named `…-first-100000-rows-<date>.csv` and the answer carries `X-Export-Truncated: <rows in the
  list>` (the rows themselves stay a clean table, so a spreadsheet or the csv module reads them).
- **Read in chunks**: the ordered primary keys are read once (`values_list`, no objects), then the
  records `CHUNK` at a time with their select_related and prefetches, so memory holds one chunk of
  objects and the number of queries grows with the chunks, never with the rows. The CSV is
  written line by line (`csv_lines`, ready for a StreamingHttpResponse) and the XLSX in openpyxl's
  write-only mode; the answer itself is an ordinary response of at most MAX_ROWS rows, so every
  middleware and test reads it like any other.
- **Never a formula**: text that a spreadsheet would run (starting with = + - @, a tab or a CR:
  CSV injection) is prefixed with an apostrophe in both formats, and XLSX text cells are always
  typed as text. Numbers, dates and yes/no stay what they are.
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from itertools import batched
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Schema

from concord.core.errors import NotFound

MAX_ROWS = 100_000
CHUNK = 500  # records read per query (well under SQLite's limit on query parameters)
CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": CSV, "xlsx": XLSX}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TRUNCATED = "X-Export-Truncated"


class FormatParams(Schema):
    """The API's choice of file; the list's own filters come beside it."""

    format: Literal["csv", "xlsx"] = Field("csv", description="csv (UTF-8) or xlsx (one worksheet).")


@dataclass(frozen=True)
class Column:
    header: str
    cell: Callable[[Any], Any]


def neutral(value: str) -> str:
    """Text a spreadsheet would read as a formula, made plain text with a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_START) else value


def plain(value: Any) -> Any:
    """A cell as people read it: None empty, yes/no, an enum by its label, moments in UTC to the
    second, text never a formula; numbers and dates stay what they are (csv_cell writes them)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        value = getattr(value, "label", value.value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        return value.replace(microsecond=0)
    if isinstance(value, datetime.date | int | float | Decimal):
        return value
    return neutral(str(value))


def csv_cell(value: Any) -> Any:
    """One cell of a CSV: dates in ISO form, numbers as written (no exponent, no trailing zeros)."""
    value = plain(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@dataclass
class Table:
    """What a download holds: the header, the rows (read lazily, once) and how many rows the list
    had when it was cut at MAX_ROWS (None: not cut)."""

    header: list[str]
    rows: Iterator[list[Any]]
    cut_from: int | None = None


def records(items: Any, cap: int | None = None, chunk: int = CHUNK) -> tuple[Iterator[Any], int | None]:
    """The records of a list in its order, at most `cap` (MAX_ROWS), read `chunk` at a time; and the
    length of the list when it was longer than `cap` (else None). A list computed in memory is sliced."""
    cap = cap or MAX_ROWS
    if not isinstance(items, QuerySet):
        found = list(items)
        return iter(found[:cap]), (len(found) if len(found) > cap else None)
    keys = list(items.select_related(None).prefetch_related(None).values_list("pk", flat=True)[: cap + 1])
    cut_from = None
    if len(keys) > cap:
        cut_from = items.count()
        keys = keys[:cap]
    return _chunked(items, keys, chunk), cut_from


def _chunked(items: QuerySet[Any], keys: list[Any], chunk: int) -> Iterator[Any]:
    for part in batched(keys, chunk):
        found = {obj.pk: obj for obj in items.filter(pk__in=part)}
        for key in part:
            if key in found:  # gone since the keys were read
                yield found[key]


def table(columns: Sequence[Column], items: Any) -> Table:
    found, cut_from = records(items)
    rows = ([c.cell(obj) for c in columns] for obj in found)
    return Table([c.header for c in columns], rows, cut_from)


def flat(columns: Sequence[Column], items: Any, expand: Callable[[Any], Iterable[Any]]) -> Table:
    """A table of one row per part of each record (an agreement's clauses): `expand` gives the parts
    of a record (a record without parts still gives one row, its parts' cells empty); the columns
    read (record, part) pairs. The cap counts records, not rows."""
    found, cut_from = records(items)

    def rows() -> Iterator[list[Any]]:
        for obj in found:
            for part in list(expand(obj)) or [None]:
                yield [c.cell((obj, part)) for c in columns]

    return Table([c.header for c in columns], rows(), cut_from)


class _Line:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text


def csv_lines(header: list[str], rows: Iterable[list[Any]]) -> Iterator[bytes]:
    """The CSV as UTF-8 pieces of about 32 KB, written as the rows come (never all held here)."""
    line = _Line()
    writer = csv.writer(line)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
        if len(line.text) >= 1 << 15:
            yield line.text.encode("utf-8")
            line.text = ""
    yield line.text.encode("utf-8")


def to_csv(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    return b"".join(csv_lines(header, rows))


def to_xlsx(header: list[str], rows: Iterable[list[Any]], title: str = "Export") -> bytes:
    """One worksheet in openpyxl's write-only mode (rows go to a temporary file as they come)."""
    # openpyxl is imported where a spreadsheet is made: it slows every process start.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        cells: list[Any] = []
        for value in row:
            value = plain(value)
            if isinstance(value, Decimal):
                value = float(value)  # a number the sheet can sum and chart
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # text, never a formula
                value = cell
            cells.append(value)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check_format(fmt: str) -> str:
    """The content type of `fmt`; any other format is a 404, before any work."""
    if fmt not in FORMATS:
        raise NotFound()
    return FORMATS[fmt]


def download(fmt: str, name: str, found: Table, title: str = "Export") -> HttpResponse:
    """The table as an attachment `name[-first-N-rows]-<date>.<fmt>`."""
    kind = check_format(fmt)
    stamp = timezone.localdate().isoformat()
    cut = f"-first-{MAX_ROWS}-rows" if found.cut_from is not None else ""
    filename = f"{name}{cut}-{stamp}.{fmt}"
    body = to_csv(found.header, found.rows) if fmt == "csv" else to_xlsx(found.header, found.rows, title)
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    if found.cut_from is not None:
        response[TRUNCATED] = str(found.cut_from)
    return response


def person(user: Any) -> str:
    """A person's name as the pages show it (empty when nobody)."""
    return "" if user is None else str(user.get_full_name())


def label(record: Any, field: str) -> str:
    """The label of a choice field (`get_<field>_display`), not its code."""
    return str(getattr(record, f"get_{field}_display")())
