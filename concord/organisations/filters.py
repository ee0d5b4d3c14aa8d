"""The filters of the organisation lists — organisations, members, invitations sent — one definition
each for the page and the API list."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from concord.access.models import Membership
from concord.access.roles import Role
from concord.core.filtering import FilterSet, search
from concord.organisations.models import Invitation, InvitationKind, Organisation, OrganisationKind


class OrganisationFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Search",
        max_length=100,
        help_text="Words in the name, VAT number, DUNS or LEI.",
    )
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, empty_label="Any")

    class Meta:
        model = Organisation
        fields = ["q", "kind"]

    def search(self, queryset: QuerySet[Organisation], name: str, value: str) -> QuerySet[Organisation]:
        return search(queryset, ("name", "vat_number", "duns", "lei"), value)


class MemberFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the name or email address."
    )
    role = django_filters.ChoiceFilter(choices=Role.choices, empty_label="Any")

    class Meta:
        model = Membership
        fields = ["q", "role"]

    def search(self, queryset: QuerySet[Membership], name: str, value: str) -> QuerySet[Membership]:
        return search(queryset, ("user__full_name", "user__email"), value)


class InvitationStatus(django_filters.ChoiceFilter):
    """Pending, accepted, revoked or expired: `Invitation.status`, computed from three dates,
    said here as database conditions (in the same order of precedence) so that it pages in SQL."""

    CHOICES = [
        ("pending", "Pending"),
        ("accepted", "Accepted"),
        ("revoked", "Revoked"),
        ("expired", "Expired"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(choices=self.CHOICES, empty_label="Any", **kwargs)

    @staticmethod
    def condition(value: str) -> Q:
        open_ = Q(accepted_at__isnull=True, revoked_at__isnull=True)
        now = timezone.now()
        return {
            "accepted": Q(accepted_at__isnull=False),
            "revoked": Q(accepted_at__isnull=True, revoked_at__isnull=False),
            "expired": open_ & Q(expires_at__lte=now),
            "pending": open_ & Q(expires_at__gt=now),
        }[value]

    def filter(self, qs: QuerySet[Invitation], value: str) -> QuerySet[Invitation]:
        return qs.filter(self.condition(value)) if value else qs


class InvitationFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", max_length=100, help_text="Words in the email address."
    )
    status = InvitationStatus()
    kind = django_filters.ChoiceFilter(choices=InvitationKind.choices, label="For", empty_label="Any")

    class Meta:
        model = Invitation
        fields = ["q", "status", "kind"]

    def search(self, queryset: QuerySet[Invitation], name: str, value: str) -> QuerySet[Invitation]:
        return search(queryset, ("email",), value)
