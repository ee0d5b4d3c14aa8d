"""The Reviews tab's list filters, one definition for each page and its API list."""

import django_filters
from django.db.models import QuerySet

from concord.core.filtering import FilterSet, Sort, search
from concord.reviews.models import Review, ReviewStatus, RoundStatus, SurveyRound


class RoundFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the title."
    )
    status = django_filters.ChoiceFilter(choices=RoundStatus.choices, empty_label="Any")
    sort = Sort(
        fields=("created_at", "closes_on", "title"),
        field_labels={"created_at": "Created", "closes_on": "Closes", "title": "Title"},
        empty_label="Newest first",
        help_text="Default: newest first.",
    )

    class Meta:
        model = SurveyRound
        fields = ["q", "status", "sort"]

    def search(self, queryset: QuerySet[SurveyRound], name: str, value: str) -> QuerySet[SurveyRound]:
        return search(queryset, ("title",), value)


class ReviewFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the title."
    )
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices, empty_label="Any")
    sort = Sort(
        fields=("period_to", "title"),
        field_labels={"period_to": "Period end", "title": "Title"},
        empty_label="Latest period first",
        help_text="Default: latest period first.",
    )

    class Meta:
        model = Review
        fields = ["q", "status", "sort"]

    def search(self, queryset: QuerySet[Review], name: str, value: str) -> QuerySet[Review]:
        return search(queryset, ("title",), value)
