"""Notifications the moment something happens: who hears of what, by which way (their settings),
once, and never of a record they may not open. Writes go through the services; the delivery runs
as in production, after the commit (the immediate task backend), and its emails are read back."""

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from concord.access.models import Party
from concord.access.roles import Visibility
from concord.commitments.models import CommitmentSource
from concord.commitments.services import demands, ledger
from concord.core.errors import ValidationFailed
from concord.meetings import services as meetings
from concord.notifications import preferences, services
from concord.notifications.models import Delivery, Notification, NotificationKind
from tests.world import World, soon


def _kinds(world: World, persona: str) -> list[str]:
    """The kinds of what `persona` was told of events (the world's reminders left aside)."""
    told = Notification.unscoped.filter(user=world.user(persona), key__startswith="event:")
    return sorted(told.values_list("kind", flat=True))


def _mail_to(world: World, persona: str) -> list[Any]:
    return [m for m in mail.outbox if m.to == [world.user(persona).email]]


def test_a_demand_reaches_the_asked_side_at_once_and_its_answer_comes_back(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    bea, sol = world.user("buyer_lead"), world.user("supplier_lead")
    with django_capture_on_commit_callbacks(execute=True):
        demand = demands.demand_raise(actor=bea, partnership=world.partnership, title="Second film line")
    assert _kinds(world, "supplier_lead") == [NotificationKind.DEMAND_RAISED]
    assert _kinds(world, "buyer_lead") == []  # nobody hears of their own action
    [email] = _mail_to(world, "supplier_lead")
    assert "Second film line" in email.subject and f"/demands/{demand.pk}/" in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with django_capture_on_commit_callbacks(execute=True):
        demands.demand_answer(
            actor=sol,
            demand=demand,
            version=1,
            kind="yes",
            rationale="Capacity is there",
            promised_on=soon(9),
        )
    assert _kinds(world, "buyer_lead") == [NotificationKind.DEMAND_ANSWERED]
    [answer] = _mail_to(world, "buyer_lead")
    assert "answered" in answer.subject


def test_a_delivery_run_twice_notifies_and_emails_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    from concord.audit.models import AuditEvent

    bea = world.user("buyer_lead")
    with django_capture_on_commit_callbacks(execute=True):
        demands.demand_raise(actor=bea, partnership=world.partnership, title="Twice")
    event = AuditEvent.unscoped.order_by("-pk").first()
    assert event is not None
    assert services.deliver([event.pk]) == 0
    assert Notification.unscoped.filter(kind=NotificationKind.DEMAND_RAISED).count() == 1
    assert len(mail.outbox) == 1


def test_an_internal_record_never_reaches_the_other_side(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """The supplier lead manages the supplier's side, so a commitment the buyer delivers is news to
    them — unless it is internal to the buyer."""
    bea, sol = world.user("buyer_lead"), world.user("supplier_lead")
    Party.unscoped.filter(partnership=world.partnership, organisation=world.supplier).update(manager=sol)
    made = {}
    for visibility in (Visibility.INTERNAL, Visibility.SHARED):
        made[visibility] = ledger.assign(
            actor=bea,
            partnership_id=world.partnership.pk,
            owner_orgs=[world.buyer.pk],
            visibility=visibility,
            owner_person_id=bea.pk,
            title=f"Buyer {visibility} promise",
            promised_on=soon(3),
            source=CommitmentSource.DIRECT,
        )
    with django_capture_on_commit_callbacks(execute=True):
        for commitment in made.values():
            ledger.commitment_deliver(actor=bea, commitment=commitment, version=commitment.version)
    told = Notification.unscoped.filter(user=sol, kind=NotificationKind.COMMITMENT_CHANGED)
    assert [n.text for n in told] == [
        "Buyer Co's commitment “Buyer shared promise” was delivered on " + str(timezone.localdate()) + "."
    ]
    assert not any("internal promise" in m.body or "internal promise" in m.subject for m in mail.outbox)


def test_a_person_chooses_how_they_hear_of_each_kind(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    bea, sol = world.user("buyer_lead"), world.user("supplier_lead")
    preferences.preferences_set(
        actor=sol, user=sol, choices={NotificationKind.DEMAND_RAISED: Delivery.DIGEST}
    )
    with django_capture_on_commit_callbacks(execute=True):
        demands.demand_raise(actor=bea, partnership=world.partnership, title="For the digest")
    assert _kinds(world, "supplier_lead") == [NotificationKind.DEMAND_RAISED] and not mail.outbox
    services.send_digests(timezone.localdate())
    [digest] = _mail_to(world, "supplier_lead")
    assert "For the digest" in digest.body
    preferences.preferences_set(actor=sol, user=sol, choices={NotificationKind.DEMAND_RAISED: Delivery.OFF})
    with django_capture_on_commit_callbacks(execute=True):
        demands.demand_raise(actor=bea, partnership=world.partnership, title="Not at all")
    assert not Notification.unscoped.filter(user=sol, text__contains="Not at all").exists()
    with pytest.raises(ValidationFailed):  # reminders are made once a day: never "at once"
        preferences.preferences_set(
            actor=sol, user=sol, choices={NotificationKind.COMMITMENT_DUE: Delivery.IMMEDIATE}
        )


def test_the_unsubscribe_link_of_an_email_stops_that_kind_of_email(
    world: World, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    bea, sol = world.user("buyer_lead"), world.user("supplier_lead")
    with django_capture_on_commit_callbacks(execute=True):
        demands.demand_raise(actor=bea, partnership=world.partnership, title="First")
    [email] = mail.outbox
    link = email.extra_headers["List-Unsubscribe"].strip("<>").split("testserver", 1)[-1]
    link = link[link.index("/notifications/") :]
    assert client.get(link).status_code == 200  # asks: link checkers follow links
    assert preferences.preferences_of(sol)[NotificationKind.DEMAND_RAISED] == Delivery.IMMEDIATE
    assert client.post(link).status_code == 200  # one click, no session (RFC 8058)
    assert preferences.preferences_of(sol)[NotificationKind.DEMAND_RAISED] == Delivery.APP
    with django_capture_on_commit_callbacks(execute=True):
        demands.demand_raise(actor=bea, partnership=world.partnership, title="Second")
    assert Notification.unscoped.filter(user=sol, text__contains="Second").exists()
    assert len(mail.outbox) == 1
    assert client.get(link[:-3] + "xx/").status_code == 404  # a link not made here


def test_meetings_and_owners(world: World, django_capture_on_commit_callbacks: Any) -> None:
    """Attendees hear of a meeting in the app (its email is the calendar invitation); a person
    named owner of a commitment hears of it."""
    bea, sol = world.user("buyer_lead"), world.user("supplier_lead")
    starts = timezone.now().replace(second=0, microsecond=0) + timezone.timedelta(days=4)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meetings.meeting_schedule(
            actor=bea, partnership=world.partnership, title="QBR", starts_at=starts
        )
    assert NotificationKind.MEETING_SCHEDULED in _kinds(world, "supplier_lead")
    assert [m.subject for m in _mail_to(world, "supplier_lead")] == ["Invitation: QBR"]
    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_cancel(actor=bea, meeting=meeting, version=meeting.version)
    assert NotificationKind.MEETING_CANCELLED in _kinds(world, "supplier_lead")
    member = world.user("supplier_member")
    with django_capture_on_commit_callbacks(execute=True):
        ledger.commitment_give(
            actor=sol,
            partnership=world.partnership,
            title="Ship samples",
            promised_on=soon(2),
            owner_person_id=member.pk,
        )
    assert _kinds(world, "supplier_member") == [NotificationKind.OWNER_NAMED]


def test_the_settings_page_and_the_api_say_the_same(world: World, client_for: Any) -> None:
    page = client_for("buyer_lead")
    assert page.post("/notifications/settings/", {"demand_answered": "app"}).status_code == 302
    api = client_for("buyer_lead")
    found = {p["kind"]: p for p in api.get("/api/v1/me/notification-preferences").json()}
    assert found["demand_answered"]["delivery"] == "app"
    assert found["commitment_due"]["choices"] == ["digest", "app", "off"]
    bad = api.patch(
        "/api/v1/me/notification-preferences",
        {"commitment_due": "immediate"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "commitment_due"
    ok = api.patch(
        "/api/v1/me/notification-preferences", {"demand_raised": "off"}, content_type="application/json"
    )
    assert {p["kind"]: p["delivery"] for p in ok.json()}["demand_raised"] == "off"
    assert {p["kind"]: p["delivery"] for p in ok.json()}["demand_answered"] == "app"  # left out: stays


def test_signatures_ask_the_other_side_then_tell_everyone(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    from concord.vision.services.document import vision_sign

    bea, sol = world.user("buyer_lead"), world.user("supplier_lead")
    number = world.vision_revision.number
    with django_capture_on_commit_callbacks(execute=True):
        vision_sign(actor=bea, partnership=world.partnership, number=number)
    assert _kinds(world, "supplier_lead") == [NotificationKind.SIGNATURE_REQUESTED]
    with django_capture_on_commit_callbacks(execute=True):
        vision_sign(actor=sol, partnership=world.partnership, number=number)
    assert _kinds(world, "buyer_lead") == [NotificationKind.SIGNATURE_COMPLETE]


def test_a_mention_reaches_a_person_who_may_read_it(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    from concord.partnerships.services import note_create

    sol, bea = world.user("supplier_lead"), world.user("buyer_lead")
    with django_capture_on_commit_callbacks(execute=True):
        note_create(
            actor=sol, partnership=world.partnership, body=f"@{bea.full_name.upper()} can you confirm?"
        )
        note_create(
            actor=sol,
            partnership=world.partnership,
            body=f"Between us: @{bea.full_name} will push back.",
            visibility=Visibility.INTERNAL,
        )
    told = Notification.unscoped.filter(user=bea, kind=NotificationKind.MENTIONED)
    assert [n.text for n in told] == [
        f"{world.supplier.name} mentioned you in a note."
    ]  # not the internal one


def test_the_agreements_author_hears_of_positions_on_its_clauses_unless_internal(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    from concord.agreements.models import Agreement
    from concord.agreements.services import note_add

    sol, bea = world.user("supplier_lead"), world.user("buyer_lead")
    Agreement.unscoped.filter(pk=world.agreement.pk).update(created_by=bea)
    with django_capture_on_commit_callbacks(execute=True):
        note_add(actor=sol, clause=world.clause, body="We can accept 30 days.")
        note_add(actor=sol, clause=world.clause, body="Hold firm here.", visibility=Visibility.INTERNAL)
    assert _kinds(world, "buyer_lead") == [NotificationKind.COMMENT_ON_MINE]
