"""The filters of the agreements, their clauses (also the rows of the traceability matrix) and the
negotiation positions on a clause: one definition each for the page and the API list."""

import django_filters
from django.db.models import QuerySet

from concord.access.roles import Visibility
from concord.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Clause,
    ClauseNote,
    NegotiationStatus,
)
from concord.agreements.selectors import supports_an_objective
from concord.core.filtering import FilterSet, IdFilter, YesNoSelect, search


class AgreementFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the title or reference."
    )
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices, empty_label="Any")
    kind = django_filters.ChoiceFilter(choices=AgreementKind.choices, empty_label="Any")

    class Meta:
        model = Agreement
        fields = ["q", "status", "kind"]

    def search(self, queryset: QuerySet[Agreement], name: str, value: str) -> QuerySet[Agreement]:
        return search(queryset, ("title", "reference"), value)


class ClauseFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Search",
        max_length=100,
        help_text="Words in the number, heading or text.",
    )
    negotiation_status = django_filters.ChoiceFilter(
        choices=NegotiationStatus.choices, label="Negotiation", empty_label="Any"
    )
    orphan = django_filters.BooleanFilter(
        method="orphans",
        label="Orphan",
        widget=YesNoSelect,
        help_text="Whether the clause supports no objective of the vision.",
    )

    class Meta:
        model = Clause
        fields = ["q", "negotiation_status", "orphan"]

    def search(self, queryset: QuerySet[Clause], name: str, value: str) -> QuerySet[Clause]:
        return search(queryset, ("number", "heading", "text"), value)

    def orphans(self, queryset: QuerySet[Clause], name: str, value: bool) -> QuerySet[Clause]:
        linked = supports_an_objective()
        return queryset.filter(~linked if value else linked)


class ClauseNoteFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the position."
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")
    owner = IdFilter(
        field_name="owner_id", label="Whose", help_text="The organisation that stated the position (its id)."
    )

    class Meta:
        model = ClauseNote
        fields = ["q", "visibility", "owner"]

    def search(self, queryset: QuerySet[ClauseNote], name: str, value: str) -> QuerySet[ClauseNote]:
        return search(queryset, ("body",), value)
