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
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from ninja import Field, Schema
from pydantic import AfterValidator, create_model
from pydantic_core import PydanticCustomError

from concord.core.errors import ValidationFailed

MAX_ID = 2**63 - 1
MAX_ITEMS = 100
ID = Annotated[int, Field(ge=1, le=MAX_ID)]


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


def _bounds(field: forms.IntegerField) -> tuple[Any, Any]:
    """The tightest bounds of a number field: its own and its (model's) validators'."""
    lows = [field.min_value] + [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    highs = [field.max_value] + [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    low = max((x for x in lows if x is not None), default=None)
    high = min((x for x in highs if x is not None), default=None)
    return low, high


def _scalar(field: forms.Field) -> tuple[Any, dict[str, Any]]:
    """The pydantic type of one form field and its limits."""
    if isinstance(field, forms.ModelChoiceField) or (
        isinstance(field, forms.TypedChoiceField) and field.coerce is int
    ):
        return int, {"ge": 1, "le": MAX_ID}
    if isinstance(field, forms.ChoiceField):
        values = _choices(field)
        return (Literal[tuple(values)], {}) if values else (str, {"max_length": 200})
    if isinstance(field, forms.BooleanField):
        return bool, {"strict": True}
    if isinstance(field, forms.IntegerField):
        low, high = _bounds(field)
        return int, {"strict": True, "ge": low, "le": high}
    if isinstance(field, forms.DateTimeField):
        return datetime.datetime, {}
    if isinstance(field, forms.DateField):
        return datetime.date, {}
    if isinstance(field, NumberField):
        return Decimal | Annotated[str, Field(max_length=field.max_length or 40)], {"allow_inf_nan": False}
    if isinstance(field, forms.CharField):
        if field.required:  # the form strips whitespace: a blank answer is no answer
            return Annotated[str, AfterValidator(_not_blank(field))], {
                "max_length": field.max_length,
                "json_schema_extra": {"pattern": r"\S"},
            }
        return str, {"max_length": field.max_length}
    raise TypeError(f"no API type for form field {type(field).__name__}")


def _not_blank(field: forms.Field) -> Callable[[str], str]:
    """The form's own message for a blank answer, already in the API's schema check."""

    def check(value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("blank", str(field.error_messages["required"]))
        return value

    return check


def _annotation(field: forms.Field) -> tuple[Any, dict[str, Any]]:
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        values = _choices(field) if isinstance(field, forms.MultipleChoiceField) else []
        item: Any = Literal[tuple(values)] if values else ID
        return list[item], {"max_length": MAX_ITEMS}
    return _scalar(field)


def _field(kind: Any, default: Any, limits: dict[str, Any], help_text: Any) -> tuple[Any, Any]:
    limits = {k: v for k, v in limits.items() if v is not None}
    if "allow_inf_nan" in limits:  # for a Decimal inside a union
        limits.pop("allow_inf_nan")
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
        kind, limits = _annotation(field)
        if field_name == "version":
            fields[field_name] = _field(
                int, ..., {"ge": 1, "strict": True}, "The version you are editing; a stale one gets 409."
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
    model: type[Schema] = create_model(name, __base__=Schema, **fields)
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
