"""The filters of the installed base, the customer's goals, the offering portfolio and the
proposals: one definition each for the page and the API list."""

import django_filters
from django.db.models import F, QuerySet

from concord.access.roles import Visibility
from concord.commitments.models import DemandStatus
from concord.core.filtering import FilterSet, Sort, search
from concord.insight.models import (
    THEME_BITS,
    CostBand,
    CustomerGoal,
    GoalKind,
    InstalledItem,
    ItemStatus,
    Lifecycle,
    Offering,
    Proposal,
    Theme,
)


class ItemFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Search",
        max_length=100,
        help_text="Words in the technology, make, model or site.",
    )
    status = django_filters.ChoiceFilter(choices=ItemStatus.choices, empty_label="Any")
    support_ends_before = django_filters.DateFilter(
        field_name="end_of_support_on", lookup_expr="lt", label="Support ends before"
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")
    sort = Sort(
        fields=[
            ("technology", "technology"),
            ("end_of_support_on", "end_of_support_on"),
            ("quantity", "quantity"),
        ],
        label="Sort by",
        empty_label="Technology",
    )

    class Meta:
        model = InstalledItem
        fields = ["q", "status", "support_ends_before", "visibility", "sort"]

    def search(self, queryset: QuerySet[InstalledItem], name: str, value: str) -> QuerySet[InstalledItem]:
        return search(queryset, ("technology", "make", "model", "site"), value)


class CustomerGoalFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=GoalKind.choices, empty_label="Any")
    theme = django_filters.ChoiceFilter(choices=Theme.choices, empty_label="Any")
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")

    class Meta:
        model = CustomerGoal
        fields = ["kind", "theme", "visibility"]


class OfferingFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the name, category or tags."
    )
    lifecycle = django_filters.ChoiceFilter(choices=Lifecycle.choices, empty_label="Any")
    theme = django_filters.ChoiceFilter(choices=Theme.choices, method="by_theme", empty_label="Any")
    cost_band = django_filters.ChoiceFilter(choices=CostBand.choices, empty_label="Any")
    sort = Sort(
        fields=[("name", "name"), ("lead_time_days", "lead_time_days"), ("cost_band", "cost_band")],
        label="Sort by",
        empty_label="Name",
    )

    class Meta:
        model = Offering
        fields = ["q", "lifecycle", "theme", "cost_band", "sort"]

    def search(self, queryset: QuerySet[Offering], name: str, value: str) -> QuerySet[Offering]:
        return search(queryset, ("name", "category", "tags"), value)

    def by_theme(self, queryset: QuerySet[Offering], name: str, value: str) -> QuerySet[Offering]:
        bit = THEME_BITS[value]
        return queryset.annotate(theme_bit=F("theme_mask").bitand(bit)).filter(theme_bit=bit)


class ProposalFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the offering or proposal."
    )
    status = django_filters.ChoiceFilter(
        field_name="demand__status", choices=DemandStatus.choices, empty_label="Any", label="Answer"
    )

    class Meta:
        model = Proposal
        fields = ["q", "status"]

    def search(self, queryset: QuerySet[Proposal], name: str, value: str) -> QuerySet[Proposal]:
        return search(queryset, ("offering_name", "demand__title"), value)
