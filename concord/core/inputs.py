"""One input definition per operation, for its page and its API.

An operation's input is the Django form its page already has. The API body is generated from that
form (`input_schema`): the same field names, types, limits, choices and required fields, so the
OpenAPI schema says exactly what is accepted. The API handler then runs the same form over the
body (`validated`), so both entry points clean and check the input the same way and hand the
service the same cleaned values. Invariants stay on the model (constraints, validators, `clean`),
checked again by every service write (audit.services); rules that need the database or the
person (states, duplicates, rights) stay in the services. Nothing is validated twice by hand.

- A field whose choices are set at run time (people, objectives) is an id, or a list of ids, in
  the API; the form, built with its choices, checks them.
- A field with an initial value (a model default) may be left out of a create.
- An update (PATCH) sends only what changes: `validated(..., current=...)` checks what was sent
  together with the stored values of the rest, and returns only what was sent.
"""

import datetime
import enum
import math
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, WithJsonSchema, create_model
from pydantic_core import PydanticCustomError

from concord.core.errors import ValidationFailed

MAX_ID = 2**63 - 1


class Body(Schema):
    """A request body. A key it does not know is refused (422 on that key), not ignored: a
    misspelt field ("titel") would otherwise be dropped without a word, and the client's input lost.
    The schema says so (additionalProperties: false)."""

    model_config = ConfigDict(extra="forbid")


class VersionQuery(Body):
    """The version as a query parameter (a DELETE has no body), so a digit string is expected."""

    version: int = Field(ge=1, le=MAX_ID)


MAX_ITEMS = 100
# A JSON number written with a dot and at most four decimals ("12390.5"): the API's text form
# of a number. People's own formats ("12,390", "96,5") are for the pages, where the reader knows
# the writer's habits; in a machine interface "12,390" could be either number.
DECIMAL_TEXT = r"^[+-]?([0-9]{1,13}(\.[0-9]{1,4})?|\.[0-9]{1,4})$"


def whole_number(value: Any) -> Any:
    """JSON has one number type: 3 and 3.0 are the same whole number; true and "3" are not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("int_type", "Give a whole number.")
    if isinstance(value, float):
        if not value.is_integer():
            raise PydanticCustomError("int_type", "Give a whole number.")
        return int(value)
    return value


def whole(ge: int | None = None, le: int | None = None) -> Any:
    """A whole number of the API within bounds: its JSON schema is "integer" (which 3.0 is too).
    The bounds come first, on the integer itself, so that the schema shows them."""
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(whole_number)]


WholeNumber = Annotated[int, BeforeValidator(whole_number)]
ID = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(whole_number)]


class Unset(enum.Enum):
    """The default of an update service's arguments: 'leave this field as it is'."""

    UNSET = enum.auto()


UNSET = Unset.UNSET


def given(**values: Any) -> dict[str, Any]:
    """The arguments of an update that were given: the changes to make."""
    return {name: value for name, value in values.items() if value is not UNSET}


class NumberField(forms.CharField):
    """A number as people write it ("12,390", "96.9") on a page, or a JSON number in the API."""


def _choices(field: forms.ChoiceField) -> list[str]:
    choices: Any = field.choices
    return [str(value) for value, _ in choices if value not in ("", None)]


def _bounds(field: forms.Field, validators: list[Any]) -> tuple[Any, Any]:
    """The tightest bounds of a number field: its own and its model's validators'."""
    lows = [getattr(field, "min_value", None)]
    lows += [v.limit_value for v in validators if isinstance(v, MinValueValidator)]
    highs = [getattr(field, "max_value", None)]
    highs += [v.limit_value for v in validators if isinstance(v, MaxValueValidator)]
    low = max((x for x in lows if x is not None), default=None)
    high = min((x for x in highs if x is not None), default=None)
    return low, high


def _model_validators(form: forms.BaseForm, name: str) -> list[Any]:
    """The validators of the model field behind a model form's field: the model checks them on
    every write, so the schema states them too."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None:
        return []
    try:
        return list(model._meta.get_field(name).validators)
    except FieldDoesNotExist:
        return []


def _pattern(validators: list[Any], required: bool) -> str | None:
    """A model's regular expression as a JSON schema pattern (a blank optional field is not
    checked by it)."""
    for validator in validators:
        if isinstance(validator, RegexValidator) and not validator.inverse_match:
            core = str(getattr(validator.regex, "pattern", validator.regex))
            core = core.removeprefix("^").removesuffix(r"\Z").removesuffix("$")
            return f"^({core})$" if required else f"^({core})?$"
    return None


def _api_number(value: Any) -> Any:
    """A JSON number, or DECIMAL_TEXT; the form reads it and the model checks its range."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise PydanticCustomError("number", "Send a number, such as 12390 or 96.5.")
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("number", "Send a finite number.")
    if isinstance(value, str) and not re.fullmatch(DECIMAL_TEXT, value):
        raise PydanticCustomError("number", 'Send a JSON number, or a text such as "12390.5".')
    return value


def _number(field: forms.Field, validators: list[Any]) -> Any:
    low, high = _bounds(field, validators)
    number: dict[str, Any] = {"type": "number"}
    number |= {"minimum": float(low)} if low is not None else {}
    number |= {"maximum": float(high)} if high is not None else {}
    shape = {"anyOf": [number, {"type": "string", "pattern": DECIMAL_TEXT}]}
    return Annotated[Any, BeforeValidator(_api_number), WithJsonSchema(shape)]


def _scalar(field: forms.Field, validators: list[Any]) -> tuple[Any, dict[str, Any]]:
    """The pydantic type of one form field and its limits (`validators`: its model's)."""
    if isinstance(field, forms.ModelChoiceField) or (
        isinstance(field, forms.TypedChoiceField) and field.coerce is int
    ):
        return ID, {}
    if isinstance(field, forms.ChoiceField):
        values = _choices(field)
        return (Literal[tuple(values)], {}) if values else (str, {"max_length": 200})
    if isinstance(field, forms.BooleanField):
        return bool, {"strict": True}
    if isinstance(field, forms.IntegerField):
        low, high = _bounds(field, validators)
        return whole(low, high), {}  # bounds inside: on `int | None` they miss the schema
    if isinstance(field, forms.DateTimeField):
        return Annotated[datetime.datetime, BeforeValidator(_written_date)], {}
    if isinstance(field, forms.DateField):
        return Annotated[datetime.date, BeforeValidator(_written_date)], {}
    if isinstance(field, NumberField):
        return _number(field, validators), {}
    if isinstance(field, forms.CharField):
        pattern = _pattern(validators, field.required)
        extra = {"json_schema_extra": {"pattern": pattern}} if pattern else {}
        extra |= {"json_schema_extra": {"format": "email"}} if isinstance(field, forms.EmailField) else {}
        if field.required:  # the form strips whitespace: a blank answer is no answer
            return Annotated[str, AfterValidator(_not_blank(field))], {
                "max_length": field.max_length,
                "json_schema_extra": {"pattern": r"\S"},
            } | extra
        return str, {"max_length": field.max_length} | extra
    raise TypeError(f"no API type for form field {type(field).__name__}")


def _written_date(value: Any) -> Any:
    """Dates come as ISO text, as the schema says: pydantic would read a number as seconds since
    1970 (a renewal notice on 1 January 1970), which no form would."""
    if isinstance(value, (int, float)):  # bool included
        raise PydanticCustomError("date_type", "Give a date as text, e.g. 2026-11-24.")
    return value


def _not_blank(field: forms.Field) -> Callable[[str], str]:
    """The form's own message for a blank answer, already in the API's schema check."""

    def check(value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("blank", str(field.error_messages["required"]))
        return value

    return check


def _annotation(field: forms.Field, validators: list[Any]) -> tuple[Any, dict[str, Any]]:
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        values = _choices(field) if isinstance(field, forms.MultipleChoiceField) else []
        item: Any = Literal[tuple(values)] if values else ID
        return list[item], {"max_length": MAX_ITEMS}
    return _scalar(field, validators)


def _field(kind: Any, default: Any, limits: dict[str, Any], help_text: Any) -> tuple[Any, Any]:
    limits = {k: v for k, v in limits.items() if v is not None}
    if help_text:
        limits["description"] = str(help_text)
    field: Any = Field(default, **limits)
    return kind, field


def input_schema(form: type[forms.BaseForm], *, name: str, partial: bool = False) -> type[Schema]:
    """The API body of an operation whose page uses `form`. `partial`: every field but the
    version is optional (an update names what changes)."""
    instance = form()
    fields: dict[str, Any] = {}
    for field_name, field in instance.fields.items():
        kind, limits = _annotation(field, _model_validators(instance, field_name))
        if field_name == "version":
            fields[field_name] = _field(
                whole(1, MAX_ID), ..., {}, "The version you are editing; a stale one gets 409."
            )
            continue
        initial = instance.get_initial_for_field(field, field_name)
        if partial:
            fields[field_name] = _field(kind | None, None, limits, field.help_text)
        elif field.required and initial in (None, ""):
            fields[field_name] = _field(kind, ..., limits, field.help_text)
        elif initial not in (None, ""):
            fields[field_name] = _field(kind, initial, limits, field.help_text)
        else:
            fields[field_name] = _field(kind | None, None, limits, field.help_text)
    model: type[Schema] = create_model(name, __base__=Body, **fields)
    return model


def _as_form_data(value: Any) -> Any:
    return [str(v) for v in value] if isinstance(value, list | tuple) else value


def validated(
    make_form: Callable[[dict[str, Any]], forms.BaseForm],
    payload: Schema | dict[str, Any],
    *,
    current: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Run the operation's form over an API body and return its cleaned values; field errors are a
    422. `make_form(data)` builds the form as the page does (with its run-time choices). With
    `current` (the stored values), only the fields sent are returned, checked with the rest."""
    sent = payload if isinstance(payload, dict) else payload.dict(exclude_unset=current is not None)
    if current is not None:
        sent = {k: v for k, v in sent.items() if v is not None}
    data = {**(current or {}), **sent}
    form = make_form({k: _as_form_data(v) for k, v in data.items() if v is not None})
    if not form.is_valid():
        raise ValidationFailed({k: [str(m) for m in v] for k, v in form.errors.items()})
    cleaned = dict(form.cleaned_data)
    return {k: v for k, v in cleaned.items() if k in sent} if current is not None else cleaned


def stored(instance: Any, names: Any) -> dict[str, Any]:
    """The stored values of a record as form data (for `validated(..., current=...)`)."""
    return {name: getattr(instance, name) for name in names if hasattr(instance, name)}


def cleared(payload: Schema, form: type[forms.Form | forms.ModelForm]) -> dict[str, Any]:
    """The optional fields an update's body sets to null, with their empty values: the body asks to
    empty them (`validated` reads null as 'not sent'). Required fields sent as null, and lists
    (emptied by sending []), stay unsent."""
    fields = form.base_fields
    sent = payload.dict(exclude_unset=True)
    return {
        name: fields[name].clean(None)
        for name, value in sent.items()
        if value is None
        and name in fields
        and not fields[name].required
        and not isinstance(fields[name], forms.MultipleChoiceField)
    }
