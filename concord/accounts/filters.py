"""The filter of a person's API tokens: one definition for the page and the API list."""

import django_filters
from django.db.models import QuerySet

from concord.accounts.models import ApiToken
from concord.core.filtering import FilterSet, search


class TokenFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the token's name or its start."
    )
    status = django_filters.ChoiceFilter(
        choices=[("active", "Active"), ("revoked", "Revoked")],
        method="by_status",
        empty_label="Any",
        help_text="Active tokens work; revoked ones are kept for the record.",
    )

    class Meta:
        model = ApiToken
        fields = ["q", "status"]

    def search(self, queryset: QuerySet[ApiToken], name: str, value: str) -> QuerySet[ApiToken]:
        return search(queryset, ("name", "prefix"), value)

    def by_status(self, queryset: QuerySet[ApiToken], name: str, value: str) -> QuerySet[ApiToken]:
        return queryset.filter(revoked_at__isnull=value == "active")
