"""A record's history in plain words: each change by its field's label, with human values —
"Check-in every (days): 14 → 30", "Status: Open → Delivered", "Owner: Sam Lee → Ana Ruiz" — rather
than the trail's stored form (`check_in_every_days: 14`, `owner_person_id: 3`).

Records a change points to are named as the reader may see them: people and organisations by name
(every page that shows the record names them), anything else only when the reader may read it
(through its own scope), so a history never reveals the title of the other side's internal record.
Large structured values (a scorecard's definition, a vision's sections) are said to have changed,
not dumped. One query per kind of record named on the page, however many events it shows.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import capfirst

NAMED_BY_ANYONE = {"accounts.User", "organisations.Organisation"}
HIDDEN = {"uid", "sequence", "erased"}  # plumbing: calendar identity, bookkeeping


@dataclass(frozen=True)
class Change:
    label: str
    before: str | None
    after: str | None


def _field(model: type[models.Model] | None, attname: str) -> models.Field | None:
    if model is None:
        return None
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field
    return None


def _plain(field: models.Field | None, value: Any, names: dict[tuple[str, Any], str]) -> str | None:
    if value is None or value == "":
        return None
    if field is None:
        return str(value)
    if field.is_relation and field.related_model is not None:
        return names.get((field.related_model._meta.label, value), "a record you cannot see")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, models.JSONField):
        return "(changed)"
    if isinstance(field, models.DateTimeField):
        return _moment(value)
    if isinstance(field, models.DateField):
        return _day(value)
    return str(value)


def _day(value: Any) -> str:
    try:
        return f"{datetime.date.fromisoformat(str(value)):%-d %b %Y}"
    except ValueError:
        return str(value)


def _moment(value: Any) -> str:
    try:
        return f"{datetime.datetime.fromisoformat(str(value)):%-d %b %Y %H:%M %Z}".strip()
    except ValueError:
        return str(value)


def _names(actor: Any, wanted: dict[type[models.Model], set[Any]]) -> dict[tuple[str, Any], str]:
    found: dict[tuple[str, Any], str] = {}
    for model, ids in wanted.items():
        label = model._meta.label
        manager: Any = model._default_manager
        if label not in NAMED_BY_ANYONE and hasattr(model, "access_rule"):
            manager = model.objects.restrict(actor)  # type: ignore[attr-defined]
        for obj in manager.filter(pk__in=ids):
            found[(label, obj.pk)] = str(obj)
    return found


def changes(actor: Any, events: Iterable[Any]) -> dict[int, list[Change]]:
    """{event id: its changes in plain words} for a page of events."""
    events = list(events)
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for event in events:
        model = event.content_type.model_class()
        for attname, pair in event.changes.items():
            field = _field(model, attname)
            if field is not None and field.is_relation and field.related_model is not None:
                wanted[field.related_model].update(v for v in pair if v is not None)
    names = _names(actor, wanted)
    described: dict[int, list[Change]] = {}
    for event in events:
        model = event.content_type.model_class()
        rows = []
        for attname, pair in event.changes.items():
            if attname in HIDDEN or not isinstance(pair, list) or len(pair) != 2:
                continue
            field = _field(model, attname)
            label = capfirst(str(field.verbose_name)) if field is not None else attname.replace("_", " ")
            rows.append(Change(label, _plain(field, pair[0], names), _plain(field, pair[1], names)))
        described[event.pk] = rows
    return described
