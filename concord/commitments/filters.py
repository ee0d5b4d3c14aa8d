"""The filters of the demands, the commitment ledger, action plans (and a plan's items) and the wins
feed: one definition each for the page and the API list.

Filters whose value is computed (a commitment's state, being counted in the reliability index, a
plan being stale) are declared here so page and API accept the same values, and applied by the
selectors (`narrowed`, `stale_only`) from `filtering.cleaned()`: they depend on today's date,
which the selector reads once for the rows and the summaries beside them.
"""

import django_filters
from django.db.models import QuerySet

from concord.access.roles import Visibility
from concord.commitments.models import (
    ActionPlan,
    Commitment,
    CommitmentSource,
    Demand,
    DemandStatus,
    Priority,
)
from concord.commitments.status import STATES
from concord.core.filtering import FilterSet, IdFilter, Sort, YesNoSelect, search
from concord.goals.models import SuccessEvent

# Relative to the reader's organisation, so the same link means the same to both sides of a page
# and an API client (acting as a person) needs no organisation id to ask "what do we owe them".
DIRECTIONS = [("raised", "Raised by us"), ("asked", "Asked of us")]
WIN_KINDS = [
    ("goal_achieved", "Goal achieved"),
    ("commitment_streak", "Commitments kept in a row"),
    ("milestone", "Milestone"),
    ("kudos", "Kudos"),
]


class DemandFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the title or description."
    )
    status = django_filters.ChoiceFilter(choices=DemandStatus.choices, empty_label="Any")
    priority = django_filters.ChoiceFilter(choices=Priority.choices, empty_label="Any")
    direction = django_filters.ChoiceFilter(
        choices=DIRECTIONS,
        method="by_direction",
        label="Direction",
        empty_label="Both ways",
        help_text="raised: raised by your organisation; asked: asked of your organisation.",
    )

    class Meta:
        model = Demand
        fields = ["q", "status", "priority", "direction"]

    def search(self, queryset: QuerySet[Demand], name: str, value: str) -> QuerySet[Demand]:
        return search(queryset, ("title", "description"), value)

    def by_direction(self, queryset: QuerySet[Demand], name: str, value: str) -> QuerySet[Demand]:
        # selectors.demand_list marks each demand for the reader
        return queryset.filter(**{"raised_by_us" if value == "raised" else "asked_of_us": True})


class CommitmentFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the title or description."
    )
    state = django_filters.ChoiceFilter(
        choices=STATES,
        method="computed",
        label="Status",
        empty_label="Any",
        help_text="The status today; given up: broken, and said so openly.",
    )
    owner = IdFilter(field_name="owner", label="Whose", help_text="The id of the organisation that promised.")
    source = django_filters.ChoiceFilter(choices=CommitmentSource.choices, label="From", empty_label="Any")
    counted = django_filters.BooleanFilter(
        method="computed",
        label="Counted in reliability",
        widget=YesNoSelect,
        help_text="Due in the reliability window: the commitments behind each side's index.",
    )
    sort = Sort(
        fields=("due_on", "promised_on", "delivered_on", "title"),
        field_labels={
            "due_on": "Agreed date",
            "promised_on": "Promised date",
            "delivered_on": "Delivered",
            "title": "Title",
        },
        label="Sort by",
        empty_label="Open items first (default)",
        help_text="A column, with - in front for descending (default: open items first, by agreed date).",
    )

    class Meta:
        model = Commitment
        fields = ["q", "state", "owner", "source", "counted", "sort"]

    def search(self, queryset: QuerySet[Commitment], name: str, value: str) -> QuerySet[Commitment]:
        return search(queryset, ("title", "description"), value)


class PlanFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the plan's title."
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")
    stale = django_filters.BooleanFilter(
        method="computed",
        label="Stale",
        widget=YesNoSelect,
        help_text="Not reviewed within its review cadence.",
    )

    class Meta:
        model = ActionPlan
        fields = ["q", "visibility", "stale"]

    def search(self, queryset: QuerySet[ActionPlan], name: str, value: str) -> QuerySet[ActionPlan]:
        return search(queryset, ("title",), value)


class PlanItemFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the item or its notes."
    )
    state = django_filters.ChoiceFilter(
        choices=STATES, method="computed", label="Status", empty_label="Any", help_text="The status today."
    )

    class Meta:
        model = Commitment
        fields = ["q", "state"]

    def search(self, queryset: QuerySet[Commitment], name: str, value: str) -> QuerySet[Commitment]:
        return search(queryset, ("title", "description"), value)


class WinFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=WIN_KINDS, empty_label="Any")

    class Meta:
        model = SuccessEvent
        fields = ["kind"]
