"""Abstract bases and field helpers shared by every domain app."""

from typing import Any

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


def bounded_text(limit: int, **options: Any) -> models.TextField[str, str]:
    """A text field whose length is an invariant of the model, not only of a form: the limit is
    checked by every write (services validate the model) and shown by the forms built from it."""
    return models.TextField(max_length=limit, validators=[MaxLengthValidator(limit)], **options)
