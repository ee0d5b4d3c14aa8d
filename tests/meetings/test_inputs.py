"""One input definition per meeting operation: the API bodies are the pages' forms (ids bounded,
choices checked), the invariants live on the meeting (a duration of 5 minutes to 12 hours, a start
on the minute) and hold for every entry point."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from concord.core.errors import ValidationFailed
from concord.meetings import services
from concord.meetings.models import Meeting
from tests.world import World, soon

HUGE = 2**70  # past what any id can be (and what the database driver can take)


def _errors(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 422, response.content
    return response.json()["errors"]


def _fields(response: Any) -> dict[str, str]:
    return {e["field"]: e["message"] for e in _errors(response)}


def test_huge_ids_in_the_attendee_lists_are_field_errors_not_crashes(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    invite = client.post(
        f"/api/v1/meetings/{world.meeting.pk}/attendees",
        {"user_ids": [HUGE]},
        content_type="application/json",
    )
    assert [e["field"] for e in _errors(invite)] == ["user_ids.0"]
    schedule = client.post(
        f"/api/v1/partnerships/{world.partnership.pk}/meetings",
        {"title": "Check-in", "starts_at": f"{soon().isoformat()}T10:00:00+00:00", "attendee_ids": [1, HUGE]},
        content_type="application/json",
    )
    assert [e["field"] for e in _errors(schedule)] == ["attendee_ids.1"]
    assert not Meeting.unscoped.filter(title="Check-in").exists()


def test_attendees_are_colleagues_and_at_least_one(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    url = f"/api/v1/meetings/{world.meeting.pk}/attendees"
    stranger = client.post(
        url, {"user_ids": [world.user("supplier_lead").pk]}, content_type="application/json"
    )
    assert _fields(stranger) == {"user_ids": "Add people of your own organisation who may see this meeting."}
    assert "user_ids" in _fields(client.post(url, {"user_ids": []}, content_type="application/json"))


def test_a_duration_of_5_minutes_to_12_hours_is_the_meetings_invariant(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    starts = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(ValidationFailed) as caught:
        services.meeting_schedule(
            actor=lead,
            partnership=world.partnership,
            title="Marathon",
            starts_at=starts,
            duration_minutes=721,
        )
    assert caught.value.errors == {"duration_minutes": ["Between 5 minutes and 12 hours."]}
    with pytest.raises(ValidationFailed) as caught:
        services.meeting_update(actor=lead, meeting=world.meeting, version=1, duration_minutes=4)
    assert caught.value.errors == {"duration_minutes": ["Between 5 minutes and 12 hours."]}
    patch = client_for("buyer_lead").patch(
        f"/api/v1/meetings/{world.meeting.pk}",
        {"version": 1, "duration_minutes": 1000},
        content_type="application/json",
    )
    assert "duration_minutes" in _fields(patch)
    world.meeting.refresh_from_db()
    assert world.meeting.duration_minutes == 60 and world.meeting.version == 1


def test_a_meeting_starts_on_the_minute_whoever_schedules_it(world: World) -> None:
    starts = (timezone.now() + datetime.timedelta(days=3)).replace(second=42, microsecond=7)
    meeting = services.meeting_schedule(
        actor=world.user("buyer_lead"), partnership=world.partnership, title="Sync", starts_at=starts
    )
    meeting.refresh_from_db()
    assert meeting.starts_at == starts.replace(second=0, microsecond=0)
    same_minute = services.meeting_update(
        actor=world.user("buyer_lead"), meeting=meeting, version=1, starts_at=starts.replace(second=5)
    )
    assert same_minute.sequence == 0  # the same minute is not a move: calendars are not told


def test_the_api_changes_only_what_is_sent(world: World, client_for: Any) -> None:
    client, meeting = client_for("buyer_lead"), world.meeting
    url = f"/api/v1/meetings/{meeting.pk}"
    changed = client.patch(url, {"version": 1, "kind": "qbr"}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["kind"] == "qbr"
    assert changed.json()["title"] == meeting.title and changed.json()["sequence"] == 0
    agenda = meeting.agenda
    recorded = client.post(f"{url}/record", {"version": 2, "minutes": ""}, content_type="application/json")
    assert recorded.status_code == 200 and recorded.json()["agenda"] == agenda  # the agenda stays
    blank = client.patch(url, {"version": 2, "title": "  "}, content_type="application/json")
    assert _fields(blank) == {"title": "Name the meeting."}
    placed = client.patch(url, {"version": 2, "location": "Room 2"}, content_type="application/json")
    assert placed.json()["location"] == "Room 2" and placed.json()["sequence"] == 1
    emptied = client.patch(url, {"version": 3, "location": None}, content_type="application/json")
    assert emptied.json()["location"] == "" and emptied.json()["title"] == meeting.title


def test_the_edit_page_changes_the_kind_too(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    page = client.get(f"/meetings/{world.meeting.pk}/").content.decode()
    assert 'name="kind"' in page and 'name="goal_id"' in page and 'name="demand_id"' in page
    client.post(
        f"/meetings/{world.meeting.pk}/edit/",
        {
            "version": "1",
            "kind": "steering",
            "title": world.meeting.title,
            "starts_at": "2099-01-01T10:00",
            "duration_minutes": "90",
            "location": "",
        },
    )
    world.meeting.refresh_from_db()
    assert world.meeting.kind == "steering" and world.meeting.duration_minutes == 90


def test_what_a_decision_touches_is_read_in_the_callers_reach(world: World, client_for: Any) -> None:
    url = f"/api/v1/meetings/{world.meeting.pk}/decisions"
    body = {"text": "Second source", "rationale": "Risk"}
    lead = client_for("buyer_lead")
    other = {**body, "goal_id": HUGE - 1}  # beyond the bounded id: a field error, not a crash
    assert "goal_id" in _fields(lead.post(url, other, content_type="application/json"))
    missing = lead.post(url, {**body, "demand_id": 10**9}, content_type="application/json")
    assert missing.status_code == 404
    linked = lead.post(url, {**body, "goal_id": world.goal_internal.pk}, content_type="application/json")
    assert linked.status_code == 201 and linked.json()["goal_id"] == world.goal_internal.pk
    decision = lead.post(url, {**body, "demand_id": world.demand.pk}, content_type="application/json")
    assert decision.status_code == 201 and decision.json()["demand_id"] == world.demand.pk


def test_an_action_goes_to_an_attendee_or_a_colleague(world: World, client_for: Any) -> None:
    url = f"/api/v1/meetings/{world.meeting.pk}/actions"
    body = {"title": "Draft the RFI", "promised_on": soon().isoformat()}
    client = client_for("buyer_lead")
    outsider = client.post(
        url, {**body, "owner_person_id": world.user("outsider").pk}, content_type="application/json"
    )
    assert _fields(outsider) == {"owner_person_id": "Choose a person of an organisation taking part."}
    viewer = client.post(
        url, {**body, "owner_person_id": world.user("buyer_viewer").pk}, content_type="application/json"
    )
    assert viewer.status_code == 201


def test_the_meeting_page_logs_what_a_decision_touches_and_gives_actions_to_colleagues(
    world: World, client_for: Any
) -> None:
    client, meeting = client_for("buyer_lead"), world.meeting
    client.post(
        f"/meetings/{meeting.pk}/decisions/",
        {"text": "Dual source", "rationale": "Risk", "goal_id": str(world.goal_internal.pk), "demand_id": ""},
    )
    decision = meeting.decisions.get()
    assert decision.goal_id == world.goal_internal.pk and decision.demand_id is None
    client.post(
        f"/meetings/{meeting.pk}/actions/",
        {
            "title": "Call the second source",
            "owner_person_id": str(world.user("buyer_viewer").pk),
            "promised_on": "2099-01-01",
        },
    )
    assert meeting.actions.get().owner_person == world.user("buyer_viewer")


def test_any_iso_offset_is_read_as_the_moment_it_names(world: World, client_for: Any) -> None:
    """ISO 8601 allows offsets up to ±23:59, PostgreSQL only ±15:59: the moment is kept in UTC, and
    one that leaves the calendar when moved there is a field error, never a server error."""
    client = client_for("buyer_lead")
    url = f"/api/v1/partnerships/{world.partnership.pk}/meetings"
    far = client.post(
        url,
        {"title": "Far east", "starts_at": f"{soon().isoformat()}T18:30:00+18:30"},
        content_type="application/json",
    )
    assert far.status_code == 201, far.content
    stored = Meeting.unscoped.get(title="Far east").starts_at
    assert stored == datetime.datetime.combine(soon(), datetime.time(0, 0), tzinfo=datetime.UTC)
    edge = client.post(
        url, {"title": "Edge", "starts_at": "0001-01-01T01:00:00+18:00"}, content_type="application/json"
    )
    assert _fields(edge) == {"starts_at": "Give a date and time between the years 1 and 9999."}
