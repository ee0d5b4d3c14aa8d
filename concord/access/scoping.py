"""Scoping: the querysets a person may read. Every selector starts here.

Each rule is one `filter()` call built from subqueries, never chained filters across a multi-valued
relation (each chained call adds its own join and could grant access through a row the user is not on).
"""

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from concord.access.roles import Role, Visibility

M = TypeVar("M", bound=Model)


def _memberships(user: Any) -> dict[int, str]:
    """{organisation id: role} for the user, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_concord_memberships", None)
    if cached is None:
        from concord.organisations.models import Membership

        rows = Membership.objects.filter(user_id=user.pk).values_list("organisation_id", "role")
        cached = dict(rows)
        user._concord_memberships = cached
    return cached


def forget(user: Any) -> None:
    """Drop the cached memberships after they change (tests, invitations accepted mid-request)."""
    if hasattr(user, "_concord_memberships"):
        del user._concord_memberships


def org_ids(user: Any) -> list[int]:
    return list(_memberships(user))


def role_in(user: Any, organisation_id: int) -> str | None:
    return _memberships(user).get(organisation_id)


def admin_org_ids(user: Any) -> list[int]:
    return [org for org, role in _memberships(user).items() if role == Role.ADMIN]


def organisations_for(user: Any) -> QuerySet[Any]:
    from concord.organisations.models import Organisation

    return Organisation.objects.filter(pk__in=org_ids(user))


def partnerships_for(user: Any) -> QuerySet[Any]:
    from concord.partnerships.models import Partnership, Party

    parties = Party.objects.filter(organisation_id__in=org_ids(user)).values("partnership_id")
    return Partnership.objects.filter(pk__in=parties)


def records_for[M: Model](user: Any, queryset: QuerySet[M]) -> QuerySet[M]:
    """Partnership records the user may read: in their partnerships, shared or owned by their org."""
    from concord.partnerships.models import Party

    mine = org_ids(user)
    parties = Party.objects.filter(organisation_id__in=mine).values("partnership_id")
    return queryset.filter(
        Q(partnership_id__in=parties) & (Q(visibility=Visibility.SHARED) | Q(owner_id__in=mine))
    )


def memberships_visible_to(user: Any) -> QuerySet[Any]:
    """Members of the user's own organisations (a partner's staff list is not browsable)."""
    from concord.organisations.models import Membership

    return Membership.objects.filter(organisation_id__in=org_ids(user))


def submissions_for[M: Model](user: Any, queryset: QuerySet[M]) -> QuerySet[M]:
    """Vision submissions are blind: a party reads its own; others' only once the round is revealed."""
    from concord.partnerships.models import Party

    mine = org_ids(user)
    parties = Party.objects.filter(organisation_id__in=mine).values("partnership_id")
    return queryset.filter(
        Q(round__partnership_id__in=parties) & (Q(owner_id__in=mine) | Q(round__status="revealed"))
    )


def belongs_to(user_id: int, organisation_id: int) -> bool:
    """Whether a person (not the actor) is a member of an organisation: who may own a record of it."""
    from concord.organisations.models import Membership

    return Membership.objects.filter(organisation_id=organisation_id, user_id=user_id).exists()


def organisations_by_person() -> dict[int, set[int]]:
    """Every person's organisations (one query), for jobs that decide, record by record, whether a
    person may still see it — e.g. daily reminders."""
    from collections import defaultdict

    from concord.organisations.models import Membership

    found: dict[int, set[int]] = defaultdict(set)
    for user_id, org_id in Membership.objects.values_list("user_id", "organisation_id"):
        found[user_id].add(org_id)
    return found
