"""Helpers that connect Django forms to service validation."""

from django import forms

from concord.core.errors import ValidationFailed


def apply_errors(form: forms.BaseForm, exc: ValidationFailed) -> None:
    """Show a service's field errors on the form; unknown fields become form-wide errors."""
    for field, messages in exc.errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
