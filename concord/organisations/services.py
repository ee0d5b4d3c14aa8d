"""Organisation and membership use cases."""

from typing import Any

from django.db import transaction

from concord.access import members
from concord.access.models import Membership
from concord.access.policy import require
from concord.access.roles import Action, Role
from concord.audit.services import tracked_create, tracked_delete, tracked_update
from concord.core.errors import ValidationFailed
from concord.organisations.models import Organisation

ORG_FIELDS = ("name", "kind", "country", "vat_number", "duns", "lei")


def _clean_org_fields(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned = {k: v for k, v in fields.items() if k in ORG_FIELDS}
    if "country" in cleaned:
        cleaned["country"] = (cleaned["country"] or "").strip().upper()
        if cleaned["country"] and not (len(cleaned["country"]) == 2 and cleaned["country"].isalpha()):
            raise ValidationFailed.single("country", "Use a two-letter ISO country code, e.g. DE.")
    if cleaned.get("duns") and not (cleaned["duns"].isdigit() and len(cleaned["duns"]) == 9):
        raise ValidationFailed.single("duns", "A DUNS number has exactly nine digits.")
    if cleaned.get("lei") and not (len(cleaned["lei"]) == 20 and cleaned["lei"].isalnum()):
        raise ValidationFailed.single("lei", "An LEI has exactly twenty letters and digits.")
    return cleaned


def organisation_create(*, actor: Any, name: str, kind: str, **fields: Any) -> Organisation:
    """Create an organisation; its creator becomes its first admin."""
    with transaction.atomic():
        org = Organisation(name=name, kind=kind, **_clean_org_fields(fields))
        tracked_create(actor=actor, instance=org)
        membership_add(actor=actor, organisation=org, user=actor, role=Role.ADMIN, _bootstrap=True)
    return org


def organisation_update(
    *, actor: Any, organisation: Organisation, version: int | None, **fields: Any
) -> Organisation:
    require(actor, Action.CHANGE, organisation)
    return tracked_update(
        actor=actor, instance=organisation, version=version, changes=_clean_org_fields(fields)
    )


def membership_add(
    *, actor: Any, organisation: Organisation, user: Any, role: str, _bootstrap: bool = False
) -> Membership:
    """Add `user` to `organisation`. Outside bootstrap and invitations, only admins may."""
    if not _bootstrap:
        require(actor, Action.MANAGE, organisation)
    if Membership.unscoped.filter(organisation=organisation, user=user).exists():
        raise ValidationFailed.single("email", f"{user.email} is already a member.")
    membership = tracked_create(
        actor=actor, instance=Membership(organisation=organisation, user=user, role=role)
    )
    members.forget(user)
    return membership


def membership_set_role(*, actor: Any, membership: Membership, role: str) -> Membership:
    require(actor, Action.MANAGE, membership.organisation)
    if role not in Role.values:
        raise ValidationFailed.single("role", "Choose admin, member or viewer.")
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        _keep_an_admin(membership)
    updated = tracked_update(actor=actor, instance=membership, version=None, changes={"role": role})
    members.forget(membership.user)
    return updated


def membership_remove(*, actor: Any, membership: Membership) -> None:
    require(actor, Action.MANAGE, membership.organisation)
    if membership.role == Role.ADMIN:
        _keep_an_admin(membership)
    tracked_delete(actor=actor, instance=membership)


def _keep_an_admin(membership: Membership) -> None:
    if not members.another_admin(membership):
        raise ValidationFailed.single("role", "An organisation must keep at least one admin.")
