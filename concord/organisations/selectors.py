"""Reads of organisations and members, starting from access scoping."""

from typing import Any

from django.db.models import QuerySet

from concord.access import scoping
from concord.access.policy import get_for
from concord.access.roles import Action
from concord.core.errors import NotFound
from concord.organisations.models import Invitation, Membership, Organisation


def organisation_list(*, actor: Any) -> QuerySet[Organisation]:
    return scoping.organisations_for(actor)


def organisation_get(*, actor: Any, pk: int, action: Action = Action.VIEW) -> Organisation:
    return get_for(actor, scoping.organisations_for(actor), action, pk=pk)


def member_list(*, actor: Any, organisation: Organisation) -> QuerySet[Membership]:
    return (
        scoping.memberships_visible_to(actor)
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def membership_get(*, actor: Any, organisation: Organisation, pk: int) -> Membership:
    membership = member_list(actor=actor, organisation=organisation).filter(pk=pk).first()
    if membership is None:
        raise NotFound()
    return membership


def invitation_list(*, actor: Any, organisation: Organisation) -> QuerySet[Invitation]:
    get_for(actor, scoping.organisations_for(actor), Action.MANAGE, pk=organisation.pk)
    return Invitation.objects.filter(organisation=organisation).select_related("created_by", "partnership")


def organisations_with_roles(*, actor: Any) -> list[tuple[Organisation, str]]:
    """The actor's organisations, each with the actor's role in it."""
    return [(org, scoping.role_in(actor, org.pk) or "") for org in organisation_list(actor=actor)]


def administered(*, actor: Any, kinds: tuple[str, ...] | None = None) -> QuerySet[Organisation]:
    """Organisations the actor is an admin of (optionally only buyers, suppliers, ...)."""
    queryset = organisation_list(actor=actor).filter(pk__in=scoping.admin_org_ids(actor))
    return queryset.filter(kind__in=kinds) if kinds else queryset


def invitation_get(*, actor: Any, pk: int) -> Invitation:
    """An invitation sent by one of the actor's organisations; anything else is NotFound."""
    invitation = (
        Invitation.objects.filter(pk=pk, organisation_id__in=scoping.org_ids(actor))
        .select_related("organisation")
        .first()
    )
    if invitation is None:
        raise NotFound()
    return invitation
