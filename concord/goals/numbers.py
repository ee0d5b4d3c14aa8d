"""Numbers as people write them, read one way for the goal pages, the API and spreadsheet imports.

- "12390", "12,390", "12 390", "1,234,567.5": commas (or spaces) between groups of three digits
  are thousands separators;
- "96.5", "96,5", "0,125": one dot or one comma is the decimal mark (Europe writes a comma), unless
  the comma is followed by exactly three digits, as in "12,390" above;
- "12.390,5", "1.234.567": with both marks, or several dots, the dots group the thousands;
- a JSON or spreadsheet number (int, float, Decimal) is taken as it is.
Anything else is not a number: words, "NaN", "Infinity", exponents. The range a value may take is
the model's (models.NUMBER_LIMIT), checked by every write.

On a page, a person's number format decides instead (core.locales; `parse_number(text, marks)`):
"12,390" is 12390 to someone who writes 1,234.5 and 12.39 to someone who writes 1.234,5. A single
mark that cannot be a thousands separator there ("12.5" in German) is read as the decimal mark;
a number written the other way round ("1,234.5" for a German format) is refused with a message
that shows the person's way, rather than guessed.

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


def parse_number(value: Any, marks: Any = None) -> Decimal:
    """The number `value` stands for, to four decimals; ValueError (NOT_A_NUMBER, or how to write
    it in the person's format) when none. `marks` (core.locales.Marks): a page's number format."""
    number = _read_as(value, marks) if marks is not None and isinstance(value, str) else _read(value)
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


def _strict(decimal: str, group: str) -> re.Pattern[str]:
    d, g = re.escape(decimal), re.escape(group)
    return re.compile(rf"[+-]?(\d+|[1-9]\d{{0,2}}({g}\d{{3}})+)({d}\d+)?|[+-]?{d}\d+")


def _read_as(value: str, marks: Any) -> Decimal:
    """`value` as written in the number format `marks` (spaces always group thousands)."""
    text = _SPACES.sub("", value)
    decimal, group = (
        marks.decimal,
        marks.group if marks.group in ",." else ("." if marks.decimal == "," else ","),
    )
    if _strict(decimal, group).fullmatch(text):
        return Decimal(text.replace(group, "").replace(decimal, "."))
    one = text.count(group) == 1 and decimal not in text
    if (
        one
        and re.fullmatch(rf"[+-]?\d*{re.escape(group)}\d+", text)
        and not re.search(rf"{re.escape(group)}\d{{3}}$", text)
    ):
        return Decimal(text.replace(group, "."))  # "12.5" to a German format: only a decimal mark fits
    if _strict(group, decimal).fullmatch(text):
        example = f"1{group}234{decimal}5" if marks.group in ",." else f"1 234{decimal}5"
        raise ValueError(f"Write the number as in your number format, such as {example}.")
    raise ValueError(f"Enter a number, such as 12390, 96{decimal}5 or 1{group}234{decimal}5.")
