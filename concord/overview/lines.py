"""The home page's building blocks: a section, its lines, and the one bounded query that reads a
section's first rows with its total (overview.attention composes them)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Min, QuerySet, Window
from django.urls import reverse

LIMIT = 10  # lines per section


@dataclass(frozen=True)
class Line:
    what: str
    partnership_id: int
    partnership: str
    when: str
    url: str
    late: bool = False
    yours: bool = False
    at: datetime.datetime | None = None  # a meeting's start (shown in the reader's time zone)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lines: list[Line]
    total: int
    more_url: str | None = None
    counted: int | None = None  # how many of them the header's badge counts (None: all)

    @property
    def more(self) -> int:
        return self.total - len(self.lines)


@dataclass
class Rows:
    """One section's first rows, its total and its one partnership (None when several)."""

    rows: list[Any]
    total: int = 0
    only: int | None = None


def bounded(found: QuerySet[Any], partnership: str = "partnership_id") -> Rows:
    """The first LIMIT rows of `found` with the size of the whole set and whether it lies in one
    partnership: one query (window aggregates are computed before the LIMIT)."""
    rows = list(
        found.annotate(
            home_total=Window(Count("pk")),
            home_first=Window(Min(partnership)),
            home_last=Window(Max(partnership)),
        )[:LIMIT]
    )
    if not rows:
        return Rows([])
    head = rows[0]
    return Rows(rows, head.home_total, head.home_first if head.home_first == head.home_last else None)


def days_text(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def due_text(day: datetime.date, today: datetime.date, what: str = "due") -> tuple[str, bool]:
    if day < today:
        return f"{what} {day:%d %b}, {days_text((today - day).days)} overdue", True
    if day == today:
        return f"{what} today", False
    return f"{what} in {days_text((day - today).days)} ({day:%d %b})", False


def more_link(name: str, only: int | None, query: str = "") -> str:
    """The filtered list of the one partnership a section's items lie in, else the portfolio
    (which counts them per partnership)."""
    if only is None:
        return reverse("portfolio")
    return reverse(name, args=[only]) + (f"?{query}" if query else "")
