"""The filters of the Goals tab and of a goal's measurements: one definition for the page and the API.

A goal's status and its overdue flag are computed from its measurements (progress.py), not stored:
their filters are declared here and applied by selectors.goal_views to the computed rows.
"""

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from concord.access.roles import Visibility
from concord.core.filtering import FilterSet, IdFilter, YesNoSelect, search
from concord.core.forms import DateInput
from concord.goals.models import Goal, Measurement
from concord.goals.progress import GoalStatus

STATUSES = [(s.value, s.value.replace("_", " ").capitalize()) for s in GoalStatus]


class GoalFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Search",
        max_length=100,
        help_text="Words in the title, description or metric.",
    )
    status = django_filters.ChoiceFilter(
        choices=STATUSES,
        method="computed",
        label="Status",
        empty_label="Any",
        help_text="The computed status: achieved, on track, at risk, off track, missed or no data.",
    )
    overdue = django_filters.BooleanFilter(
        method="computed",
        label="Measurement overdue",
        widget=YesNoSelect,
        help_text="Whether the value for the last complete period is overdue.",
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")
    owner = IdFilter(field_name="owner_id", label="Owner", help_text="The owning organisation (its id).")

    class Meta:
        model = Goal
        fields = ["q", "status", "overdue", "visibility", "owner"]

    def search(self, queryset: QuerySet[Goal], name: str, value: str) -> QuerySet[Goal]:
        return search(queryset, ("title", "description", "metric"), value)


class DateRangeForm(forms.Form):
    """A range that ends before it starts is a field error on its end, not an empty list."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end of the range comes before its start.")
        return cleaned


class MeasurementFilter(FilterSet):
    date_from = django_filters.DateFilter(
        field_name="measured_on",
        lookup_expr="gte",
        label="From",
        widget=DateInput(),
        help_text="Values for this date or later.",
    )
    date_to = django_filters.DateFilter(
        field_name="measured_on",
        lookup_expr="lte",
        label="To",
        widget=DateInput(),
        help_text="Values for this date or earlier.",
    )

    class Meta:
        model = Measurement
        fields = ["date_from", "date_to"]
        form = DateRangeForm
