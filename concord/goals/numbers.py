"""Numbers as people write them, read one way for the goal pages, the API and spreadsheet imports.

- "12390", "12,390", "12 390", "1,234,567.5": commas (or spaces) between groups of three digits
  are thousands separators;
- "96.5", "96,5", "0,125": one dot or one comma is the decimal mark (Europe writes a comma), unless
  the comma is followed by exactly three digits, as in "12,390" above;
- "12.390,5", "1.234.567": with both marks, or several dots, the dots group the thousands;
- a JSON or spreadsheet number (int, float, Decimal) is taken as it is.
Anything else is not a number: words, "NaN", "Infinity", exponents. The range a value may take is
the model's (models.NUMBER_LIMIT), checked by every write.

Values are kept with four decimals (the models' decimal_places), as a spreadsheet shows them:
96.12345 is read as 96.1235 (half up) rather than refused; a JSON float such as 0.1 + 0.2 is
0.3000 and not a refusal over its binary noise.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

NOT_A_NUMBER = "Enter a number, such as 12390, 12,390 or 96.5."
STORED_PLACES = Decimal("0.0001")
_ROUNDABLE = 20  # beyond 10**20 the number is far out of range: left for the range check

_SPACES = re.compile(r"[\s'\u00a0\u202f]")
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?")
_DOT_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}((\.\d{3})+,\d+|(\.\d{3}){2,})")
_PLAIN = re.compile(r"[+-]?(\d+([.,]\d+)?|[.,]\d+)")
_SIMPLE = re.compile(r"-?\d{1,15}(\.\d+)?")  # what an export or a system writes: read at once


def parse_number(value: Any) -> Decimal:
    """The number `value` stands for, to four decimals; ValueError (NOT_A_NUMBER) when none."""
    number = _read(value)
    if number.adjusted() < _ROUNDABLE:
        number = number.quantize(STORED_PLACES, rounding=ROUND_HALF_UP)
    return number


def _read(value: Any) -> Decimal:
    if type(value) is str and _SIMPLE.fullmatch(value):
        return Decimal(value)  # the common case of a large import, read as _PLAIN would read it
    if isinstance(value, bool) or value is None:
        raise ValueError(NOT_A_NUMBER)
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise ValueError(NOT_A_NUMBER)
        return number
    text = _SPACES.sub("", str(value))
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    elif _DOT_GROUPED.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    elif _PLAIN.fullmatch(text):
        text = text.replace(",", ".")
    else:
        raise ValueError(NOT_A_NUMBER)
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the patterns admit only digits
        raise ValueError(NOT_A_NUMBER) from exc
