"""The home page's building blocks: a section, its lines, and the one bounded query that reads a
section's first rows with its total (overview.attention composes them)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Min, QuerySet
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
    capped: bool = False  # `total` is a floor: there are at least that many (COUNT_CAP)

    @property
    def more(self) -> int:
        return self.total - len(self.lines)

    @classmethod
    def of(
        cls, key: str, title: str, lines: list[Line], found: "Rows", more_url: str | None = None
    ) -> "Section":
        """A section of one bounded set: its total as counted, capped or not."""
        return cls(key, title, lines, found.total, more_url, capped=found.capped)


@dataclass
class Rows:
    """One section's first rows, its total (counted up to COUNT_CAP) and its one partnership (None
    when several, or when there are too many to say)."""

    rows: list[Any]
    total: int = 0
    only: int | None = None

    @property
    def capped(self) -> bool:
        return self.total >= COUNT_CAP


# A section counts its items up to here and then says "1000+": an exact count of what a large
# buyer's side owes across 10,000 partnerships reads every such row (26,000 at the generated large
# scale) where the page shows ten.
COUNT_CAP = 1000


def bounded(found: QuerySet[Any], partnership: str = "partnership_id") -> Rows:
    """The first LIMIT rows of `found` (in its order), the size of the whole set up to COUNT_CAP and
    whether it lies in one partnership: two queries, the second only when there is a first row;
    the count stops at the cap. (A window count over the whole set, beside the first rows, joined
    and sorted every row of it.)"""
    rows = list(found[:LIMIT])
    if not rows:
        return Rows([])
    head = found.order_by().values(partnership)[:COUNT_CAP]
    seen = head.aggregate(total=Count("*"), first=Min(partnership), last=Max(partnership))
    total = seen["total"]
    one = seen["first"] if seen["first"] == seen["last"] and total < COUNT_CAP else None
    return Rows(rows, total, one)


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
