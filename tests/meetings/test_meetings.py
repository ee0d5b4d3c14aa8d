"""Meetings: invitations with .ics parsed back, updates and cancellations, calendar feeds, the
agenda drafted from live data without leaking internal records, attendees, decisions and actions."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from concord.access.roles import Visibility
from concord.commitments import selectors as commitment_reads
from concord.commitments.services import ledger, plans
from concord.core.errors import Forbidden, NotFound, ValidationFailed
from concord.goals import services as goals
from concord.meetings import selectors, services
from concord.meetings.models import MeetingStatus
from tests.world import World, soon


def _events(payload: bytes) -> list[Any]:
    return list(Calendar.from_ical(payload).walk("VEVENT"))


def _schedule(world: World, capture: Any, **kw: Any) -> Any:
    fields = {
        "title": "Q4 business review",
        "kind": "qbr",
        "starts_at": timezone.now() + datetime.timedelta(days=7),
        "duration_minutes": 90,
        "location": "https://meet.example/q4",
    } | kw
    with capture(execute=True):
        return services.meeting_schedule(
            actor=world.user("buyer_lead"), partnership=world.partnership, **fields
        )


def test_invitations_carry_an_ics_that_parses_back(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    meeting = _schedule(world, django_capture_on_commit_callbacks)
    recipients = sorted(m.to[0] for m in mail.outbox)
    # The scheduler and the other side's partnership manager (the supplier lead), not the whole partner.
    assert recipients == ["lead@buyer.test", "lead@supplier.test"]
    message = mail.outbox[0]
    name, payload, mimetype = message.attachments[0]
    assert name == "invite.ics" and mimetype.startswith("text/calendar; method=REQUEST")
    calendar = Calendar.from_ical(payload)
    assert str(calendar["method"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"{meeting.uid}@concord" and int(event["sequence"]) == 0
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(minutes=90)
    assert str(event["location"]) == "https://meet.example/q4"
    assert {str(a) for a in event.get("attendee")} == {"mailto:lead@buyer.test", "mailto:lead@supplier.test"}


def test_moving_a_meeting_updates_the_same_event_and_cancelling_cancels_it(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = _schedule(world, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    later = meeting.starts_at + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        moved = services.meeting_update(
            actor=world.user("buyer_lead"), meeting=meeting, version=1, starts_at=later
        )
    assert moved.sequence == 1 and len(mail.outbox) == 2
    (event,) = _events(mail.outbox[0].attachments[0][1])
    assert int(event["sequence"]) == 1 and event.decoded("dtstart") == later
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(actor=world.user("buyer_lead"), meeting=moved, version=2, title="Q4 QBR")
    assert mail.outbox == []  # a new title alone does not move anyone's calendar
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.meeting_cancel(actor=world.user("buyer_lead"), meeting=moved, version=3)
    calendar = Calendar.from_ical(mail.outbox[-1].attachments[0][1])
    assert str(calendar["method"]) == "CANCEL" and str(calendar.walk("VEVENT")[0]["status"]) == "CANCELLED"
    assert cancelled.status == MeetingStatus.CANCELLED
    with pytest.raises(Forbidden):
        services.meeting_update(actor=world.user("supplier_lead"), meeting=cancelled, version=4, title="x")


def test_each_side_invites_its_own_people(world: World, django_capture_on_commit_callbacks: Any) -> None:
    with pytest.raises(ValidationFailed) as caught:
        _schedule(world, django_capture_on_commit_callbacks, attendee_ids=[world.user("supplier_member").pk])
    assert "attendee_ids" in caught.value.errors
    meeting = _schedule(world, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.attendees_add(
            actor=world.user("supplier_lead"), meeting=meeting, user_ids=[world.user("supplier_member").pk]
        )
    with pytest.raises(ValidationFailed):
        services.attendees_add(
            actor=world.user("supplier_lead"), meeting=meeting, user_ids=[world.user("buyer_viewer").pk]
        )
    # The internal meeting takes only the buyer's people, and the supplier cannot even find it.
    with pytest.raises(NotFound):
        services.attendees_add(
            actor=world.user("supplier_lead"),
            meeting=world.meeting,
            user_ids=[world.user("supplier_lead").pk],
        )


def test_a_joint_agenda_never_carries_internal_records(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    lead = world.user("buyer_lead")
    off = goals.goal_create(
        actor=lead,
        partnership=world.partnership,
        title="Secret dual sourcing",
        baseline="0",
        target="100",
        start_date=datetime.date(2026, 1, 1),
        due_date=datetime.date(2026, 12, 31),
        visibility=Visibility.INTERNAL,
    )
    goals.measurement_add(actor=lead, goal=off, measured_on=datetime.date(2026, 1, 31), value="1")
    shared_off = goals.goal_create(
        actor=lead,
        partnership=world.partnership,
        title="Joint cost down",
        baseline="0",
        target="100",
        start_date=datetime.date(2026, 1, 1),
        due_date=datetime.date(2026, 12, 31),
    )
    goals.measurement_add(actor=lead, goal=shared_off, measured_on=datetime.date(2026, 1, 31), value="1")
    joint = _schedule(world, django_capture_on_commit_callbacks)
    assert "Joint cost down" in joint.agenda and "Monthly safety stock report" in joint.agenda
    assert "Secret dual sourcing" not in joint.agenda
    internal = _schedule(world, django_capture_on_commit_callbacks, visibility=Visibility.INTERNAL)
    assert "Secret dual sourcing" in internal.agenda


def test_feed_shows_attended_meetings_and_stops_when_revoked(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    joint = _schedule(world, django_capture_on_commit_callbacks)
    anonymous = client_for("anon")
    buyer_feed = anonymous.get(f"/calendar/{world.feed_secret}.ics")
    assert buyer_feed["Content-Type"].startswith("text/calendar")
    titles = {str(e["summary"]) for e in _events(buyer_feed.content)}
    assert titles == {
        "Supplier strategy (internal) (Check-in)",
        "Q4 business review (Quarterly business review)",
    }
    supplier_feed, secret = services.feed_create(actor=world.user("supplier_lead"))
    seen = {str(e["uid"]) for e in _events(anonymous.get(f"/calendar/{secret}.ics").content)}
    assert seen == {f"{joint.uid}@concord"}  # never the buyer's internal meeting
    services.feed_revoke(actor=world.user("supplier_lead"), feed=supplier_feed)
    assert anonymous.get(f"/calendar/{secret}.ics").status_code == 404
    assert anonymous.get("/calendar/cal_guess.ics").status_code == 404
    with pytest.raises(NotFound):
        selectors.feed_get(actor=world.user("supplier_lead"), pk=world.feed.pk)


def test_minutes_decisions_and_actions(world: World, django_capture_on_commit_callbacks: Any) -> None:
    lead, sol = world.user("buyer_lead"), world.user("supplier_lead")
    meeting = _schedule(world, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationFailed):  # not started yet
        services.meeting_record(actor=lead, meeting=meeting, version=1, minutes="We met.")
    decision = services.decision_add(
        actor=sol,
        meeting=meeting,
        text="Move to consignment stock",
        rationale="Cuts stock-outs",
        goal_id=world.goal_shared.pk,
    )
    assert decision.goal == world.goal_shared
    with pytest.raises(ValidationFailed) as caught:
        services.decision_add(
            actor=lead, meeting=meeting, text="x", rationale="y", goal_id=world.goal_internal.pk
        )
    assert "goal_id" in caught.value.errors  # an internal goal cannot be linked from a joint meeting
    action = services.action_add(
        actor=lead,
        meeting=meeting,
        title="Send the consignment contract",
        promised_on=soon(5),
        owner_person_id=sol.pk,
    )
    assert (
        action.owner_id == world.supplier.pk
        and action.visibility == Visibility.SHARED
        and action.meeting == meeting
    )
    todo = services.action_add(
        actor=lead,
        meeting=world.meeting,
        title="Benchmark film prices",
        promised_on=soon(1),
        owner_person_id=lead.pk,
    )
    assert todo.visibility == Visibility.INTERNAL
    with pytest.raises(ValidationFailed):
        services.action_add(
            actor=lead, meeting=world.meeting, title="x", promised_on=soon(), owner_person_id=sol.pk
        )
    seen_by_supplier = commitment_reads.commitment_list(actor=sol, partnership=world.partnership)
    assert todo.pk not in {c.pk for c in seen_by_supplier}
    log = selectors.decision_log(actor=world.user("supplier_member"), partnership=world.partnership)
    assert [d.text for d in log] == ["Move to consignment stock"]


def test_internal_to_dos_stay_out_of_reliability(world: World) -> None:
    lead = world.user("buyer_lead")
    todo = services.action_add(
        actor=lead, meeting=world.meeting, title="Internal prep", promised_on=soon(0), owner_person_id=lead.pk
    )
    ledger.commitment_deliver(actor=lead, commitment=todo, version=1)
    for persona in ("buyer_viewer", "supplier_lead"):
        found = commitment_reads.ledger(actor=world.user(persona), partnership=world.partnership)
        assert found.reliability[world.buyer.pk].index is None  # the same number on both sides


def test_meeting_pages_schedule_and_show_the_drafted_agenda(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")
    url = f"/partnerships/{world.partnership.pk}/meetings/"
    bad = client.post(
        url,
        {"kind": "check_in", "title": "", "starts_at": "", "duration_minutes": "3", "visibility": "shared"},
    )
    page = bad.content.decode()
    assert bad.status_code == 200 and "Name the meeting." in page and "Give the date and time." in page
    assert "Between 5 minutes and 12 hours." in page
    done = client.post(
        url,
        {
            "kind": "account",
            "title": "Account review",
            "starts_at": "2099-03-01T09:30",
            "duration_minutes": "60",
            "visibility": "shared",
            "attendee_ids": [str(world.user("supplier_member").pk)],
        },
    )
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert "Monthly safety stock report" in page  # the open demand, drafted into the agenda
    assert "Supplier strategy" not in client.get(url).content.decode()
    ics_file = client.get(done["Location"] + "invite.ics")
    (event,) = _events(ics_file.content)
    assert str(event["summary"]) == "Account review (Account meeting)"


def test_meeting_and_plan_reads_do_not_grow_in_queries(world: World, client_for: Any) -> None:
    from tests.guards import assert_flat_queries

    lead = world.user("buyer_lead")
    counter = iter(range(1000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            meeting = services.meeting_schedule(
                actor=lead,
                partnership=world.partnership,
                title=f"M{i}",
                starts_at=timezone.now() + datetime.timedelta(days=3),
                attendee_ids=[world.user("buyer_viewer").pk],
            )
            services.decision_add(actor=lead, meeting=meeting, text=f"D{i}", rationale="r")
            services.action_add(
                actor=lead, meeting=world.meeting, title=f"A{i}", promised_on=soon(), owner_person_id=lead.pk
            )
            plans.item_add(
                actor=lead, plan=world.plan, title=f"I{i}", promised_on=soon(), owner_person_id=lead.pk
            )

    client = client_for("buyer_lead")
    pid = world.partnership.pk
    for url in (
        f"/partnerships/{pid}/meetings/",
        f"/meetings/{world.meeting.pk}/",
        f"/partnerships/{pid}/decisions/",
        f"/plans/{world.plan.pk}/",
        f"/partnerships/{pid}/plans/",
        f"/api/v1/partnerships/{pid}/meetings",
    ):
        assert_flat_queries(lambda url=url: client.get(url), grow, budget=25, step=3)
