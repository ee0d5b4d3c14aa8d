"""The filters of the portfolio and the notes: one definition for the page and the API list."""

import django_filters
from django.db.models import QuerySet

from concord.access.roles import Visibility
from concord.core.filtering import FilterSet, Sort, search
from concord.partnerships.models import Note, Partnership, PartnershipStatus, RelationshipType


class PartnershipFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the name or category."
    )
    status = django_filters.ChoiceFilter(choices=PartnershipStatus.choices, empty_label="Any")
    relationship_type = django_filters.ChoiceFilter(
        choices=RelationshipType.choices, label="Relationship", empty_label="Any"
    )

    sort = Sort(
        fields=("name", "status", "start_date", "category"),
        field_labels={"name": "Name", "status": "Status", "start_date": "Since", "category": "Category"},
        label="Sort by",
        empty_label="Name (default)",
        help_text="A column, with - in front for descending (default: name).",
    )

    class Meta:
        model = Partnership
        fields = ["q", "status", "relationship_type", "sort"]

    def search(self, queryset: QuerySet[Partnership], name: str, value: str) -> QuerySet[Partnership]:
        return search(queryset, ("name", "category"), value)


class NoteFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the note."
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")

    class Meta:
        model = Note
        fields = ["q", "visibility"]

    def search(self, queryset: QuerySet[Note], name: str, value: str) -> QuerySet[Note]:
        return search(queryset, ("title", "body"), value)
