"""Concurrency on PostgreSQL: several requests at once, each on its own connection.

Each test releases its threads together (a barrier) and, where a write could race a read, holds
the table they write to until every thread is waiting (`race.race(gate=...)`), so the threads
have all read before any of them writes. What must hold: exactly one wins, the others get a clear
409 (or see the winner's work and do nothing twice), nothing is written twice, never a 500.

SQLite is skipped: it lets one writer in at a time (the settings open every transaction with
BEGIN IMMEDIATE), so these races cannot happen there; `make test` runs this file on PostgreSQL.
"""

import csv
import datetime
import io
from collections import Counter
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from concord.commitments.models import Answer, Commitment, Demand, PlanReview
from concord.goals.models import Measurement
from concord.invitations import services as invitations
from concord.meetings.models import Attendee
from concord.partnerships.models import Note
from concord.scorecards.models import Scorecard
from concord.vision.models import Signature
from tests.reliability.race import api, race
from tests.world import World, make_user, scorecard_definition, soon

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL only: SQLite admits one writer at a time (make test runs these on PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True),
]
THREADS = 4


def clients(world: World, *personas: str) -> list[Client]:
    made = []
    for persona in personas:
        client = Client()
        client.force_login(world.user(persona))
        made.append(client)
    return made


def statuses(answers: list[Any]) -> Counter[int]:
    assert not [a for a in answers if isinstance(a, BaseException)], answers
    return Counter(status for status, _ in answers)


def test_parallel_edits_of_one_note_one_wins_the_others_get_409(world: World) -> None:
    note = world.buyer_shared
    url = f"/api/v1/notes/{note.pk}"
    calls = [
        api(
            c,
            "patch",
            url,
            json={"body": f"Edit {i}", "version": note.version},
        )
        for i, c in enumerate(clients(world, *["buyer_lead"] * THREADS))
    ]
    result = race(calls, gate="partnerships_note")
    assert result.overlapped
    assert statuses(result.answers) == {200: 1, 409: THREADS - 1}
    winner = next(body for status, body in result.answers if status == 200)
    stored = Note.unscoped.get(pk=note.pk)
    assert stored.version == note.version + 1 and stored.body == winner["body"]
    loser = next(body for status, body in result.answers if status == 409)
    assert loser["current"]["version"] == stored.version  # the 409 shows what won


def test_parallel_edits_of_a_goal_and_a_partnership_one_wins_each(world: World) -> None:
    goal, partnership = world.goal_shared, world.partnership
    calls = [
        api(
            c,
            "patch",
            f"/api/v1/goals/{goal.pk}",
            json={"title": f"On-time delivery {i}", "version": goal.version},
        )
        for i, c in enumerate(clients(world, *["supplier_lead"] * 4))
    ] + [
        api(
            c,
            "patch",
            f"/api/v1/partnerships/{partnership.pk}",
            json={"name": f"Bags {i}", "version": partnership.version},
        )
        for i, c in enumerate(clients(world, *["buyer_lead"] * 2))
    ]
    goal_race = race(calls[:4], gate="goals_goal")
    partnership_race = race(calls[4:], gate="partnerships_partnership")
    assert goal_race.overlapped and partnership_race.overlapped
    assert statuses(goal_race.answers) == {200: 1, 409: 3}
    assert statuses(partnership_race.answers) == {200: 1, 409: 1}


def test_parallel_sign_offs_of_one_revision_by_one_party_sign_once(world: World) -> None:
    url = f"/api/v1/partnerships/{world.partnership.pk}/vision/sign"
    number = world.vision_revision.number
    calls = [
        api(c, "post", url, json={"revision": number}) for c in clients(world, *["buyer_lead"] * THREADS)
    ]
    result = race(calls, gate="vision_signature")
    assert result.overlapped
    assert statuses(result.answers) == {200: 1, 409: THREADS - 1}
    assert Signature.unscoped.filter(revision=world.vision_revision).count() == 1


def test_both_parties_signing_at_once_are_both_recorded_and_agree(world: World) -> None:
    url = f"/api/v1/partnerships/{world.partnership.pk}/vision/sign"
    number = world.vision_revision.number
    calls = [
        api(c, "post", url, json={"revision": number})
        for c in clients(world, "buyer_lead", "supplier_lead", "buyer_lead", "supplier_lead")
    ]
    result = race(calls, gate="vision_signature")
    assert result.overlapped
    assert statuses(result.answers) == {200: 2, 409: 2}
    signed = Signature.unscoped.filter(revision=world.vision_revision)
    assert sorted(signed.values_list("organisation_id", flat=True)) == sorted(
        [world.buyer.pk, world.supplier.pk]
    )
    view = clients(world, "supplier_member")[0].get(f"/api/v1/partnerships/{world.partnership.pk}/vision")
    assert view.json()["status"] == "agreed"


def test_parallel_yes_to_one_demand_commits_once(world: World) -> None:
    demand = world.demand
    url = f"/api/v1/demands/{demand.pk}/answers"
    body = {
        "kind": "yes",
        "rationale": "We can",
        "promised_on": soon(20).isoformat(),
        "version": demand.version,
    }
    calls = [
        api(c, "post", url, json=body) for c in clients(world, *["supplier_lead", "supplier_member"] * 2)
    ]
    result = race(calls, gate="commitments_answer")
    assert result.overlapped
    assert statuses(result.answers) == {201: 1, 409: THREADS - 1}
    assert Answer.unscoped.filter(demand=demand).count() == 1
    assert Commitment.unscoped.filter(answer__demand=demand).count() == 1
    assert Demand.unscoped.get(pk=demand.pk).status == "yes"


def _sheet(goal_id: int, days: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["goal_id", "date", "value", "note"])
    first = datetime.date(2025, 1, 1)
    for n in range(days):
        writer.writerow([goal_id, (first + datetime.timedelta(days=n)).isoformat(), 90 + n % 9, "ERP"])
    return out.getvalue().encode()


def test_parallel_imports_of_one_file_write_each_value_once(world: World) -> None:
    goal = world.goal_shared
    content = _sheet(goal.pk, 60)
    url = f"/api/v1/partnerships/{world.partnership.pk}/measurements/import"

    def upload(client: Client) -> Any:
        file = SimpleUploadedFile("values.csv", content, content_type="text/csv")
        return api(client, "post", url, data={"file": file, "dry_run": "false"})

    calls = [upload(c) for c in clients(world, "supplier_lead", "supplier_member", "buyer_lead")]
    result = race(calls, gate="goals_measurement")
    assert result.overlapped
    assert statuses(result.answers) == {200: 3}
    counts = sorted((body["added"], body["unchanged"]) for _, body in result.answers)
    assert counts == [(0, 60), (0, 60), (60, 0)]  # the first imports, the others find it done
    per_day = Counter(Measurement.unscoped.filter(goal=goal).values_list("measured_on", flat=True))
    assert len(per_day) == 61 and set(per_day.values()) == {1}


def test_parallel_values_for_one_goal_and_date_are_refused_with_a_field_error(world: World) -> None:
    goal = world.goal_shared
    url = f"/api/v1/goals/{goal.pk}/measurements"
    calls = [
        api(
            c,
            "post",
            url,
            json={"measured_on": "2025-06-30", "value": 91 + i},
        )
        for i, c in enumerate(clients(world, *["supplier_lead", "supplier_member"] * 2))
    ]
    result = race(calls, gate="goals_measurement")
    assert result.overlapped
    assert statuses(result.answers) == {201: 1, 422: THREADS - 1}
    refused = next(body for status, body in result.answers if status == 422)
    assert refused["errors"][0]["field"] == "measured_on"
    assert Measurement.unscoped.filter(goal=goal, measured_on=datetime.date(2025, 6, 30)).count() == 1


def test_parallel_invitations_to_a_meeting_add_and_invite_once(world: World) -> None:
    newcomer = make_user("newcomer@buyer.test", "Nia Newcomer")
    invitations.invitation_accept(actor=newcomer, invitation=world.pending_invitation)
    meeting = world.meeting
    mail.outbox.clear()
    url = f"/api/v1/meetings/{meeting.pk}/attendees"
    calls = [
        api(c, "post", url, json={"user_ids": [newcomer.pk]})
        for c in clients(world, *["buyer_lead"] * THREADS)
    ]
    result = race(calls, gate="meetings_attendee")
    assert result.overlapped
    assert statuses(result.answers) == {200: THREADS}
    assert Attendee.unscoped.filter(meeting=meeting, user=newcomer).count() == 1
    assert [m.to for m in mail.outbox] == [[newcomer.email]]  # one invitation, not one per request


def test_parallel_reviews_of_a_plan_record_one(world: World) -> None:
    plan = world.plan
    url = f"/api/v1/plans/{plan.pk}/reviews"
    calls = [
        api(
            c,
            "post",
            url,
            json={"note": f"Review {i}", "version": plan.version},
        )
        for i, c in enumerate(clients(world, "buyer_lead", "supplier_lead", "supplier_member", "buyer_lead"))
    ]
    result = race(calls, gate="commitments_planreview")
    assert result.overlapped
    assert statuses(result.answers) == {201: 1, 409: THREADS - 1}
    assert PlanReview.unscoped.filter(plan=plan).count() == 1


def test_a_unique_rule_only_the_database_caught_is_a_field_error_not_a_500(world: World) -> None:
    """The supplier's one scorecard of the buyer, set up four times at once. The service checks
    first and does not lock (a rare, harmless race); all four pass the check, the database keeps
    one, and the others' IntegrityError is answered as the check would have (audit.services)."""
    url = f"/api/v1/partnerships/{world.partnership.pk}/scorecards"
    body = {"name": "Buyer performance", "definition": scorecard_definition(world)}
    calls = [api(c, "post", url, json=body) for c in clients(world, *["supplier_lead"] * THREADS)]
    result = race(calls, gate="scorecards_scorecard")
    assert result.overlapped
    assert statuses(result.answers) == {201: 1, 422: THREADS - 1}
    refused = next(body for status, body in result.answers if status == 422)
    assert refused["errors"] == [
        {"field": "__all__", "message": "Scorecard with this Partnership and Direction already exists."}
    ]
    assert Scorecard.unscoped.filter(partnership=world.partnership, owner=world.supplier).count() == 1
