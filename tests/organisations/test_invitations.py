"""Invitations: signed, expiring, single-use links, for newcomers and existing accounts."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from concord.access.models import Membership, Party
from concord.access.roles import Role
from concord.core.errors import Forbidden, ValidationFailed
from concord.invitations import services as invitations
from concord.organisations.models import Invitation, Organisation
from tests.world import World, make_user

LINK = re.compile(r"http://\S+/invitations/(\S+)/")


def _link_from_mail() -> str:
    match = LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return f"/invitations/{match.group(1)}/"


@pytest.mark.django_db(transaction=True)
def test_newcomer_accepts_member_invitation_by_email_link(world: World, client_for: Any) -> None:
    mail.outbox.clear()
    client_for("buyer_lead").post(
        f"/organisations/{world.buyer.pk}/invite/", {"email": "Kim@Buyer.test", "role": "member"}
    )
    assert mail.outbox[-1].to == ["kim@buyer.test"]
    link = _link_from_mail()
    newcomer = Client()
    assert "Create your account" in newcomer.get(link).content.decode()
    weak = newcomer.post(link, {"full_name": "Kim", "password": "123"})
    assert weak.status_code == 200 and "password" in weak.content.decode().lower()
    done = newcomer.post(link, {"full_name": "Kim Kaur", "password": "kim-long-passphrase-9"})
    assert done.status_code == 302
    assert Membership.unscoped.get(user__email="kim@buyer.test").role == Role.MEMBER
    assert newcomer.get("/api/v1/me").json()["email"] == "kim@buyer.test"
    # single use: the same link is dead now
    assert Client().get(link).status_code == 404


def test_existing_account_is_asked_to_sign_in_then_accepts(world: World) -> None:
    existing = make_user("ext@buyer.test", "Ext Person")
    inv = invitations.invite_member(
        actor=world.user("buyer_lead"),
        organisation=world.buyer,
        email="ext@buyer.test",
        role=Role.VIEWER,
    )
    link = "/invitations/" + invitations.invitation_link(inv).rsplit("/invitations/", 1)[1]
    assert "Sign in to accept" in Client().get(link).content.decode()
    client = Client()
    client.force_login(existing)
    response = client.post(link, {})
    assert response.status_code == 302, response.content.decode()[-1500:]
    assert Membership.unscoped.filter(user=existing, organisation=world.buyer).exists()


def test_wrong_account_cannot_use_someone_elses_link(world: World) -> None:
    with pytest.raises(Forbidden):
        invitations.invitation_accept(actor=world.user("outsider"), invitation=world.pending_invitation)


def test_expired_and_revoked_links_are_refused(world: World) -> None:
    inv = world.pending_invitation
    token = invitations.invitation_link(inv).rsplit("/invitations/", 1)[1].strip("/")
    Invitation.unscoped.filter(pk=inv.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationFailed):
        invitations.invitation_from_token(token)
    Invitation.unscoped.filter(pk=inv.pk).update(expires_at=timezone.now() + timedelta(days=1))
    invitations.invitation_revoke(actor=world.user("buyer_lead"), invitation=inv)
    with pytest.raises(ValidationFailed):
        invitations.invitation_from_token(token)


def test_tampered_token_is_refused() -> None:
    with pytest.raises(ValidationFailed):
        invitations.invitation_from_token("eyJpIjoxfQ:forged:signature")


def test_supplier_invitation_creates_supplier_org_and_party(world: World) -> None:
    kam = make_user("kam@second.test", "Kai Second")
    inv = invitations.invite_partner(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        email="kam@second.test",
        supplier_name="Second Supplier",
    )
    org = invitations.invitation_accept(actor=kam, invitation=inv)
    assert org.name == "Second Supplier" and org.kind == "supplier"
    party = Party.unscoped.get(partnership=world.partnership, organisation=org)
    assert party.side == "supplier" and party.manager == kam
    assert Membership.unscoped.get(user=kam, organisation=org).role == Role.ADMIN


def test_supplier_admin_can_join_with_existing_organisation(world: World) -> None:
    other_buyer_admin = world.user("outsider")
    second = invitations.invite_partner(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        email="someone@other.test",
        supplier_name="ignored",
    )
    org = invitations.invitation_accept(actor=other_buyer_admin, invitation=second, organisation=world.other)
    assert org == world.other
    assert Organisation.unscoped.filter(name="ignored").count() == 0


def test_only_buyer_admin_may_invite_a_supplier(world: World) -> None:
    for persona in ("buyer_viewer", "supplier_lead"):
        with pytest.raises(Forbidden):
            invitations.invite_partner(
                actor=world.user(persona),
                partnership=world.partnership,
                email="x@y.test",
                supplier_name="X",
            )


def test_last_admin_cannot_be_demoted(world: World) -> None:
    from concord.organisations.services import membership_set_role

    lead = world.user("buyer_lead")
    own = Membership.unscoped.get(user=lead, organisation=world.buyer)
    with pytest.raises(ValidationFailed):
        membership_set_role(actor=lead, membership=own, role=Role.MEMBER)
