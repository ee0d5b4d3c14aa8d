"""The pure rules: Kraljic placement and its boundary, the ISO 44001 checklist and moves, expiry."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.lifecycle import expiry, kraljic, stages
from concord.lifecycle.kraljic import Quadrant
from concord.lifecycle.stages import Facts, Stage

W = kraljic.DEFAULT_WEIGHTS


def _scores(**given: int) -> dict[str, int]:
    return {key: given.get(key, 1) for key in kraljic.FACTOR_KEYS}


@pytest.mark.parametrize(
    ("impact", "risk", "quadrant"),
    [
        ("3.00", "3.00", Quadrant.STRATEGIC),  # the midpoint on both axes counts as high
        ("3.00", "2.99", Quadrant.LEVERAGE),
        ("2.99", "3.00", Quadrant.BOTTLENECK),
        ("2.99", "2.99", Quadrant.NON_CRITICAL),
        ("5.00", "1.00", Quadrant.LEVERAGE),
        ("1.00", "5.00", Quadrant.BOTTLENECK),
        ("2.995", "1", Quadrant.LEVERAGE),  # rounded to two decimals first: 3.00 as shown
    ],
)
def test_the_boundary_belongs_to_the_high_side(impact: str, risk: str, quadrant: Quadrant) -> None:
    assert kraljic.quadrant(Decimal(impact), Decimal(risk)) == quadrant


def test_axes_are_weighted_means_of_their_factors() -> None:
    placed = kraljic.place(
        _scores(spend_share=5, business_impact=1, qualified_suppliers=5, switching_cost=1, market_scarcity=1),
        W,
    )
    assert placed.profit_impact == Decimal("3.00")  # (50*5 + 50*1) / 100
    assert placed.supply_risk == Decimal("2.60")  # (40*5 + 30*1 + 30*1) / 100
    assert placed.quadrant == Quadrant.LEVERAGE and placed.suggested_type == "tactical"


def test_a_zero_weight_leaves_a_factor_out_and_an_empty_axis_is_refused() -> None:
    weights = {**W, "business_impact": 0}
    assert kraljic.axis_score(kraljic.Axis.PROFIT_IMPACT, _scores(spend_share=4), weights) == Decimal("4.00")
    with pytest.raises(kraljic.WeightError):
        kraljic.axis_score(kraljic.Axis.PROFIT_IMPACT, _scores(), {**weights, "spend_share": 0})
    assert "spend_share" in kraljic.weight_problems({**weights, "spend_share": 0})
    assert kraljic.weight_problems({**W, "market_scarcity": 101}) == {
        "market_scarcity": "Give a weight from 0 to 100."
    }


def test_scores_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="1–5"):
        kraljic.place(_scores(spend_share=6), W)


def test_every_quadrant_suggests_a_type_and_tasks() -> None:
    assert {kraljic.SUGGESTED_TYPE[q] for q in Quadrant} == {
        "strategic",
        "tactical",
        "hybrid",
        "transactional",
    }
    assert all(len(kraljic.TASKS[q]) >= 2 for q in Quadrant)


weights = st.fixed_dictionaries({k: st.integers(0, 100) for k in kraljic.FACTOR_KEYS}).filter(
    lambda w: not kraljic.weight_problems(w)
)
scores = st.fixed_dictionaries({k: st.integers(1, 5) for k in kraljic.FACTOR_KEYS})


@given(scores, weights)
def test_every_point_has_exactly_one_quadrant_within_the_scale(s: dict[str, int], w: dict[str, int]) -> None:
    placed = kraljic.place(s, w)
    assert Decimal(1) <= placed.profit_impact <= Decimal(5)
    assert Decimal(1) <= placed.supply_risk <= Decimal(5)
    high_impact, high_risk = placed.profit_impact >= 3, placed.supply_risk >= 3
    expected = {
        (True, True): Quadrant.STRATEGIC,
        (True, False): Quadrant.LEVERAGE,
        (False, True): Quadrant.BOTTLENECK,
        (False, False): Quadrant.NON_CRITICAL,
    }[(high_impact, high_risk)]
    assert placed.quadrant == expected


@given(scores, weights, st.sampled_from(kraljic.FACTOR_KEYS))
def test_raising_a_factor_never_lowers_its_axis(s: dict[str, int], w: dict[str, int], key: str) -> None:
    if s[key] == 5:
        return
    before = kraljic.place(s, w)
    after = kraljic.place({**s, key: s[key] + 1}, w)
    assert after.profit_impact >= before.profit_impact and after.supply_risk >= before.supply_risk


# ---- ISO 44001 stages -----------------------------------------------------------------------------

READY = Facts(
    has_description=True,
    buyer_manager=True,
    supplier_joined=True,
    supplier_manager=True,
    vision_agreed=True,
    agreement_signed=True,
    exit_plan_complete=True,
    shared_goals=2,
    measured_goals=1,
    meetings_held=1,
)


def test_the_eight_stages_in_order() -> None:
    assert [s.label for s in Stage] == [
        "Operational awareness",
        "Knowledge",
        "Internal assessment",
        "Partner selection",
        "Working together",
        "Value creation",
        "Staying together",
        "Exit strategy activation",
    ]


def test_working_together_needs_vision_agreement_managers_and_exit_plan() -> None:
    items = stages.entry_checklist(Stage.WORKING_TOGETHER, Facts(buyer_manager=True))
    assert [(i.key, i.done) for i in items] == [
        ("vision_agreed", False),
        ("agreement_signed", False),
        ("managers", False),  # only the buying side named one
        ("exit_plan", False),
    ]
    assert all(i.done for i in stages.entry_checklist(Stage.WORKING_TOGETHER, READY))


def test_moving_on_with_open_items_needs_a_reason_naming_them() -> None:
    facts = Facts(has_description=True, buyer_manager=True, supplier_joined=True, supplier_manager=True)
    reason = stages.reason_needed(Stage.PARTNER_SELECTION, Stage.WORKING_TOGETHER, facts)
    assert reason is not None and "exit plan" in reason and "vision" in reason
    assert stages.reason_needed(Stage.PARTNER_SELECTION, Stage.WORKING_TOGETHER, READY) is None


def test_skipping_stages_counts_the_open_items_of_every_stage_passed_over() -> None:
    open_items = stages.open_items(Stage.OPERATIONAL_AWARENESS, Stage.PARTNER_SELECTION, Facts())
    assert [i.key for i in open_items] == ["description", "buyer_manager", "supplier_joined"]
    # the exit plan is asked twice on the way to exit activation, listed once
    keys = [
        i.key for i in stages.open_items(Stage.OPERATIONAL_AWARENESS, Stage.EXIT_STRATEGY_ACTIVATION, Facts())
    ]
    assert keys.count("exit_plan") == 1


def test_going_back_always_needs_a_reason() -> None:
    assert stages.reason_needed(Stage.VALUE_CREATION, Stage.WORKING_TOGETHER, READY) is not None
    assert stages.open_items(Stage.VALUE_CREATION, Stage.WORKING_TOGETHER, Facts()) == []


# ---- expiry ---------------------------------------------------------------------------------------

TODAY = datetime.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("days", "state"),
    [(-1, "expired"), (0, "expiring"), (30, "expiring"), (31, "valid")],
)
def test_valid_through_the_expiry_day_and_expiring_within_thirty_days(days: int, state: str) -> None:
    assert expiry.expiry(TODAY + datetime.timedelta(days=days), TODAY).value == state
    assert expiry.expiry(None, TODAY) == expiry.Expiry.NONE


def test_a_review_falls_due_twelve_months_after_the_assessment() -> None:
    assert expiry.review_due_on(datetime.date(2025, 11, 24)) == datetime.date(2026, 11, 24)
    assert expiry.review_due_on(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)


@pytest.mark.parametrize(
    "today",
    [
        datetime.date(2026, 11, 24),
        datetime.date(2025, 2, 28),
        datetime.date(2024, 2, 29),
        datetime.date(2025, 3, 1),
    ],
)
def test_the_review_cutoff_agrees_with_the_due_date(today: datetime.date) -> None:
    cutoff = expiry.review_cutoff(today)
    assert expiry.review_due_on(cutoff) <= today
    assert expiry.review_due_on(cutoff + datetime.timedelta(days=1)) > today
