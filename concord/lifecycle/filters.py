"""The filters of the lifecycle lists: one definition each for the page and the API list."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from concord.core.filtering import FilterSet, IdFilter, search
from concord.lifecycle import expiry
from concord.lifecycle.models import (
    DiligenceCategory,
    DiligenceItem,
    DiligenceStatus,
    Quadrant,
    Segmentation,
    StageChange,
)

DAY = forms.DateInput(attrs={"type": "date"})


class DiligenceFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the title, reference or note."
    )
    supplier = IdFilter(
        field_name="supplier", label="Supplier", help_text="The id of the supplier organisation."
    )
    category = django_filters.ChoiceFilter(choices=DiligenceCategory.choices, empty_label="Any")
    status = django_filters.ChoiceFilter(choices=DiligenceStatus.choices, empty_label="Any")
    expiry = django_filters.ChoiceFilter(
        choices=[(e.value, expiry.LABELS[e]) for e in expiry.Expiry],
        method="by_expiry",
        label="Expiry",
        empty_label="Any",
        help_text="expired: before today; expiring: within 30 days; valid: later; none: no expiry date.",
    )

    class Meta:
        model = DiligenceItem
        fields = ["q", "supplier", "category", "status", "expiry"]

    def search(self, queryset: QuerySet[DiligenceItem], name: str, value: str) -> QuerySet[DiligenceItem]:
        return search(queryset, ("title", "reference", "note"), value)

    def by_expiry(self, queryset: QuerySet[DiligenceItem], name: str, value: str) -> QuerySet[DiligenceItem]:
        today = timezone.localdate()
        horizon = expiry.horizon(today)
        match value:
            case expiry.Expiry.NONE:
                return queryset.filter(expires_on__isnull=True)
            case expiry.Expiry.EXPIRED:
                return queryset.filter(expires_on__lt=today)
            case expiry.Expiry.EXPIRING:
                return queryset.filter(expires_on__gte=today, expires_on__lte=horizon)
            case _:
                return queryset.filter(Q(expires_on__gt=horizon))


class SegmentationFilter(FilterSet):
    quadrant = django_filters.ChoiceFilter(choices=Quadrant.choices, empty_label="Any")
    since = django_filters.DateFilter(
        field_name="assessed_on",
        lookup_expr="gte",
        label="Since",
        widget=DAY,
        help_text="Assessed on or after.",
    )

    class Meta:
        model = Segmentation
        fields = ["quadrant", "since"]


class PortfolioFilter(SegmentationFilter):
    """The Kraljic portfolio: the segmentation filters and the partnership's category (a category
    manager reads their own categories' suppliers)."""

    category = django_filters.CharFilter(
        field_name="partnership__category",
        lookup_expr="icontains",
        label="Category",
        max_length=120,
        help_text="The partnership's category, or part of it.",
    )

    class Meta(SegmentationFilter.Meta):
        fields = ["quadrant", "category", "since"]


class StageChangeFilter(FilterSet):
    since = django_filters.DateFilter(
        field_name="changed_on", lookup_expr="gte", label="Since", widget=DAY, help_text="Moved on or after."
    )

    class Meta:
        model = StageChange
        fields = ["since"]
