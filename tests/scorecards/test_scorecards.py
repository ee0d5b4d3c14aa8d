"""Scorecards: hand-computed scores (no-data periods, re-weighting, recency, the 100 boundary),
validation with field-level messages, the safe formula evaluator, privacy and set-based reads."""

import datetime
from typing import Any

import pytest

from concord.access.roles import Visibility
from concord.core.errors import Forbidden, NotFound, ValidationFailed
from concord.goals import services as goals
from concord.scorecards import compute, selectors, services
from concord.scorecards import formula as formulas
from concord.scorecards.definition import validate
from concord.scorecards.models import Scorecard
from tests.world import World, scorecard_definition

D = datetime.date
AS_OF = D(2026, 3, 15)
JAN, FEB, MAR = D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)
GOALS = {1: True, 2: True}


def _definition(**overrides: Any) -> Any:
    raw = {
        "period": "month",
        "recency_periods": 3,
        "recency": "linear",
        "kpis": [{"name": "a", "goal_id": 1}, {"name": "b", "goal_id": 2}],
        "criteria": [
            {"name": "Delivery", "weight": 60, "rule": "linear", "kpi": "a", "worst": 80, "best": 100},
            {
                "name": "Quality",
                "weight": 40,
                "rule": "bands",
                "kpi": "b",
                "bands": [
                    {"min": None, "max": 10, "points": 100},
                    {"min": 10, "max": 20, "points": 50},
                    {"min": 20, "max": None, "points": 0},
                ],
            },
        ],
    } | overrides
    return validate(raw, GOALS)


def _period(result: compute.Result, start: datetime.date) -> compute.PeriodScore:
    return next(p for p in result.periods if p.start == start)


def test_period_scores_reweight_missing_criteria_and_leave_out_empty_periods() -> None:
    values = {(1, JAN): 90.0, (2, JAN): 15.0, (1, FEB): 100.0, (2, FEB): 5.0, (1, MAR): 95.0}
    result = compute.score(_definition(), values, AS_OF)
    jan, feb, mar = (_period(result, d) for d in (JAN, FEB, MAR))
    # Jan: 90 is halfway from 80 to 100 → 50 points; 15 is in the 10–20 band → 50 points.
    assert jan.score == 50.0 and jan.standing == "Poor"
    assert [(line.points, line.contribution) for line in jan.lines] == [(50.0, 30.0), (50.0, 20.0)]
    # Feb: both at their best → exactly 100, which belongs to the top band.
    assert feb.score == 100.0 and feb.standing == "Excellent"
    # Mar: quality has no data → its weight is left out and delivery carries the period alone.
    assert mar.score == 75.0 and mar.standing == "Average"
    delivery, quality = mar.lines
    assert delivery.effective_weight == 100.0 and delivery.contribution == 75.0
    assert quality.points is None and quality.contribution is None and "No data for b" in quality.note
    # A month without any value is "no data", never 0.
    assert _period(result, D(2025, 12, 1)).score is None
    # Overall: recency 3, linear → Jan ×1, Feb ×2, Mar ×3: (50 + 200 + 225) / 6 = 79.1666…
    assert result.overall == 79.17 and result.standing == "Average"
    assert [(w.label, w.weight, w.share) for w in result.weighted] == [
        ("Mar 2026", 3.0, 50.0),
        ("Feb 2026", 2.0, 33.33),
        ("Jan 2026", 1.0, 16.67),
    ]


def test_a_period_without_data_drops_out_with_its_weight() -> None:
    values = {(1, JAN): 90.0, (2, JAN): 15.0, (1, MAR): 95.0}
    result = compute.score(_definition(), values, AS_OF)
    # Jan (weight 1) and Mar (weight 3); Feb has no data and is not scored as 0: (50 + 225) / 4.
    assert result.overall == 68.75
    equal = compute.score(_definition(recency="equal"), values, AS_OF)
    assert equal.overall == 62.5


def test_points_are_capped_and_formula_failures_are_no_data() -> None:
    definition = _definition(
        criteria=[
            {"name": "Delivery", "weight": 50, "rule": "linear", "kpi": "a", "worst": 80, "best": 100},
            {"name": "Ratio", "weight": 50, "rule": "formula", "formula": "100 * a / b"},
        ]
    )
    result = compute.score(definition, {(1, JAN): 110.0, (2, JAN): 0.0}, AS_OF)
    jan = _period(result, JAN)
    delivery, ratio = jan.lines
    assert delivery.points == 100.0 and "Capped from 150.00" in delivery.note
    assert ratio.points is None and "Division by zero" in ratio.note
    assert jan.score == 100.0  # the ratio's weight is left out, not counted as 0


@pytest.mark.parametrize(
    ("score", "standing"),
    [
        (0, "Very poor"),
        (39.99, "Very poor"),
        (40, "Poor"),
        (79.99, "Average"),
        (80, "Excellent"),
        (100, "Excellent"),
    ],
)
def test_standing_bounds_belong_to_the_upper_band_and_100_to_the_top(score: float, standing: str) -> None:
    assert _definition().standing_of(score) == standing


@pytest.mark.parametrize(
    ("change", "path", "fragment"),
    [
        (
            {"criteria": [{"name": "x", "weight": 90, "rule": "linear", "kpi": "a", "worst": 0, "best": 1}]},
            "criteria",
            "total 90",
        ),
        (
            {"standings": [{"label": "Low", "min": 0, "max": 40}, {"label": "High", "min": 45, "max": 100}]},
            "standings",
            "Gap",
        ),
        (
            {"standings": [{"label": "Low", "min": 0, "max": 50}, {"label": "High", "min": 40, "max": 100}]},
            "standings",
            "Overlap",
        ),
        ({"standings": [{"label": "Low", "min": 10, "max": 100}]}, "standings", "start at 0"),
        ({"standings": [{"label": "Low", "min": 0, "max": 90}]}, "standings", "end at 100"),
        ({"period": "fortnight"}, "period", "week, month"),
        ({"recency_periods": 0}, "recency_periods", "1 to 60"),
        ({"kpis": [{"name": "min", "goal_id": 1}]}, "kpis[0].name", "reserved"),
        ({"kpis": [{"name": "a", "goal_id": 99}]}, "kpis[0].goal_id", "goals"),
    ],
)
def test_definition_errors_name_the_field(change: dict[str, Any], path: str, fragment: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        _definition(**change)
    assert path in caught.value.errors, caught.value.errors
    assert fragment in " ".join(caught.value.errors[path])


def test_criterion_bands_must_cover_every_value_once() -> None:
    bands = [{"min": None, "max": 10, "points": 100}, {"min": 12, "max": None, "points": 0}]
    criteria = [{"name": "Q", "weight": 100, "rule": "bands", "kpi": "b", "bands": bands}]
    with pytest.raises(ValidationFailed) as caught:
        _definition(criteria=criteria)
    assert "Gap: no band covers 10 to 12." in caught.value.errors["criteria[0].bands[1].min"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("__import__('os').system('true')", "Only min, max, abs and round may be called"),
        ("a.real", "not allowed"),
        ("a ** 2", "'**' is not allowed"),
        ("a / 0", "Division by zero"),
        ("a / (2 - 2)", "Division by zero"),
        ("c + 1", "Unknown KPI 'c'"),
        ("a > 3", "yes/no"),
        ("'text'", "Only numbers"),
        ("(a + ", "cannot be read"),
        ("[a for a in b]", "not allowed"),
        ("max(a, key=b)", "with values in brackets"),
        ("round(a, -1000000)", "round keeps a whole number of digits from -10 to 10"),
        ("round(a, 2.5)", "round keeps a whole number"),
        ("round(a, 1, 2)", "round takes a value"),
        ("99999999999999999999 * a", "Numbers in a formula stay within"),
    ],
)
def test_formulas_are_checked_on_save(text: str, fragment: str) -> None:
    with pytest.raises(formulas.FormulaError) as caught:
        formulas.parse(text, {"a", "b"})
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 + 3 * a", 14.0),
        ("max(a, b) - min(a, b)", 2.0),
        ("round(a / 3, 1)", 1.3),
        ("100 if 1 < a < 5 and not b == 0 else 0", 100.0),
        ("-a + abs(-b)", 2.0),
    ],
)
def test_formula_evaluation(text: str, expected: float) -> None:
    assert formulas.evaluate(formulas.parse(text, {"a", "b"}), {"a": 4.0, "b": 6.0}) == expected


def test_a_formula_whose_cost_grows_with_its_numbers_gets_a_prompt_422_naming_the_field(
    world: World, client_for: Any
) -> None:
    """round(5, -1000000) once took seconds on every save and read of the card (integer rounding
    to a million digits); numbers and digits are bounded now, so the answer is a field error."""
    definition = scorecard_definition(world, weight=50)
    definition["criteria"].append(
        {"name": "Huge", "weight": 50, "rule": "formula", "formula": "round(5, -1000000)"}
    )
    response = client_for("supplier_lead").post(  # the buyer has its card; the supplier scores back
        f"/api/v1/partnerships/{world.partnership.pk}/scorecards",
        {"name": "Huge", "definition": definition},
        content_type="application/json",
    )
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert "round keeps" in errors["criteria[1].formula"], errors


def test_digits_computed_from_kpis_are_bounded_when_the_formula_runs() -> None:
    parsed = formulas.parse("round(a, b)", {"a", "b"})
    assert formulas.evaluate(parsed, {"a": 1.2345, "b": 2.0}) == 1.23
    with pytest.raises(formulas.FormulaError, match="round keeps"):
        formulas.evaluate(parsed, {"a": 1.0, "b": -1e9})


def test_a_formula_that_divides_by_zero_on_the_history_is_refused_with_the_period(world: World) -> None:
    lead = world.user("buyer_lead")
    zero = goals.goal_create(actor=lead, partnership=world.partnership, title="Deliveries", target="10")
    goals.measurement_add(actor=lead, goal=zero, measured_on=D(2026, 1, 31), value="0")
    definition = scorecard_definition(world, weight=50) | {
        "kpis": [{"name": "otd", "goal_id": world.goal_shared.pk}, {"name": "d", "goal_id": zero.pk}],
    }
    definition["criteria"].append(
        {"name": "Per delivery", "weight": 50, "rule": "formula", "formula": "otd / d"}
    )
    with pytest.raises(ValidationFailed) as caught:
        services.scorecard_update(
            actor=lead, scorecard=world.scorecard, version=world.scorecard.version, definition=definition
        )
    message = caught.value.errors["criteria[1].formula"][0]
    assert "Division by zero" in message and "Jan 2026" in message and "d = 0" in message
    definition["criteria"][1]["formula"] = "0 if d == 0 else otd / d"
    services.scorecard_update(
        actor=lead, scorecard=world.scorecard, version=world.scorecard.version, definition=definition
    )


def test_shared_scorecards_use_shared_goals_only_and_never_show_internal_values(world: World) -> None:
    lead = world.user("buyer_lead")
    leaky = scorecard_definition(world) | {"kpis": [{"name": "otd", "goal_id": world.goal_internal.pk}]}
    with pytest.raises(ValidationFailed) as caught:
        services.scorecard_update(actor=lead, scorecard=world.scorecard, version=1, definition=leaky)
    assert "kpis[0].goal_id" in caught.value.errors
    # A goal that becomes internal after the fact stops feeding the shared scorecard: no data.
    goals.goal_update(
        actor=world.user("supplier_lead"), goal=world.goal_shared, version=None, visibility="internal"
    )
    card = Scorecard.unscoped.get(pk=world.scorecard.pk)
    result = selectors.results(actor=world.user("buyer_lead"), cards=[card], as_of=D(2026, 2, 15))[card.pk]
    assert all(p.score is None for p in result.periods)
    assert all(line.inputs == {"otd": None} for p in result.periods for line in p.lines)


def test_rights_over_scorecards(world: World) -> None:
    card = world.scorecard
    with pytest.raises(Forbidden):
        services.scorecard_update(
            actor=world.user("supplier_lead"), scorecard=card, version=1, name="Ours now"
        )
    with pytest.raises(NotFound):
        selectors.scorecard_get(actor=world.user("outsider"), pk=card.pk)
    # The supplier sets up its own scorecard of the buyer; a second one for the same direction is refused.
    mine = services.scorecard_create(
        actor=world.user("supplier_member"),
        partnership=world.partnership,
        name="Buyer",
        definition=scorecard_definition(world),
    )
    assert mine.direction == "supplier_rates_buyer" and mine.owner_id == world.supplier.pk
    with pytest.raises(ValidationFailed):
        services.scorecard_create(
            actor=world.user("supplier_lead"),
            partnership=world.partnership,
            name="Again",
            definition=scorecard_definition(world),
        )


def test_backtest_compares_without_saving(world: World) -> None:
    lead = world.user("buyer_lead")
    proposal = scorecard_definition(world)
    proposal["criteria"][0] |= {"worst": 90, "best": 96}
    found = services.backtest(
        actor=lead, scorecard=world.scorecard, definition=proposal, as_of=D(2026, 2, 15)
    )
    jan_now = next(p for p in found.current.periods if p.start == JAN)
    jan_then = next(p for p in found.proposed.periods if p.start == JAN)
    # 93 on 85→99 is 57.14 points; on 90→96 it is 50.
    assert (jan_now.score, jan_then.score) == (57.14, 50.0)
    world.scorecard.refresh_from_db()
    assert world.scorecard.version == 1 and world.scorecard.definition["criteria"][0]["worst"] == 85


def test_scores_are_set_based(world: World, django_assert_num_queries: Any) -> None:
    services.scorecard_create(
        actor=world.user("supplier_lead"),
        partnership=world.partnership,
        name="Buyer",
        definition=scorecard_definition(world),
    )
    cards = list(Scorecard.unscoped.all())
    assert len(cards) == 2
    # One query for the goals the cards may read, one aggregate for all KPIs of the month cards.
    with django_assert_num_queries(2):
        found = selectors.results(actor=world.user("buyer_lead"), cards=cards, as_of=D(2026, 2, 15))
    assert {r.latest.score for r in found.values() if r.latest} == {57.14}


def test_internal_scorecards_stay_with_their_owner(world: World) -> None:
    lead = world.user("buyer_lead")
    services.scorecard_update(
        actor=lead, scorecard=world.scorecard, version=1, visibility=Visibility.INTERNAL
    )
    with pytest.raises(NotFound):
        selectors.scorecard_get(actor=world.user("supplier_lead"), pk=world.scorecard.pk)
    assert not selectors.scorecard_list(
        actor=world.user("supplier_member"), partnership=world.partnership
    ).exists()


def test_the_name_and_visibility_are_checked_by_the_form_and_the_model(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")
    url = f"/api/v1/partnerships/{world.partnership.pk}/scorecards"
    body = {"name": "  ", "definition": scorecard_definition(world)}
    blank = client.post(url, body, content_type="application/json")
    assert blank.status_code == 422
    assert blank.json()["errors"] == [{"field": "name", "message": "Name the scorecard."}]
    wrong = client.post(
        url, body | {"name": "Buyer", "visibility": "public"}, content_type="application/json"
    )
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "visibility"
    with pytest.raises(ValidationFailed) as caught:
        services.scorecard_create(
            actor=world.user("supplier_lead"),
            partnership=world.partnership,
            name="",
            definition=scorecard_definition(world),
        )
    assert caught.value.errors == {"name": ["Name the scorecard."]}
    renamed = client_for("buyer_lead").patch(
        f"/api/v1/scorecards/{world.scorecard.pk}",
        {"version": 1, "name": "Aurora's delivery"},
        content_type="application/json",
    )
    assert renamed.status_code == 200 and renamed.json()["definition"] == world.scorecard.definition
