"""Erasure of a person's personal data: pseudonymised everywhere, the audit trail still verifies,
the erasure itself is audited, the records they wrote stay."""

import io
import json
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.test import Client

from concord.access.roles import Role, Visibility
from concord.accounts.models import User
from concord.accounts.services import token_authenticate, token_create
from concord.audit.models import AuditEvent
from concord.audit.trail import chain_keys, verify
from concord.core.errors import Forbidden, NotFound, ValidationFailed
from concord.governance.services import structure as governance
from concord.meetings import services as meetings
from concord.partnerships import services as partnerships
from concord.partnerships.models import Note
from concord.privacy.services import is_erased, person_erase
from tests.world import PASSWORD, World, join, make_user

NAME, EMAIL = "Nina Nightingale", "nina@buyer.test"


def mentions(*needles: str) -> list[str]:
    """Every text value of every row of every model (via the ORM) that holds one of `needles`."""
    found = []
    for model in apps.get_models():
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not names:
            continue
        for pk, *values in model._base_manager.values_list("pk", *names).iterator():
            for name, value in zip(names, values, strict=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(n.casefold() in (text or "").casefold() for n in needles):
                    found.append(f"{model._meta.label}.{name} #{pk}: {text[:80]}")
    return found


@pytest.fixture
def nina(world: World) -> User:
    """A buyer member who wrote a note, attends the buyer's internal meeting, is in the partnership's
    directory and RACI matrix, has a token and a session, and once mistyped her password."""
    person = make_user(EMAIL, NAME)
    lead = world.user("buyer_lead")
    join(lead, world.buyer, person, Role.MEMBER)
    partnerships.note_create(
        actor=person, partnership=world.partnership, body="Film trial went well", title="Trial"
    )
    meetings.attendees_add(actor=lead, meeting=world.meeting, user_ids=[person.pk])
    meetings.feed_create(actor=person)
    entry = governance.key_person_add(
        actor=lead, partnership=world.partnership, person=person.pk, role_title="Quality lead"
    )
    activity = governance.activity_add(actor=lead, partnership=world.partnership, title="Audits")
    governance.assignment_set(actor=lead, activity=activity, key_person=entry.pk, role="R")
    token_create(actor=person, name="work laptop")
    Client().post("/account/login/", {"username": EMAIL, "password": "wrong"})
    return person


def _erase(world: World, person: User, reason: str = "Request of 2026-11-30, ticket 42") -> Any:
    return person_erase(actor=world.user("buyer_lead"), person=person, reason=reason)


def test_the_person_is_gone_from_every_text_column_and_the_trail_still_verifies(
    world: World, nina: User
) -> None:
    assert mentions(NAME), "the test needs the name somewhere first"
    assert mentions(EMAIL)
    before = {key: verify(key) for key in chain_keys()}
    assert all(v.intact for v in before.values())
    done = _erase(world, nina)
    assert done.events >= 3
    assert mentions(NAME, EMAIL) == []
    after = {key: verify(key) for key in chain_keys()}
    assert all(v.intact for v in after.values()), [v for v in after.values() if not v.intact]
    # nothing rewritten: every chain keeps its length and head, plus the erasure's own event
    person_chain = f"person:{nina.pk}"
    for key, verdict in before.items():
        grew = 1 if key == person_chain else 0
        assert after[key].length == verdict.length + grew
        if not grew:
            assert after[key].head == verdict.head
    assert after[person_chain].erased >= 1
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "chains intact" in out.getvalue() and "erased personal data" in out.getvalue()


def test_the_account_is_pseudonymised_and_locked(world: World, nina: User) -> None:
    _, secret = token_create(actor=nina, name="ci")
    browser = Client()
    browser.force_login(nina)
    assert browser.get("/").status_code == 200
    _erase(world, nina)
    nina.refresh_from_db()
    assert nina.full_name == f"Former member #{nina.pk}" and str(nina) == nina.full_name
    assert nina.email == f"erased-{nina.pk}@erased.invalid" and is_erased(nina)
    assert not nina.has_usable_password() and not nina.is_active
    assert token_authenticate(secret) is None
    assert browser.get("/").status_code == 302  # signed out
    assert not User.objects.get(pk=nina.pk).check_password(PASSWORD)


def test_the_records_they_wrote_stay_under_the_pseudonym(world: World, nina: User, client_for: Any) -> None:
    note = Note.unscoped.get(created_by=nina)
    _erase(world, nina)
    note.refresh_from_db()
    assert note.body == "Film trial went well" and note.created_by_id == nina.pk
    page = client_for("buyer_lead").get(f"/notes/{note.pk}/history/")
    assert f"Former member #{nina.pk}" in page.content.decode() and NAME not in page.content.decode()


def test_the_erasure_is_audited_without_the_erased_data(world: World, nina: User) -> None:
    _erase(world, nina, reason="Request of 2026-11-30, ticket 42")
    event = AuditEvent.unscoped.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=nina.pk
    ).first()
    assert event is not None and event.actor_id == world.user("buyer_lead").pk
    assert event.reason == "Request of 2026-11-30, ticket 42"
    assert event.changes == {"personal_data": ["kept", "erased"], "is_active": [True, False]}
    assert event.object_repr == f"Former member #{nina.pk}"


def test_the_reason_is_required_and_may_not_name_them(world: World, nina: User) -> None:
    for reason in ["", "  ", f"{NAME} asked", f"mail from {EMAIL.upper()}"]:
        with pytest.raises(ValidationFailed) as caught:
            _erase(world, nina, reason=reason)
        assert "reason" in caught.value.errors
    assert not is_erased(User.objects.get(pk=nina.pk))


def test_who_may_erase(world: World, nina: User) -> None:
    with pytest.raises(Forbidden):  # a viewer of her organisation
        person_erase(actor=world.user("buyer_viewer"), person=nina, reason="r")
    for persona in ("supplier_lead", "outsider"):  # not her organisation
        with pytest.raises(NotFound):
            person_erase(actor=world.user(persona), person=nina, reason="r")
    lead = world.user("buyer_lead")
    with pytest.raises(Forbidden, match="your own"):
        person_erase(actor=lead, person=lead, reason="r")
    join(world.user("outsider"), world.other, nina, Role.MEMBER)  # also in an organisation lead does not run
    with pytest.raises(Forbidden, match="operator"):
        _erase(world, nina)
    person_erase(actor=None, person=nina, reason="Request, ticket 42")  # the operator may
    with pytest.raises(Exception, match="already"):
        person_erase(actor=None, person=User.objects.get(pk=nina.pk), reason="again")


def test_the_command(world: World, nina: User) -> None:
    with pytest.raises(CommandError):
        call_command("erase-person", EMAIL, "--reason", "ticket 42", "--as", "viewer@buyer.test")
    out = io.StringIO()
    call_command(
        "erase-person", EMAIL.upper(), "--reason", "ticket 42", "--as", "lead@buyer.test", stdout=out
    )
    assert f"Former member #{nina.pk}" in out.getvalue()
    assert mentions(EMAIL) == []
    with pytest.raises(CommandError, match="no account"):
        call_command("erase-person", EMAIL, "--reason", "ticket 42")


def test_erasing_a_viewer_keeps_the_shared_and_internal_history_readable(
    world: World, client_for: Any
) -> None:
    """The viewer attends the buyer's internal meeting (an event labelled with her name in the
    buyer's own chain): after erasure that chain verifies and the label is the pseudonym."""
    viewer = world.user("buyer_viewer")
    _erase(world, viewer)
    assert mentions("Vic Viewer", "viewer@buyer.test") == []
    response = client_for("buyer_lead").get(f"/api/v1/partnerships/{world.partnership.pk}/audit/verify")
    assert response.json()["intact"] is True
    assert world.meeting.visibility == Visibility.INTERNAL


def test_an_admin_erases_a_member_from_the_organisation_page(
    world: World, nina: User, client_for: Any
) -> None:
    """The page asks for a reason and a confirmation; a reason that names the person is refused
    on its field and nothing happens; then the member is erased and shown under the pseudonym."""
    from concord.access.models import Membership

    membership = Membership.unscoped.get(user=nina, organisation=world.buyer)
    url = f"/organisations/{world.buyer.pk}/members/{membership.pk}/erase/"
    admin = client_for("buyer_lead")
    detail = admin.get(f"/organisations/{world.buyer.pk}/").content.decode()
    assert url in detail  # offered on the member's row
    assert "Former member" in admin.get(url).content.decode()
    unconfirmed = admin.post(url, {"reason": "Request of 2026-11-30"})
    named = admin.post(url, {"reason": f"{NAME} asked", "confirm": "on"})
    assert (unconfirmed.status_code, named.status_code) == (422, 422)
    assert 'id="id_confirm_error"' in unconfirmed.content.decode()
    assert 'id="id_reason_error"' in named.content.decode()
    assert not is_erased(User.objects.get(pk=nina.pk))
    done = admin.post(url, {"reason": "Request of 2026-11-30, ticket 42", "confirm": "on"})
    assert done.status_code == 302
    nina.refresh_from_db()
    assert is_erased(nina) and NAME not in admin.get(f"/organisations/{world.buyer.pk}/").content.decode()
    assert admin.post(url, {"reason": "Again", "confirm": "on"}).status_code == 409  # already erased
