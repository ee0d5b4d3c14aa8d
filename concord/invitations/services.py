"""Invitations: signed, expiring, single-use links sent by email.

The link carries a signed invitation id (django.core.signing, so it cannot be forged or guessed);
expiry is checked both by the signature's age and the stored `expires_at`; `accepted_at` makes it
single-use. The accepting account must own the invited email address, so a forwarded link cannot
be used by someone else.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from concord.access import members
from concord.access.models import Membership, Party
from concord.access.policy import require, require_org_admin, require_partner_inviter
from concord.access.roles import Action, Role, Side
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import Forbidden, ValidationFailed
from concord.core.mail import send_templated
from concord.organisations.models import Invitation, InvitationKind, Organisation, OrganisationKind
from concord.organisations.services import membership_add, organisation_create
from concord.partnerships.models import Partnership
from concord.partnerships.services import party_add

_SALT = "concord.invitation"
INVALID = "This invitation link is not valid, has expired or has already been used."


def _expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.CONCORD_INVITATION_DAYS)


def invitation_link(invitation: Invitation) -> str:
    token = signing.dumps({"i": invitation.pk}, salt=_SALT)
    return settings.SITE_URL + reverse("invitation-accept", args=[token])


def _send(invitation: Invitation) -> None:
    send_templated(
        to=invitation.email,
        subject=f"{invitation.organisation.name} invites you to Concord",
        template="invitations/email/invitation.txt",
        context={"invitation": invitation, "link": invitation_link(invitation)},
    )


def invite_member(*, actor: User, organisation: Organisation, email: str, role: str) -> Invitation:
    """An organisation's admin invites a person by email; the model checks the address and role."""
    require(actor, Action.MANAGE, organisation)
    email = email.lower()  # addresses are compared in lower case (accounts.User keeps them so)
    if Membership.unscoped.filter(organisation=organisation, user__email=email).exists():
        raise ValidationFailed.single("email", f"{email} is already a member.")
    invitation = Invitation(
        kind=InvitationKind.MEMBER,
        email=email,
        organisation=organisation,
        role=role,
        created_by=actor,
        expires_at=_expiry(),
    )
    tracked_create(actor=actor, instance=invitation)
    transaction.on_commit(lambda: _send(invitation))
    return invitation


def invite_partner(*, actor: User, partnership: Partnership, email: str, supplier_name: str) -> Invitation:
    """A buying organisation's admin invites a supplier organisation into the partnership. The
    model checks the address and that the supplier is named."""
    require_partner_inviter(actor, partnership)
    buyer = (
        Party.unscoped.select_related("organisation")
        .get(partnership=partnership, side=Side.BUYER)
        .organisation
    )
    invitation = Invitation(
        kind=InvitationKind.PARTNER,
        email=email.lower(),
        organisation=buyer,
        role=Role.ADMIN,
        partnership=partnership,
        supplier_name=supplier_name,
        created_by=actor,
        expires_at=_expiry(),
    )
    tracked_create(actor=actor, instance=invitation)
    transaction.on_commit(lambda: _send(invitation))
    return invitation


def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    require(actor, Action.MANAGE, invitation.organisation)
    if invitation.status != "pending":
        raise ValidationFailed.single("__all__", "Only a pending invitation can be revoked.")
    return tracked_update(
        actor=actor, instance=invitation, version=None, changes={"revoked_at": timezone.now()}
    )


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation a link names, or ValidationFailed for anything else."""
    max_age = timedelta(days=settings.CONCORD_INVITATION_DAYS)
    try:
        payload = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.BadSignature as exc:
        raise ValidationFailed.single("token", INVALID) from exc
    invitation = (
        Invitation.unscoped.select_related("organisation", "partnership", "created_by")
        .filter(pk=payload.get("i"))
        .first()
    )
    if invitation is None or invitation.status != "pending":
        raise ValidationFailed.single("token", INVALID)
    return invitation


def invitation_accept(
    *, actor: User, invitation: Invitation, organisation: Organisation | None = None
) -> Organisation:
    """Accept as `actor`. A partner invitation joins `organisation` (one the actor administers) or,
    when none is given, a new supplier organisation named in the invitation."""
    if actor.email.lower() != invitation.email.lower():
        raise Forbidden(f"This invitation was sent to {invitation.email}; sign in with that address.")
    with transaction.atomic():
        locked = Invitation.unscoped.select_for_update().get(pk=invitation.pk)
        if locked.status != "pending":
            raise ValidationFailed.single("token", INVALID)
        if locked.kind == InvitationKind.MEMBER:
            joined = locked.organisation
            membership_add(actor=actor, organisation=joined, user=actor, role=locked.role, _bootstrap=True)
        else:
            joined = _join_partnership(actor, locked, organisation)
        tracked_update(
            actor=actor,
            instance=locked,
            version=None,
            changes={"accepted_at": timezone.now(), "accepted_by": actor},
        )
    members.forget(actor)
    return joined


def _join_partnership(actor: User, invitation: Invitation, organisation: Organisation | None) -> Organisation:
    if organisation is None:
        organisation = organisation_create(
            actor=actor, name=invitation.supplier_name, kind=OrganisationKind.SUPPLIER
        )
    else:
        require_org_admin(actor, organisation.pk)
    assert invitation.partnership is not None  # partner invitations always name one
    party_add(
        actor=actor,
        partnership=invitation.partnership,
        organisation=organisation,
        side=Side.SUPPLIER,
        _invited=True,
    )
    return organisation
