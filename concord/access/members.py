"""Who belongs where: a person's organisations and roles, and the partnerships they take part in.

The memberships of the person making a request are read once (one query) and cached on the user
object for the rest of the request. The models are looked up in the app registry because this
module is imported while access.models is being defined (its rules call these functions).
"""

from collections import defaultdict
from typing import TYPE_CHECKING, Any, cast

from django.apps import apps
from django.db.models import QuerySet

from concord.access.roles import Role

if TYPE_CHECKING:
    from concord.access.models import Membership, Party

_CACHE = "_concord_memberships"
_TWO_FACTOR = "_concord_two_factor_orgs"
_BUYING = "_concord_buying_orgs"
# organisations.OrganisationKind.SUPPLIER (access imports no domain app): an organisation of this
# kind only supplies; every other kind may buy, and so record needs for a partner.
SUPPLIER_ONLY = "supplier"


def _memberships() -> "type[Membership]":
    return cast("type[Membership]", apps.get_model("access", "Membership"))


def _parties() -> "type[Party]":
    return cast("type[Party]", apps.get_model("access", "Party"))


def memberships(user: Any) -> dict[int, str]:
    """{organisation id: role} for the user ({} for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _CACHE, None)
    if cached is None or not hasattr(user, _TWO_FACTOR) or not hasattr(user, _BUYING):
        # The organisations' two-factor requirement and kind come with the same query (one join),
        # so the check on every request of a signed-in person, and the navigation, cost no more.
        rows = list(
            _memberships()
            .unscoped.filter(user_id=user.pk)
            .order_by()
            .values_list("organisation_id", "role", "organisation__two_factor_required", "organisation__kind")
        )
        cached = {org: role for org, role, _, _ in rows}
        setattr(user, _CACHE, cached)
        setattr(user, _TWO_FACTOR, [org for org, _, required, _ in rows if required])
        setattr(user, _BUYING, [org for org, _, _, kind in rows if kind != SUPPLIER_ONLY])
    return cached


def two_factor_org_ids(user: Any) -> list[int]:
    """The person's organisations that require two-factor sign-in of their members."""
    if not memberships(user):
        return []
    found: list[int] = getattr(user, _TWO_FACTOR)
    return found


def buying_org_ids(user: Any) -> list[int]:
    """The person's organisations that buy (any kind but supplier-only): where needs for a
    partner are kept. No query beyond the memberships' (read once per request)."""
    if not memberships(user):
        return []
    found: list[int] = getattr(user, _BUYING)
    return found


def forget(user: Any) -> None:
    """Drop the cached memberships after they change (an invitation accepted mid-request, tests)."""
    for name in (_CACHE, _TWO_FACTOR, _BUYING):
        if hasattr(user, name):
            delattr(user, name)


def org_ids(user: Any) -> list[int]:
    return list(memberships(user))


def role_in(user: Any, organisation_id: int) -> str | None:
    return memberships(user).get(organisation_id)


def admin_org_ids(user: Any) -> list[int]:
    return [org for org, role in memberships(user).items() if role == Role.ADMIN]


def admin_ids(organisation_id: int) -> set[int]:
    """The people who administer `organisation_id` (one query): they sign for it and answer for it
    when it has no partnership manager."""
    rows = _memberships().unscoped.filter(organisation_id=organisation_id, role=Role.ADMIN)
    return set(rows.values_list("user_id", flat=True))


def contributor_org_ids(user: Any) -> list[int]:
    """Organisations the user writes for: admin or member, not viewer."""
    return [org for org, role in memberships(user).items() if role != Role.VIEWER]


def partnership_ids(user: Any) -> QuerySet[Any]:
    """The partnerships the user takes part in, as a subquery (never evaluated on its own)."""
    return _parties().unscoped.filter(organisation_id__in=org_ids(user)).values("partnership_id")


def managed_partnership_ids(user: Any) -> QuerySet[Any]:
    """Partnerships where the user is a side's partnership manager, as a subquery."""
    return _parties().unscoped.filter(manager_id=getattr(user, "pk", None)).values("partnership_id")


def partnerships_where(user: Any, organisation_ids: list[int]) -> QuerySet[Any]:
    """Partnerships in which one of `organisation_ids` is a party, as a subquery."""
    return _parties().unscoped.filter(organisation_id__in=organisation_ids).values("partnership_id")


def belongs_to(user_id: int, organisation_id: int) -> bool:
    """Whether a person (not the actor) is a member of an organisation: who may own a record of it."""
    return _memberships().unscoped.filter(organisation_id=organisation_id, user_id=user_id).exists()


def another_admin(membership: Any) -> bool:
    """Whether the organisation of `membership` has an admin besides that membership."""
    admins = _memberships().unscoped.filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
    return bool(admins.exclude(pk=membership.pk).exists())


def org_ids_of(user_id: int) -> set[int]:
    """Another person's organisations (for deciding what they may be shown or invited to)."""
    rows = _memberships().unscoped.filter(user_id=user_id)
    return set(rows.values_list("organisation_id", flat=True))


def role_of(user_id: int, organisation_id: int) -> str | None:
    """Another person's role in an organisation (e.g. a candidate partnership manager)."""
    rows = _memberships().unscoped.filter(organisation_id=organisation_id, user_id=user_id)
    return rows.values_list("role", flat=True).first()


def parties_by_partnership(partnership_ids: Any) -> dict[int, set[int]]:
    """{partnership id: its parties' organisation ids} for many partnerships in one query."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = _parties().unscoped.filter(partnership_id__in=partnership_ids)
    for partnership_id, org_id in rows.values_list("partnership_id", "organisation_id"):
        found[partnership_id].add(org_id)
    return found


def organisations_by_person(user_ids: Any = None) -> dict[int, set[int]]:
    """Every person's organisations (one query), or only those of `user_ids`, for jobs that decide,
    record by record, whether a person may still see it — e.g. daily reminders."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = _memberships().unscoped.all()
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
    for user_id, org_id in rows.values_list("user_id", "organisation_id"):
        found[user_id].add(org_id)
    return found


class OrganisationReader:
    """Reads as a member of exactly one organisation would, and as no one in particular: what an
    organisation's own export holds (privacy.export). Its memberships are that organisation alone,
    as a viewer (it may read, never act); its id belongs to nobody, so no person's personal objects
    (tokens, feeds, notifications) and no partnership manager's reach come with it. It is not a
    stored person: nothing can be saved as it."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    pk = id = 0  # no account has id 0: ids start at 1 on SQLite and PostgreSQL

    def __init__(self, organisation_id: int) -> None:
        self.organisation_id = organisation_id
        setattr(self, _CACHE, {organisation_id: Role.VIEWER})
        setattr(self, _TWO_FACTOR, [])
        setattr(self, _BUYING, [])  # it draws no navigation (buying_org_ids)

    def __str__(self) -> str:
        return f"a member of organisation {self.organisation_id}"


def supplier_partner_ids(organisation_id: int) -> QuerySet[Any]:
    """The organisations on the supplier side of partnerships where `organisation_id` buys, as a
    subquery: the suppliers a buying organisation already knows (candidates it may name)."""
    from concord.access.roles import Side

    bought = _parties().unscoped.filter(organisation_id=organisation_id, side=Side.BUYER)
    rows = _parties().unscoped.filter(partnership_id__in=bought.values("partnership_id"), side=Side.SUPPLIER)
    return rows.exclude(organisation_id=organisation_id).values("organisation_id")
