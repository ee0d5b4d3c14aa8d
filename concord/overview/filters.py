"""The portfolio dashboard's filters: the partnerships list's own (search, status, relationship)
and the dashboard's columns (health band, lifecycle stage, the buyer's segment), with health among
the sort orders. Each filter and sort runs in the database on portfolio.portfolio_list's columns."""

import django_filters
from django.db.models import Q, QuerySet

from concord.core.filtering import Sort
from concord.health import index
from concord.lifecycle.models import Quadrant
from concord.lifecycle.stages import CHOICES as STAGES
from concord.partnerships.filters import PartnershipFilter
from concord.partnerships.models import Partnership

BANDS = [
    ("good", f"Good ({index.GOOD:g} or more)"),
    ("fair", f"Fair ({index.FAIR:g} to {index.GOOD:g})"),
    ("poor", f"Poor (below {index.FAIR:g})"),
    ("none", "No index yet"),
]


class PortfolioFilter(PartnershipFilter):
    health = django_filters.ChoiceFilter(
        choices=BANDS, method="by_band", label="Health", empty_label="Any", help_text="The health band."
    )
    stage = django_filters.ChoiceFilter(
        choices=[(str(value), label) for value, label in STAGES], label="Lifecycle stage", empty_label="Any"
    )
    segment = django_filters.ChoiceFilter(
        choices=Quadrant.choices,
        label="Segment",
        empty_label="Any",
        help_text="Your Kraljic quadrant (the buying side's own assessment).",
    )
    sort = Sort(
        fields=("name", "status", "start_date", "category", "health", "stage"),
        field_labels={
            "name": "Name",
            "status": "Status",
            "start_date": "Since",
            "category": "Category",
            "health": "Health",
            "stage": "Lifecycle stage",
        },
        label="Sort by",
        empty_label="Name (default)",
        help_text="A column, with - in front for descending (default: name).",
    )

    class Meta:
        model = Partnership
        fields = ["q", "status", "relationship_type", "health", "stage", "segment", "sort"]

    def by_band(self, queryset: QuerySet[Partnership], name: str, value: str) -> QuerySet[Partnership]:
        bands = {
            "good": Q(health__gte=index.GOOD),
            "fair": Q(health__gte=index.FAIR, health__lt=index.GOOD),
            "poor": Q(health__lt=index.FAIR),
            "none": Q(health__isnull=True),
        }
        return queryset.filter(bands[value])
