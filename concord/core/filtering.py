"""One filter definition per list, for its page and its API list.

Each list has a django-filter FilterSet in its app's `filters.py`. The page binds it to the query
string and shows its form; the API declares its query parameters with `query_schema(FilterSet)` —
the same names, choices and limits, so the OpenAPI schema says exactly what is accepted — and
reads through `apply()`, which answers invalid values with the field errors of a 422.

Filters computed in memory (a goal's status, a commitment's state) are declared in the FilterSet
too, with a method that leaves the queryset alone; the selector applies them to the rows it
computes, from `cleaned(filterset)`.
"""

import datetime
from typing import Any, Literal

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet
from ninja import Field, Schema
from pydantic import create_model

from concord.core.errors import ValidationFailed

MAX_ID = 2**63 - 1


def _choices(flt: django_filters.Filter) -> list[str]:
    choices = flt.extra.get("choices", [])
    choices = choices() if callable(choices) else choices
    return [str(value) for value, _ in choices if value != ""]


def _annotation(flt: django_filters.Filter) -> tuple[Any, dict[str, Any]]:
    """The pydantic type and limits of one filter."""
    if isinstance(flt, django_filters.OrderingFilter):
        values = [v for field in flt.param_map for v in (field, f"-{field}")]
        return Literal[tuple(values)], {}
    if isinstance(flt, django_filters.ChoiceFilter):
        return Literal[tuple(_choices(flt))], {}
    if isinstance(flt, django_filters.BooleanFilter):
        return bool, {}
    if isinstance(flt, django_filters.DateFilter):
        return datetime.date, {}
    if isinstance(flt, django_filters.ModelChoiceFilter | django_filters.NumberFilter):
        return int, {"ge": 1, "le": MAX_ID}
    return str, {"max_length": flt.extra.get("max_length", 200)}


class IdFilter(django_filters.NumberFilter):
    """The id of a record (an organisation, a meeting). The page offers the ones that make sense as
    a select (`FilterSet.offer`); any id is accepted, and one the reader cannot see finds nothing."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def _nullable(qs: Any, name: str) -> bool:
    """Whether a sort column may hold nulls: a model field that allows them, or an annotation (a
    figure read from another table, such as a partnership's health: absent where none exists)."""
    if name in qs.query.annotations:
        return True
    return bool(qs.model._meta.get_field(name).null)


class Sort(django_filters.OrderingFilter):
    """A list's sort order, chosen among `fields` (`-name` for descending), done by the database.
    Empty values go last either way, and the primary key breaks ties (in the same direction, so a
    (column, id) index serves both), so pages never overlap."""

    def filter(self, qs: Any, value: Any) -> Any:
        if not value:
            return qs
        ordering = []
        for param in value:
            name = self.get_ordering_value(param)
            field, descending = name.lstrip("-"), name.startswith("-")
            # NULLS LAST only where there can be nulls: elsewhere it would keep the database
            # from reading a descending order backwards along the column's index.
            last = True if _nullable(qs, field) else None
            ordering.append(F(field).desc(nulls_last=last) if descending else F(field).asc(nulls_last=last))
        ordering.append(F("pk").desc() if value[-1].startswith("-") else F("pk").asc())
        return qs.order_by(*ordering)


class YesNoSelect(forms.NullBooleanSelect):
    """A yes/no filter's select whose empty choice reads "Any" (Django's says "Unknown")."""

    def __init__(self, attrs: Any = None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", "Any"), ("true", "Yes"), ("false", "No")]


class FilterSet(django_filters.FilterSet):
    """The base of every list's filters. Its form's ids start with `filter-`, so a list's filter
    form and a form to add to the same list (both with a `visibility`, say) never share an id."""

    def computed(self, queryset: Any, name: str, value: Any) -> Any:
        """The method of a filter computed in memory: the selector applies it (`cleaned`)."""
        return queryset

    def offer(self, name: str, choices: list[tuple[int, str]]) -> None:
        """Show the IdFilter `name` as a select of `choices` on the page (before the form is built);
        the API still takes any id."""
        options = [("", "Any"), *((str(value), label) for value, label in choices)]
        self.filters[name].extra["widget"] = forms.Select(choices=options)

    @property
    def form(self) -> Any:
        if not hasattr(self, "_form"):
            form_class = self.get_form_class()
            data = self.data if self.is_bound else None
            self._form = form_class(data, prefix=self.form_prefix, auto_id="filter-%s")
        return self._form


def search[R: QuerySet[Any]](queryset: R, fields: tuple[str, ...], value: str) -> R:
    """Rows where any of `fields` contains `value` (case-insensitive): the `q` of most lists."""
    if not value:
        return queryset
    query = Q()
    for field in fields:
        query |= Q(**{f"{field}__icontains": value})
    found: R = queryset.filter(query)
    return found


def query_schema(filterset: type[django_filters.FilterSet]) -> type[Schema]:
    """The API query parameters of a FilterSet: every filter optional, typed and bounded."""
    fields: dict[str, Any] = {}
    for name, flt in filterset.base_filters.items():
        kind, limits = _annotation(flt)
        help_text = flt.extra.get("help_text") or flt.label or name.replace("_", " ")
        fields[name] = (kind | None, Field(None, description=str(help_text), **limits))
    model: type[Schema] = create_model(f"{filterset.__name__}Query", __base__=Schema, **fields)
    return model


def apply(
    filterset: type[django_filters.FilterSet], params: Schema | dict[str, Any], queryset: Any
) -> django_filters.FilterSet:
    """Bind the filter to API parameters; invalid values are a 422 with field errors."""
    data = params if isinstance(params, dict) else params.dict(exclude_none=True)
    bound = filterset({k: v for k, v in data.items() if v is not None}, queryset=queryset)
    if not bound.is_valid():
        raise ValidationFailed(
            {field: [str(m) for m in messages] for field, messages in bound.errors.items()}
        )
    return bound


def cleaned(bound: django_filters.FilterSet, name: str) -> Any:
    """A filter's valid value (None when absent or invalid), for filters computed in memory."""
    if not bound.is_bound:
        return None
    bound.is_valid()  # validates the form once
    return getattr(bound.form, "cleaned_data", {}).get(name)
