"""Organisation and membership use cases."""

from django.db import transaction

from concord.access import members
from concord.access.models import Membership
from concord.access.policy import require
from concord.access.roles import Action, Role
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_delete, tracked_update
from concord.core.errors import ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.core.locales import Locale
from concord.organisations.models import Organisation


def organisation_create(
    *,
    actor: User,
    name: str,
    kind: str,
    country: str = "",
    vat_number: str = "",
    duns: str = "",
    lei: str = "",
    two_factor_required: bool = False,
    time_zone: str = "UTC",
    locale: str = Locale.EN_GB,
) -> Organisation:
    """Create an organisation; its creator becomes its first admin. The model checks the values
    (kind, the formats of country, DUNS and LEI) when it is saved."""
    org = Organisation(
        name=name,
        kind=kind,
        country=country,
        vat_number=vat_number,
        duns=duns,
        lei=lei,
        two_factor_required=two_factor_required,
        time_zone=time_zone or "UTC",
        locale=locale or Locale.EN_GB,
    )
    with transaction.atomic():
        tracked_create(actor=actor, instance=org)
        membership_add(actor=actor, organisation=org, user=actor, role=Role.ADMIN, _bootstrap=True)
    return org


def organisation_update(
    *,
    actor: User,
    organisation: Organisation,
    version: int | None,
    name: str | Unset = UNSET,
    kind: str | Unset = UNSET,
    country: str | Unset = UNSET,
    vat_number: str | Unset = UNSET,
    duns: str | Unset = UNSET,
    lei: str | Unset = UNSET,
    two_factor_required: bool | Unset = UNSET,
    time_zone: str | Unset = UNSET,
    locale: str | Unset = UNSET,
) -> Organisation:
    """Change what is given (admins); a stale version is a Conflict. Requiring two-factor sign-in
    takes effect at each member's next request (concord.accounts.middleware)."""
    require(actor, Action.CHANGE, organisation)
    changes = given(
        name=name,
        kind=kind,
        country=country,
        vat_number=vat_number,
        duns=duns,
        lei=lei,
        two_factor_required=two_factor_required,
        time_zone=time_zone,
        locale=locale,
    )
    return tracked_update(actor=actor, instance=organisation, version=version, changes=changes)


def membership_add(
    *, actor: User, organisation: Organisation, user: User, role: str, _bootstrap: bool = False
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
    _adopt_formats(actor=actor, user=user, organisation=organisation)
    return membership


def _adopt_formats(*, actor: User, user: User, organisation: Organisation) -> None:
    """A person without a time zone or number format of their own takes the organisation's."""
    adopted = {
        name: getattr(organisation, name) for name in ("time_zone", "locale") if not getattr(user, name)
    }
    if adopted:
        person = User._default_manager.get(pk=user.pk)  # `user` may be a request's lazy object
        updated = tracked_update(actor=actor, instance=person, version=None, changes=adopted)
        user.time_zone, user.locale = updated.time_zone, updated.locale


def membership_set_role(*, actor: User, membership: Membership, role: str) -> Membership:
    """Change a member's role (admins); the last admin keeps theirs. The model checks the role."""
    require(actor, Action.MANAGE, membership.organisation)
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        _keep_an_admin(membership)
    updated = tracked_update(actor=actor, instance=membership, version=None, changes={"role": role})
    members.forget(membership.user)
    return updated


def membership_remove(*, actor: User, membership: Membership) -> None:
    require(actor, Action.MANAGE, membership.organisation)
    if membership.role == Role.ADMIN:
        _keep_an_admin(membership)
    tracked_delete(actor=actor, instance=membership)


def _keep_an_admin(membership: Membership) -> None:
    if not members.another_admin(membership):
        raise ValidationFailed.single("role", "An organisation must keep at least one admin.")
