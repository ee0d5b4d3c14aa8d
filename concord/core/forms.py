"""Helpers that connect Django forms to service validation."""

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models as db

from concord.core.errors import ValidationFailed


def problems(form: forms.BaseForm) -> str:
    """The form's errors as one message naming each field by its label ("Body: Null characters
    are not allowed."), for forms that answer with a flash message on the page they came from."""
    parts = []
    for name, errors in form.errors.items():
        text = " ".join(str(e) for e in errors)
        parts.append(f"{form[name].label}: {text}" if name in form.fields else text)
    return " ".join(parts)


def apply_errors(form: forms.BaseForm, exc: ValidationFailed) -> None:
    """Show a service's field errors on the form; unknown fields become form-wide errors."""
    for field, messages in exc.errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


class DateInput(forms.DateInput):
    """An HTML date input. Browsers accept only ISO dates in its value, whatever the site's
    locale: with en-GB's '23/11/2026' the field shows empty and an edit would clear the date."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format=format or "%Y-%m-%d")


class InstantField(forms.DateTimeField):
    """A moment in time, kept in UTC. An offset is read and then dropped: ISO 8601 allows up to
    ±23:59 but PostgreSQL refuses a displacement past ±15:59 (a 500, not an answer), and a time
    near year 1 can leave the calendar when moved to UTC — that is a field error."""

    default_error_messages = {"range": "Give a date and time between the years 1 and 9999."}

    def to_python(self, value: Any) -> datetime.datetime | None:
        moment = super().to_python(value)
        if moment is None or moment.tzinfo is None:
            return moment
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError(self.error_messages["range"], code="range") from None


class VersionForm(forms.Form):
    """A POST that only names the version it acts on (cancel, withdraw, …): stale gets 409."""

    version = forms.IntegerField(widget=forms.HiddenInput)


def run_action(
    request: Any,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], Any],
    done: str | Callable[[Any], str],
) -> bool:
    """A one-form POST that acts and then goes back to a page: problems the person can fix (a
    field, a state) become a flash message; not found, forbidden and stale versions propagate to
    their own pages (middleware). `done` is the success message, or makes it from what the action
    returned. Returns whether it succeeded."""
    from django.contrib import messages

    from concord.core.errors import InvalidState

    if not form.is_valid():
        messages.error(request, problems(form))
        return False
    try:
        result = action(dict(form.cleaned_data))
    except (ValidationFailed, InvalidState) as exc:
        messages.error(request, exc.text())
        return False
    messages.success(request, done if isinstance(done, str) else done(result))
    return True


def create_from(
    request: Any,
    form: forms.BaseForm,
    *,
    allowed: bool,
    create: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], str],
) -> Any:
    """The 'add one' form of a list page: on a valid POST, create and return the new record (the
    caller redirects to it); otherwise None, with field errors placed on the form."""
    from django.contrib import messages

    from concord.core.errors import Forbidden

    if request.method != "POST":
        return None
    if not allowed:
        raise Forbidden("Viewers can read but not add here.")
    if not form.is_valid():
        return None
    try:
        created = create(dict(form.cleaned_data))
    except ValidationFailed as exc:
        apply_errors(form, exc)
        return None
    messages.success(request, done(created))
    return created


def from_model(model: type[db.Model], name: str, **options: Any) -> forms.Field:
    """The form field of a model's field (its limits, choices and default), with the page's label,
    widget and messages (`options`)."""
    field = model._meta.get_field(name)
    assert isinstance(field, db.Field)
    made = field.formfield(**options)
    assert made is not None
    return made
