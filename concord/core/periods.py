"""True calendar periods: ISO weeks (Monday first), months, quarters and years.

One place for the period arithmetic that measurement schedules and scorecards share, and the
matching database truncation so that grouping happens in one aggregate query.
"""

import datetime
from enum import StrEnum

from django.db.models import Func
from django.db.models.functions import TruncMonth, TruncQuarter, TruncWeek, TruncYear


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


# The measurement frequencies of goals map onto the period kinds.
FREQUENCY_PERIOD = {
    "weekly": PeriodKind.WEEK,
    "monthly": PeriodKind.MONTH,
    "quarterly": PeriodKind.QUARTER,
    "yearly": PeriodKind.YEAR,
}

_TRUNC: dict[PeriodKind, type[Func]] = {
    PeriodKind.WEEK: TruncWeek,
    PeriodKind.MONTH: TruncMonth,
    PeriodKind.QUARTER: TruncQuarter,
    PeriodKind.YEAR: TruncYear,
}


def trunc(kind: PeriodKind, field: str) -> Func:
    """The database expression giving the start date of `field`'s period."""
    return _TRUNC[kind](field)


def start_of(kind: PeriodKind, day: datetime.date) -> datetime.date:
    if kind == PeriodKind.WEEK:
        return day - datetime.timedelta(days=day.weekday())
    if kind == PeriodKind.MONTH:
        return day.replace(day=1)
    if kind == PeriodKind.QUARTER:
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return datetime.date(day.year, 1, 1)


def shift(kind: PeriodKind, start: datetime.date, count: int) -> datetime.date:
    """The start of the period `count` periods after (or before, when negative) `start`'s."""
    start = start_of(kind, start)
    if kind == PeriodKind.WEEK:
        return start + datetime.timedelta(weeks=count)
    months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[kind] * count
    index = start.year * 12 + start.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def end_of(kind: PeriodKind, start: datetime.date) -> datetime.date:
    """The last day of the period starting at (or containing) `start`."""
    return shift(kind, start, 1) - datetime.timedelta(days=1)


def label(kind: PeriodKind, start: datetime.date) -> str:
    if kind == PeriodKind.WEEK:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if kind == PeriodKind.MONTH:
        return f"{start:%b %Y}"
    if kind == PeriodKind.QUARTER:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


def last_periods(kind: PeriodKind, until: datetime.date, count: int) -> list[datetime.date]:
    """Starts of the `count` periods ending with the one containing `until`, oldest first."""
    last = start_of(kind, until)
    return [shift(kind, last, -n) for n in range(count - 1, -1, -1)]
