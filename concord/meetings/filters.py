"""The filters of the meetings and a person's calendar feeds: one definition each for the page and
the API list (the decision log's are governance's).

`when` (upcoming or past) is declared here and applied by selectors.at from `filtering.cleaned()`:
the page shows the two as separate sections, each with its own order, at one moment `now`.
"""

import django_filters
from django.db.models import QuerySet

from concord.access.roles import Visibility
from concord.core.filtering import FilterSet, search
from concord.meetings.models import CalendarFeed, Meeting, MeetingKind, MeetingStatus
from concord.meetings.selectors import PAST, UPCOMING


class MeetingFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the title, agenda or minutes."
    )
    when = django_filters.ChoiceFilter(
        choices=[(UPCOMING, "Upcoming"), (PAST, "Past")],
        method="computed",
        label="When",
        empty_label="Both",
        help_text="upcoming: soonest first; past: latest first; neither: upcoming ones, then past ones.",
    )
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, empty_label="Any")
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices, empty_label="Any")
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")

    class Meta:
        model = Meeting
        fields = ["q", "when", "kind", "status", "visibility"]

    def search(self, queryset: QuerySet[Meeting], name: str, value: str) -> QuerySet[Meeting]:
        return search(queryset, ("title", "agenda", "minutes"), value)


class FeedFilter(FilterSet):
    state = django_filters.ChoiceFilter(
        choices=[("active", "Active"), ("revoked", "Revoked")],
        method="by_state",
        label="Status",
        empty_label="Any",
        help_text="active: calendar apps still read it; revoked: ended.",
    )

    class Meta:
        model = CalendarFeed
        fields = ["state"]

    def by_state(self, queryset: QuerySet[CalendarFeed], name: str, value: str) -> QuerySet[CalendarFeed]:
        return queryset.filter(revoked_at__isnull=value == "active")
