"""The filters of the needs and of a need's candidates (its ranking): one definition each for the
page and the API list."""

import django_filters
from django.db.models import QuerySet

from concord.core.filtering import FilterSet, IdFilter, Sort, search
from concord.selection.models import Candidate, Need, NeedStatus, Weighting


class NeedFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Search",
        max_length=100,
        help_text="Words in the title, purpose, gaps or category.",
    )
    status = django_filters.ChoiceFilter(choices=NeedStatus.choices, empty_label="Any")
    weighting = django_filters.ChoiceFilter(choices=Weighting.choices, empty_label="Any")
    organisation = IdFilter(
        field_name="owner", label="Organisation", help_text="The id of the buying organisation."
    )
    sort = Sort(
        fields=("created_at", "title", "needed_by"),
        field_labels={"created_at": "Recorded", "title": "Title", "needed_by": "Needed by"},
        label="Sort by",
        empty_label="Newest first (default)",
        help_text="A column, with - in front for descending (default: newest first).",
    )

    class Meta:
        model = Need
        fields = ["q", "status", "weighting", "organisation", "sort"]

    def search(self, queryset: QuerySet[Need], name: str, value: str) -> QuerySet[Need]:
        return search(queryset, ("title", "purpose", "gaps", "category"), value)


class CandidateFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the name or note."
    )
    kind = django_filters.ChoiceFilter(
        choices=[("known", "Known supplier"), ("new", "New organisation")],
        method="by_kind",
        label="Kind",
        empty_label="Any",
        help_text="known: a supplier already in Concord; new: named, not invited yet.",
    )

    class Meta:
        model = Candidate
        fields = ["q", "kind"]

    def search(self, queryset: QuerySet[Candidate], name: str, value: str) -> QuerySet[Candidate]:
        return search(queryset, ("name", "note"), value)

    def by_kind(self, queryset: QuerySet[Candidate], name: str, value: str) -> QuerySet[Candidate]:
        return queryset.filter(organisation__isnull=value == "new")
