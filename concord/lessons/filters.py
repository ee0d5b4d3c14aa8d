"""The lessons' filter: one definition for a partnership's lessons, the portfolio's library and
their exports, page and API."""

from typing import Any

import django_filters

from concord.access.roles import Visibility
from concord.core.filtering import FilterSet, search
from concord.lessons.models import CarrierKind, Lesson

CARRIED_BY = [(k.value, k.label) for k in CarrierKind if k.value] + [("none", "Nothing")]


class LessonFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Search",
        max_length=100,
        help_text="Words in the title, what happened, the contributing factors or what we change.",
    )
    carried_by = django_filters.ChoiceFilter(
        choices=CARRIED_BY,
        method="by_carrier",
        label="Carried by",
        empty_label="Any",
        help_text="issue, commitment, risk, review or none.",
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")

    class Meta:
        model = Lesson
        fields = ["q", "carried_by", "visibility"]

    def search(self, queryset: Any, name: str, value: str) -> Any:
        return search(queryset, ("title", "what_happened", "contributing_factors", "what_we_change"), value)

    def by_carrier(self, queryset: Any, name: str, value: str) -> Any:
        if value == "none":
            return queryset.filter(carrier_kind=CarrierKind.NONE)
        return queryset.filter(carrier_kind=value) if value else queryset
