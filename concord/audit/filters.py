"""The filter of every record's history: one definition for its page and its API list."""

import django_filters

from concord.audit.models import AuditAction
from concord.core.filtering import FilterSet
from concord.core.forms import DateInput


class HistoryFilter(FilterSet):
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label="Change", empty_label="Any")
    since = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label="From",
        widget=DateInput(),
        help_text="On or after.",
    )
    until = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label="To",
        widget=DateInput(),
        help_text="On or before.",
    )
