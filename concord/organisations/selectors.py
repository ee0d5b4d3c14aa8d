"""Reads of organisations, members and invitations, inside the actor's reach."""

from django.core.paginator import Page
from django.db.models import QuerySet

from concord.access import members
from concord.access.models import Membership
from concord.access.policy import Found, get_for, require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.organisations.models import Invitation, Organisation


def organisation_list(*, actor: User) -> QuerySet[Organisation]:
    """The actor's organisations by name (filtered by filters.OrganisationFilter, read in pages)."""
    return Organisation.objects.restrict(actor).order_by("name", "pk")


def organisation_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[Organisation]:
    return get_for(actor, Organisation, action, pk=pk)


def member_list(*, actor: User, organisation: Organisation) -> QuerySet[Membership]:
    """An organisation's members by name (filtered by filters.MemberFilter, read in pages)."""
    return (
        Membership.objects.restrict(actor)
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def membership_get(*, actor: User, organisation: Organisation, pk: int) -> Membership:
    return get_for(actor, member_list(actor=actor, organisation=organisation), pk=pk).obj


def invitation_list(*, actor: User, organisation: Organisation) -> QuerySet[Invitation]:
    """The invitations an organisation sent, newest first (its admins only; filtered by
    filters.InvitationFilter, read in pages)."""
    require(actor, Action.MANAGE, organisation)
    return (
        Invitation.objects.restrict(actor, Action.MANAGE)
        .filter(organisation=organisation)
        .select_related("created_by", "partnership")
        .order_by("-created_at", "-pk")
    )


def with_my_role(*, actor: User, organisations: Page[Organisation]) -> Page[Organisation]:
    """Mark each organisation of a page with `my_role`, the actor's role in it (no query: the
    actor's memberships are read once per request)."""
    for org in organisations:
        org.my_role = members.role_in(actor, org.pk) or ""  # type: ignore[attr-defined]
    return organisations


def administered(*, actor: User, kinds: tuple[str, ...] | None = None) -> QuerySet[Organisation]:
    """Organisations the actor is an admin of (optionally only buyers, suppliers, ...)."""
    queryset = Organisation.objects.restrict(actor, Action.MANAGE)
    return queryset.filter(kind__in=kinds) if kinds else queryset


def invitation_get(*, actor: User, pk: int) -> Invitation:
    """An invitation sent by one of the actor's organisations; anything else is NotFound."""
    return get_for(actor, Invitation.objects.select_related("organisation"), pk=pk).obj
