"""Goals: the status rule, progress, trend and forecast on hand-computed cases; the SMART check;
measurements with corrections and history; one success event when a target is reached."""

import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from concord.audit.models import AuditEvent
from concord.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from concord.goals import numbers, progress, services, smart
from concord.goals.models import SuccessEvent
from concord.goals.progress import GoalStatus
from tests.world import World

D = datetime.date
START, DUE = D(2026, 1, 1), D(2026, 12, 31)


def _assess(
    points: list[tuple[datetime.date, float]], today: datetime.date, **kw: object
) -> progress.Assessment:
    args = {"baseline": 80.0, "target": 95.0, "higher_is_better": True, "start": START, "due": DUE} | kw
    return progress.assess(points, today=today, **args)  # type: ignore[arg-type]


def test_no_data_and_achieved() -> None:
    assert _assess([], D(2026, 6, 1)).status == GoalStatus.NO_DATA
    done = _assess([(D(2026, 5, 31), 95.0)], D(2026, 6, 1))
    assert done.status == GoalStatus.ACHIEVED and done.progress == 100.0


def test_on_track_at_risk_off_track_against_the_straight_line() -> None:
    # 1 Jul 2026 is 181 of 364 days in: 49.7 % expected.
    today = D(2026, 7, 1)
    assert _assess([(D(2026, 6, 30), 87.0)], today).progress == 46.7  # (87-80)/15
    assert _assess([(D(2026, 6, 30), 87.0)], today).status == GoalStatus.ON_TRACK  # 3 points behind
    at_risk = _assess([(D(2026, 6, 30), 84.0)], today)  # 26.7 % -> 23 points behind
    assert at_risk.expected == 49.7 and at_risk.status == GoalStatus.AT_RISK
    assert _assess([(D(2026, 6, 30), 81.0)], today).status == GoalStatus.OFF_TRACK  # 6.7 %: 43 behind


def test_missed_after_the_due_date_and_lower_is_better() -> None:
    assert _assess([(D(2026, 12, 1), 90.0)], D(2027, 1, 2)).status == GoalStatus.MISSED
    lower = _assess([(D(2026, 6, 30), 4.0)], D(2026, 7, 1), baseline=10.0, target=2.0, higher_is_better=False)
    assert lower.progress == 75.0 and lower.status == GoalStatus.ON_TRACK
    assert (
        _assess(
            [(D(2026, 6, 30), 2.0)], D(2026, 7, 1), baseline=10.0, target=2.0, higher_is_better=False
        ).status
        == GoalStatus.ACHIEVED
    )


def test_trend_and_forecast() -> None:
    points = [(D(2026, 1, 1), 80.0), (D(2026, 1, 11), 81.0), (D(2026, 1, 21), 82.0)]
    assert progress.slope(points) == pytest.approx(0.1)
    assert progress.forecast_date(points, 95.0, True) == D(2026, 1, 21) + datetime.timedelta(days=130)
    assert progress.forecast_date(points, 70.0, False) is None  # moving away from a lower target
    assert progress.slope(points[:1]) is None


def test_no_due_date_judges_by_trend() -> None:
    rising = [(D(2026, 1, 1), 80.0), (D(2026, 2, 1), 82.0)]
    assert _assess(rising, D(2026, 3, 1), due=None).status == GoalStatus.ON_TRACK
    assert (
        _assess(
            list(reversed([(D(2026, 2, 1), 80.0), (D(2026, 1, 1), 82.0)])), D(2026, 3, 1), due=None
        ).status
        == GoalStatus.AT_RISK
    )


def _goal(**kw: object) -> SimpleNamespace:
    fields = {
        "title": "On-time delivery",
        "metric": "OTD",
        "unit": "%",
        "baseline": Decimal(80),
        "target": Decimal(95),
        "higher_is_better": True,
        "due_date": DUE,
        "start_date": START,
    } | kw
    return SimpleNamespace(**fields)


def test_smart_findings_name_what_to_fix() -> None:
    assert smart.check(_goal(), linked_objectives=1) == []
    messages = {f.message for f in smart.check(_goal(target=None, due_date=None), linked_objectives=0)}
    assert {
        "No target value.",
        "No due date.",
        "Not linked to any shared objective of the vision.",
    } <= messages
    same = smart.check(_goal(target=Decimal(80)), linked_objectives=1)
    assert [f.message for f in same] == ["The target equals the baseline: nothing would change."]
    wrong = smart.check(_goal(target=Decimal(70)), linked_objectives=1)
    assert wrong[0].field == "direction"


def _make(world: World, persona: str = "supplier_lead", **kw: object):
    fields = {
        "title": "On-time delivery",
        "metric": "OTD",
        "unit": "%",
        "baseline": Decimal("80"),
        "target": Decimal("95"),
        "start_date": D(2026, 1, 1),
        "due_date": D(2027, 12, 31),
    } | kw
    return services.goal_create(actor=world.user(persona), partnership=world.partnership, **fields)


def test_measurements_corrections_keep_history_and_success_is_recorded_once(world: World) -> None:
    goal = _make(world)
    sam = world.user("supplier_member")
    first = services.measurement_add(actor=sam, goal=goal, measured_on=D(2026, 1, 31), value="85")
    with pytest.raises(ValidationFailed) as caught:
        services.measurement_add(actor=sam, goal=goal, measured_on=D(2026, 1, 31), value="86")
    assert "measured_on" in caught.value.errors
    corrected = services.measurement_correct(actor=sam, measurement=first, version=1, value="96")
    assert corrected.measured_on == D(2026, 1, 31)
    with pytest.raises(Conflict):
        services.measurement_correct(actor=sam, measurement=first, version=1, value="97")
    event = AuditEvent.unscoped.filter(
        content_type__model="measurement", object_id=first.pk, action="update"
    ).get()
    assert [Decimal(v) for v in event.changes["value"]] == [Decimal(85), Decimal(96)]
    services.measurement_add(actor=sam, goal=goal, measured_on=D(2026, 2, 28), value="97")
    wins = SuccessEvent.unscoped.filter(goal=goal)
    assert wins.count() == 1 and wins.get().occurred_on == D(2026, 1, 31)


def test_either_side_measures_shared_goals_and_internal_goals_stay_hidden(world: World) -> None:
    goal = _make(world, visibility="internal")
    with pytest.raises(NotFound):
        services.measurement_add(
            actor=world.user("buyer_lead"), goal=goal, measured_on=D(2026, 1, 31), value=1
        )
    shared = _make(world, title="Forecast accuracy")
    # A shared goal is measured by either side (the buyer's receipts give the supplier's figures).
    entered = services.measurement_add(
        actor=world.user("buyer_lead"), goal=shared, measured_on=D(2026, 1, 31), value=1
    )
    assert entered.entered_by == world.user("buyer_lead")
    with pytest.raises(NotFound):
        services.measurement_add(
            actor=world.user("outsider"), goal=shared, measured_on=D(2026, 2, 28), value=1
        )
    with pytest.raises(Forbidden):
        services.measurement_add(
            actor=world.user("buyer_viewer"), goal=shared, measured_on=D(2026, 1, 31), value=1
        )


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", "1e20", None, ""])
def test_bad_values_are_field_errors(world: World, value: object) -> None:
    goal = _make(world)
    with pytest.raises(ValidationFailed) as caught:
        services.measurement_add(
            actor=world.user("supplier_lead"), goal=goal, measured_on=D(2026, 1, 31), value=value
        )
    assert "value" in caught.value.errors
    assert not goal.measurements.exists()


def test_goal_api_validates_fields_and_guards_versions(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")
    url = f"/api/v1/partnerships/{world.partnership.pk}/goals"
    base = {"title": "Fill rate", "target": 98, "start_date": "2026-01-01"}
    created = client.post(url, base | {"due_date": "2026-12-31"}, content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert body["owner"] == world.supplier.name and body["owner_person"] == "Sol Supplier"
    assert {f["field"] for f in body["smart"]} >= {"baseline", "unit", "objectives"}
    for bad, field in [
        ({"due_date": "2025-12-31"}, "due_date"),
        ({"target": "abc"}, "target"),
        ({"target": "NaN"}, "target"),
        ({"owner_person_id": world.user("buyer_lead").pk}, "owner_person_id"),
        ({"frequency": "daily"}, "frequency"),
    ]:
        response = client.post(url, base | bad, content_type="application/json")
        assert response.status_code == 422, bad
        assert field in {e["field"] for e in response.json()["errors"]}, response.json()
    goal_url = f"/api/v1/goals/{body['id']}"
    assert (
        client.patch(goal_url, {"version": 1, "target": 99}, content_type="application/json").status_code
        == 200
    )
    stale = client.patch(goal_url, {"version": 1, "target": 97}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current"]["target"] == "99.0000"
    # Only what is sent changes, and it is checked with the rest: a due date before the stored start.
    early = client.patch(goal_url, {"version": 2, "due_date": "2025-06-30"}, content_type="application/json")
    assert early.status_code == 422
    assert early.json()["errors"] == [
        {"field": "due_date", "message": "The due date must be after the start date."}
    ]
    spec = client.get(f"{goal_url}/chart").json()
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")


def test_measurement_api_refuses_bad_values_and_keeps_the_date(world: World, client_for: Any) -> None:
    client = client_for("supplier_member")
    url = f"/api/v1/goals/{world.goal_shared.pk}/measurements"
    for bad in (
        {"measured_on": "2026-02-30", "value": 1},
        {"measured_on": "2026-02-28", "value": "Infinity"},
    ):
        response = client.post(url, bad, content_type="application/json")
        assert response.status_code == 422, bad
    twice = client.post(url, {"measured_on": "2026-01-31", "value": 94}, content_type="application/json")
    assert twice.status_code == 422 and "correct that one" in twice.json()["errors"][0]["message"]
    listed = client.get(url).json()
    assert listed["count"] == 1 and listed["results"][0]["entered_by"] == "Sol Supplier"


def test_a_win_follows_its_goal_into_internal(world: World) -> None:
    sam = world.user("supplier_lead")
    goal = _make(world)
    services.measurement_add(actor=sam, goal=goal, measured_on=D(2026, 1, 31), value="96")
    win = SuccessEvent.unscoped.get(goal=goal)
    assert win.visibility == "shared"
    services.goal_update(actor=sam, goal=goal, version=None, visibility="internal")
    win.refresh_from_db()
    assert win.visibility == "internal" and win.owner_id == world.supplier.pk


def test_the_model_keeps_the_due_date_after_the_start_for_every_caller(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        _make(world, start_date=D(2026, 6, 1), due_date=D(2026, 6, 1))
    assert caught.value.errors == {"due_date": ["The due date must be after the start date."]}
    goal = _make(world)
    with pytest.raises(ValidationFailed) as moved:
        services.goal_update(
            actor=world.user("supplier_lead"), goal=goal, version=1, start_date=D(2028, 1, 1)
        )
    assert list(moved.value.errors) == ["due_date"]
    goal.refresh_from_db()
    assert goal.start_date == D(2026, 1, 1) and goal.version == 1


def test_the_model_refuses_future_dates_and_huge_values_for_every_caller(world: World) -> None:
    goal = _make(world)
    lead = world.user("supplier_lead")
    with pytest.raises(ValidationFailed) as future:
        services.measurement_add(actor=lead, goal=goal, measured_on=D(2099, 1, 31), value=Decimal(1))
    assert future.value.errors == {"measured_on": ["A measurement cannot be dated in the future."]}
    with pytest.raises(ValidationFailed) as huge:
        services.goal_update(actor=lead, goal=goal, version=1, target=Decimal("1e13"))
    assert "Enter a number below 10 trillion." in huge.value.errors["target"]


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("12390", "12390"),
        ("12,390", "12390"),
        ("12 390", "12390"),
        ("1,234,567.5", "1234567.5"),
        ("96.5", "96.5"),
        ("96,5", "96.5"),
        ("0,125", "0.125"),
        ("12.390,5", "12390.5"),
        ("1.234.567", "1234567"),
        ("-4", "-4"),
        (94.5, "94.5"),
        (7, "7"),
        ("96.12345", "96.1235"),  # kept to four decimals, half up, as stored
        (0.1 + 0.2, "0.3"),  # a float's binary noise is not a refusal
    ],
)
def test_numbers_are_read_as_people_write_them(written: object, number: str) -> None:
    assert numbers.parse_number(written) == Decimal(number)


@pytest.mark.parametrize(
    "written", ["abc", "NaN", "Infinity", "1e5", "12,39,0", "", None, True, float("nan")]
)
def test_what_is_not_a_number(written: object) -> None:
    with pytest.raises(ValueError, match="Enter a number"):
        numbers.parse_number(written)


def test_the_api_takes_numbers_as_programs_write_them(world: World, client_for: Any) -> None:
    """Pages read "12,390" or "12 380,5" as people type them; the API takes JSON numbers or plain
    decimal text (what its schema states), and refuses the rest on the field, storing nothing."""
    client = client_for("supplier_lead")
    url = f"/api/v1/partnerships/{world.partnership.pk}/goals"
    body = {"title": "Batch cost", "baseline": "12,390", "target": 11400.5, "direction": "lower"}
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["baseline"]
    created = client.post(url, body | {"baseline": "12390"}, content_type="application/json")
    assert created.status_code == 201, created.json()
    goal = created.json()
    assert (Decimal(goal["baseline"]), Decimal(goal["target"])) == (Decimal(12390), Decimal("11400.5"))
    assert goal["start_date"] == datetime.date.today().isoformat()  # the default: today
    assert goal["owner_person"] == "Sol Supplier"  # the default: you
    value = client.post(
        f"/api/v1/goals/{goal['id']}/measurements",
        {"measured_on": "2026-01-31", "value": 12380.5},
        content_type="application/json",
    )
    assert value.status_code == 201 and Decimal(value.json()["value"]) == Decimal("12380.5")
    note_only = client.patch(
        f"/api/v1/measurements/{value.json()['id']}",
        {"version": 1, "note": "From the ERP"},
        content_type="application/json",
    )
    assert note_only.status_code == 200
    assert (
        Decimal(note_only.json()["value"]) == Decimal("12380.5")
        and note_only.json()["note"] == "From the ERP"
    )


def test_null_in_a_change_empties_an_optional_field_and_leaves_the_rest(
    world: World, client_for: Any
) -> None:
    client = client_for("supplier_lead")
    goal = _make(world)
    url = f"/api/v1/goals/{goal.pk}"
    body = {"version": 1, "due_date": None, "target": None, "title": None, "objective_ids": None}
    changed = client.patch(url, body, content_type="application/json")
    assert changed.status_code == 200, changed.json()
    answer = changed.json()
    assert (answer["due_date"], answer["target"], answer["title"]) == (None, None, "On-time delivery")
    agreement = client.patch(
        f"/api/v1/agreements/{world.agreement.pk}",
        {"version": 1, "reference": "C-1", "end_date": "2027-12-31"},
        content_type="application/json",
    )
    assert agreement.status_code == 200
    emptied = client.patch(
        f"/api/v1/agreements/{world.agreement.pk}",
        {"version": 2, "end_date": None, "reference": None},
        content_type="application/json",
    ).json()
    assert (emptied["end_date"], emptied["reference"]) == (None, "")
