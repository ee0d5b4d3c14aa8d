"""Helpers that connect Django forms to service validation."""

from typing import Any

from django import forms

from concord.core.errors import ValidationFailed


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


class VersionForm(forms.Form):
    """A POST that only names the version it acts on (cancel, withdraw, …): stale gets 409."""

    version = forms.IntegerField(widget=forms.HiddenInput)
