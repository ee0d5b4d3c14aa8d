"""The risk list's filters, one definition for the page (and its heat map) and the API list.

Scores and ratings are choices (1–25, 1–5), so the API's schema states the bounds; `overdue`
compares the review date with today (core: the site's local date)."""

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from concord.access.roles import Visibility
from concord.core.filtering import FilterSet, IdFilter, Sort, YesNoSelect, search
from concord.risks.models import LIVE, Category, Risk, RiskStatus

SCORES = [(n, str(n)) for n in range(1, 26)]
RATINGS = [(n, str(n)) for n in range(1, 6)]


class RiskFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Search",
        max_length=100,
        help_text="Words in the title, description or trigger.",
    )
    category = django_filters.ChoiceFilter(choices=Category.choices, empty_label="Any")
    status = django_filters.ChoiceFilter(choices=RiskStatus.choices, empty_label="Any")
    live = django_filters.BooleanFilter(
        method="by_live", label="Live", widget=YesNoSelect, help_text="Open, mitigating or fired: not closed."
    )
    owner_party = IdFilter(
        field_name="owner_party", label="Owner party", help_text="The id of the owning organisation."
    )
    score_min = django_filters.ChoiceFilter(
        field_name="score", lookup_expr="gte", choices=SCORES, empty_label="Any", label="Score from"
    )
    score_max = django_filters.ChoiceFilter(
        field_name="score", lookup_expr="lte", choices=SCORES, empty_label="Any", label="Score up to"
    )
    likelihood = django_filters.ChoiceFilter(choices=RATINGS, empty_label="Any")
    impact = django_filters.ChoiceFilter(choices=RATINGS, empty_label="Any")
    overdue = django_filters.BooleanFilter(
        method="by_overdue",
        label="Review overdue",
        widget=YesNoSelect,
        help_text="Live risks whose next review date has passed.",
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")
    sort = Sort(
        fields=("score", "next_review_on", "title", "created_at"),
        field_labels={
            "score": "Score",
            "next_review_on": "Next review",
            "title": "Title",
            "created_at": "Recorded",
        },
        empty_label="Highest score first",
        help_text="Default: highest score first.",
    )

    class Meta:
        model = Risk
        fields = [
            "q", "category", "status", "live", "owner_party", "score_min", "score_max",
            "likelihood", "impact", "overdue", "visibility", "sort",
        ]  # fmt: skip

    def search(self, queryset: QuerySet[Risk], name: str, value: str) -> QuerySet[Risk]:
        return search(queryset, ("title", "description", "trigger"), value)

    def by_live(self, queryset: QuerySet[Risk], name: str, value: bool) -> QuerySet[Risk]:
        return queryset.filter(status__in=LIVE) if value else queryset.filter(status=RiskStatus.CLOSED)

    def by_overdue(self, queryset: QuerySet[Risk], name: str, value: bool) -> QuerySet[Risk]:
        late = {"status__in": LIVE, "next_review_on__lt": timezone.localdate()}
        return queryset.filter(**late) if value else queryset.exclude(**late)
