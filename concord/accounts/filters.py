"""The filter of a person's API tokens: one definition for the page and the API list."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from concord.accounts.models import ApiToken
from concord.core.filtering import FilterSet, search


class TokenFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the token's name or its start."
    )
    status = django_filters.ChoiceFilter(
        choices=[("active", "Active"), ("expired", "Expired"), ("revoked", "Revoked")],
        method="by_status",
        empty_label="Any",
        help_text="Active tokens work; expired and revoked ones are kept for the record.",
    )

    class Meta:
        model = ApiToken
        fields = ["q", "status"]

    def search(self, queryset: QuerySet[ApiToken], name: str, value: str) -> QuerySet[ApiToken]:
        return search(queryset, ("name", "prefix"), value)

    def by_status(self, queryset: QuerySet[ApiToken], name: str, value: str) -> QuerySet[ApiToken]:
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        expired = Q(expires_on__lt=timezone.localdate())
        live = queryset.filter(revoked_at__isnull=True)
        return live.filter(expired) if value == "expired" else live.exclude(expired)
