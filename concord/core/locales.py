"""A person's time zone and number format (issue 13: people's time, language and numbers).

Concord's words are English; what changes per person is the clock and how numbers are written.
The middleware (accounts.middleware.PersonalFormatsMiddleware) activates the person's time zone —
pages show times in it and read the times typed into forms in it — and their number format here,
for the pages only: the API speaks ISO times and JSON numbers whoever calls it.

Number formats are named by a locale: the marks it uses for decimals and thousands. Dates are
written with the month's name ("24 Nov 2026"), which reads the same in every one of them, so only
numbers and times change.
"""

import contextvars
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.core.exceptions import ValidationError
from django.db import models


class Locale(models.TextChoices):
    EN_GB = "en-gb", "English (UK): 1,234.5"
    EN_US = "en-us", "English (US): 1,234.5"
    DE = "de", "Deutsch: 1.234,5"
    NL = "nl", "Nederlands: 1.234,5"
    FR = "fr", "Français: 1 234,5"


@dataclass(frozen=True)
class Marks:
    decimal: str
    group: str  # written between groups of thousands; a space is always read as one too


MARKS = {
    Locale.EN_GB: Marks(".", ","),
    Locale.EN_US: Marks(".", ","),
    Locale.DE: Marks(",", "."),
    Locale.NL: Marks(",", "."),
    Locale.FR: Marks(",", "\u202f"),  # a narrow no-break space, as French typography writes it
}
DEFAULT_LOCALE = Locale.EN_GB

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("concord_locale", default=None)


def activate(locale: str | None) -> contextvars.Token[str | None]:
    return _current.set(locale)


def deactivate(token: contextvars.Token[str | None]) -> None:
    _current.reset(token)


def current() -> str | None:
    """The number format of the person a page is for; None outside a page (API, jobs, imports)."""
    return _current.get()


def marks(locale: str | None = None) -> Marks:
    return MARKS.get(Locale(locale or current() or DEFAULT_LOCALE), MARKS[DEFAULT_LOCALE])


def format_number(value: Decimal | float | int, places: int = 2) -> str:
    """A number as the reader writes it: at most `places` decimals, no trailing zeros, thousands
    grouped (12,390; 96.9 — or 12.390; 96,9 in a German format). What a page shows and what an
    edit form is filled with, so that sending it back unchanged reads as the same number."""
    rounded = round(Decimal(str(value)), places)
    text = f"{rounded:,.{places}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    found = marks()
    return text.translate({ord(","): found.group, ord("."): found.decimal})


@cache
def zones() -> list[str]:
    """Every IANA time zone name, sorted (the choices of a time zone field)."""
    return sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})


def validate_zone(name: str) -> None:
    if name and name not in set(zones()):
        raise ValidationError("Choose a time zone from the list, such as Europe/Berlin.", code="zone")
