"""The filter of a person's notifications: one definition for the page and the API list."""

import django_filters
from django import forms
from django.db.models import QuerySet

from concord.core.filtering import FilterSet
from concord.notifications.models import Notification, NotificationKind


class NotificationFilter(FilterSet):
    unread = django_filters.BooleanFilter(
        method="by_unread",
        label="Show",
        help_text="true: only unread ones; false: only read ones.",
        widget=forms.Select(choices=[("", "All"), ("true", "Unread only"), ("false", "Read only")]),
    )
    kind = django_filters.ChoiceFilter(
        choices=NotificationKind.choices, label="About", empty_label="Anything"
    )

    class Meta:
        model = Notification
        fields = ["unread", "kind"]

    def by_unread(self, queryset: QuerySet[Notification], name: str, value: bool) -> QuerySet[Notification]:
        return queryset.filter(read_at__isnull=value)
