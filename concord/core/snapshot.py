"""A record's stored values as plain JSON: the audit trail's before/after and a 409's `current`."""

import datetime
import decimal
import uuid
from typing import Any

from django.db import models

_SKIP = {"id", "version", "created_at", "updated_at"}


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value for the trail."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime | datetime.date | decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    return {
        field.attname: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.attname not in _SKIP
    }
