"""Abstract bases and field helpers shared by every domain app."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """Optimistic concurrency: every update names the version it was based on (see audit.services)."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


def not_only_spaces(value: str) -> None:
    """A required text must say something: spaces and line breaks alone are no answer. (Forms strip
    them already; this holds the rule for every other way a record is written.) The code "blank"
    gives the field's own message for an empty answer."""
    if isinstance(value, str) and value and not value.strip():
        raise ValidationError("This field cannot be blank.", code="blank")


def bounded_text(limit: int, **options: Any) -> models.TextField[str, str]:
    """A text field whose length is an invariant of the model, not only of a form: the limit is
    checked by every write (services validate the model) and shown by the forms built from it. A
    required one (not blank=True) refuses a text of spaces alone."""
    validators = [MaxLengthValidator(limit)]
    if not options.get("blank"):
        validators.append(not_only_spaces)  # type: ignore[arg-type]
    return models.TextField(max_length=limit, validators=validators, **options)
