"""The filters of the governance lists: one definition each for the page and the API list. The
decision log's filter works on the log's columns (log.ROW), so the same filter applies to
meeting decisions and to decisions taken outside meetings before the two are united."""

from typing import Any

import django_filters
from django import forms

from concord.access.roles import Visibility
from concord.core.filtering import FilterSet, IdFilter, YesNoSelect, search
from concord.governance.log import united
from concord.governance.models import DecidedBy, Issue, IssueStatus, Severity

DAY = forms.DateInput(attrs={"type": "date"})


class DecisionLogFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the decision or its rationale."
    )
    since = django_filters.DateFilter(
        field_name="day", lookup_expr="gte", label="Since", widget=DAY, help_text="Decided on or after."
    )
    until = django_filters.DateFilter(
        field_name="day", lookup_expr="lte", label="Until", widget=DAY, help_text="Decided on or before."
    )
    by = django_filters.ChoiceFilter(
        field_name="by",
        choices=[("meeting", "A meeting"), *DecidedBy.choices],
        label="Decided by",
        empty_label="Anyone",
        help_text="meeting, committee or managers.",
    )
    meeting = IdFilter(method="of_meeting", label="Meeting", help_text="The id of the meeting that took it.")
    committee = IdFilter(method="of_committee", label="Committee", help_text="The id of the committee.")

    def search(self, queryset: Any, name: str, value: str) -> Any:
        return search(queryset, ("text", "rationale"), value)

    def of_meeting(self, queryset: Any, name: str, value: int) -> Any:
        if value is None:
            return queryset
        return queryset.filter(by="meeting", source_id=value)

    def of_committee(self, queryset: Any, name: str, value: int) -> Any:
        if value is None:
            return queryset
        return queryset.filter(by=DecidedBy.COMMITTEE, source_id=value)


class IssueFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the title or description."
    )
    status = django_filters.ChoiceFilter(choices=IssueStatus.choices, empty_label="Any")
    severity = django_filters.ChoiceFilter(choices=Severity.choices, empty_label="Any")
    escalated = django_filters.BooleanFilter(
        method="was_escalated",
        label="Escalated",
        widget=YesNoSelect,
        help_text="Moved up the escalation path at least once.",
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")

    class Meta:
        model = Issue
        fields = ["q", "status", "severity", "escalated", "visibility"]

    def search(self, queryset: Any, name: str, value: str) -> Any:
        return search(queryset, ("title", "description"), value)

    def was_escalated(self, queryset: Any, name: str, value: bool | None) -> Any:
        if value is None:
            return queryset
        return queryset.filter(escalations__gt=0) if value else queryset.filter(escalations=0)


def filtered_log(data: Any, meetings: Any, others: Any) -> tuple[DecisionLogFilter, Any]:
    """The decision log filtered by `data` (the page's query string, or the API's checked
    parameters): the same FilterSet over both sources, then united (log.united). Invalid values
    give the bound filter with its errors and no rows."""
    found = DecisionLogFilter(data, queryset=meetings)
    if data and not found.is_valid():
        return found, united(meetings.none(), others.none())
    return found, united(found.qs, DecisionLogFilter(data, queryset=others).qs)
