"""Each person's time zone and number format: pages read and show times and numbers their way, the
API keeps ISO times and plain numbers, invitations carry the meeting's zone, and a person joining an
organisation starts from its defaults."""

import datetime
from decimal import Decimal
from typing import Any

from django.core import mail
from icalendar import Calendar

from concord.accounts.models import User
from concord.goals.models import Measurement
from concord.meetings.models import Meeting
from concord.organisations.services import membership_add
from tests.world import World, soon


def _as(world: World, persona: str, **fields: str) -> User:
    person = world.user(persona)
    User.objects.filter(pk=person.pk).update(**fields)
    return person


def test_a_german_format_reads_and_shows_12_comma_5(world: World, client_for: Any) -> None:
    _as(world, "supplier_lead", locale="de")
    client = client_for("supplier_lead")
    goal = world.goal_shared
    day = (datetime.date.today() - datetime.timedelta(days=40)).isoformat()
    client.post(f"/goals/{goal.pk}/measurements/", {"measured_on": day, "value": "12,5"})
    stored = Measurement.unscoped.get(goal=goal, measured_on=day)
    assert stored.value == Decimal("12.5")
    page = client.get(f"/goals/{goal.pk}/").content.decode()
    assert "12,5" in page
    # the correction form is filled in the same format, so sending it back keeps the number
    form = client.get(f"/measurements/{stored.pk}/correct/").content.decode()
    assert 'value="12,5"' in form


def test_a_number_written_the_other_way_is_refused_with_the_persons_way(
    world: World, client_for: Any
) -> None:
    _as(world, "supplier_lead", locale="de")
    client = client_for("supplier_lead")
    measurement = Measurement.unscoped.filter(goal=world.goal_shared).first()
    assert measurement is not None
    answer = client.post(
        f"/measurements/{measurement.pk}/correct/",
        {"version": measurement.version, "value": "1,234.5", "note": "typo"},
    )
    page = answer.content.decode()
    assert "such as 1.234,5" in page
    assert 'value="1,234.5"' in page  # what was typed stays in the box
    measurement.refresh_from_db()
    assert measurement.value != Decimal("1234.5")


def test_the_api_reads_plain_numbers_whatever_the_persons_format(world: World, client_for: Any) -> None:
    _as(world, "supplier_lead", locale="de")
    api = client_for("supplier_lead")
    day = (datetime.date.today() - datetime.timedelta(days=41)).isoformat()
    answer = api.post(
        f"/api/v1/goals/{world.goal_shared.pk}/measurements",
        {"measured_on": day, "value": "1234.125"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    assert Measurement.unscoped.get(goal=world.goal_shared, measured_on=day).value == Decimal("1234.125")


def test_times_are_read_in_the_persons_zone_and_invitations_carry_the_meetings(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _as(world, "buyer_lead", time_zone="Europe/Berlin")
    client = client_for("buyer_lead")
    day = soon(20)
    with django_capture_on_commit_callbacks(execute=True):
        scheduled = client.post(
            f"/partnerships/{world.partnership.pk}/meetings/",
            {
                "title": "Berlin QBR",
                "kind": "qbr",
                "starts_at": f"{day.isoformat()}T09:00",
                "duration_minutes": "60",
                "visibility": "shared",
            },
        )
    assert scheduled.status_code == 302, scheduled.content.decode()[-3000:]
    meeting = Meeting.unscoped.get(title="Berlin QBR")
    assert meeting.time_zone == "Europe/Berlin"
    local = meeting.starts_at.astimezone(datetime.UTC)
    assert meeting.local_start().hour == 9 and local.hour in (7, 8)  # CEST or CET
    assert "09:00" in client.get(f"/meetings/{meeting.pk}/").content.decode()
    invitation = next(m for m in mail.outbox if "Berlin QBR" in m.subject)
    calendar = Calendar.from_ical(invitation.attachments[0][1])
    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART").hour == 9
    assert [z["TZID"] for z in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    api = client_for("buyer_lead").get(f"/api/v1/meetings/{meeting.pk}").json()
    assert api["time_zone"] == "Europe/Berlin" and api["starts_at"].endswith(("Z", "+00:00"))


def test_a_person_who_joins_starts_from_the_organisations_defaults(world: World) -> None:
    world.other.time_zone, world.other.locale = "America/Chicago", "en-us"
    world.other.save()
    newcomer = User.objects.create_user("new@example.com", "pw-long-enough-1", full_name="New Person")
    membership_add(actor=newcomer, organisation=world.other, user=newcomer, role="member", _bootstrap=True)
    newcomer.refresh_from_db()
    assert (newcomer.time_zone, newcomer.locale) == ("America/Chicago", "en-us")
    chosen = User.objects.create_user("own@example.com", "pw-long-enough-1", full_name="Own Choice")
    User.objects.filter(pk=chosen.pk).update(time_zone="Asia/Tokyo")
    chosen.refresh_from_db()
    membership_add(actor=chosen, organisation=world.other, user=chosen, role="member", _bootstrap=True)
    chosen.refresh_from_db()
    assert (chosen.time_zone, chosen.locale) == ("Asia/Tokyo", "en-us")  # their own zone stays


def test_the_preferences_page_saves_and_refuses_an_unknown_zone(world: World, client_for: Any) -> None:
    client = client_for("buyer_viewer")
    assert (
        client.post("/account/preferences/", {"time_zone": "Mars/Olympus", "locale": "de"}).status_code == 422
    )
    assert (
        client.post("/account/preferences/", {"time_zone": "Europe/Amsterdam", "locale": "nl"}).status_code
        == 302
    )
    person = User.objects.get(pk=world.user("buyer_viewer").pk)
    assert (person.time_zone, person.locale) == ("Europe/Amsterdam", "nl")


def test_a_bad_measurement_shows_the_page_again_with_what_was_typed(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    goal = world.goal_internal
    answer = client.post(f"/goals/{goal.pk}/measurements/", {"measured_on": "", "value": "lots"})
    assert answer.status_code == 422
    page = answer.content.decode()
    assert "There are 2 problems" in page and 'href="#id_value"' in page and 'value="lots"' in page
    viewer = client_for("buyer_viewer")  # may read the goal, not add to it: refused before reading
    assert viewer.post(f"/goals/{goal.pk}/measurements/", {"value": "lots"}).status_code == 403
