"""The health index's arithmetic (concord.health.index): combination with renormalised weights,
the components, bands and trend — examples and properties."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from concord.health import index
from concord.health.index import Component

SCORES = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))
WEIGHTS = st.integers(min_value=0, max_value=100)
KEYS = [c.value for c in Component]


def test_every_source_present_is_the_weighted_mean() -> None:
    scores = {"goals": 80, "scorecards": 60, "reliability": 100, "survey": 50, "risk": 90, "cadence": 40}
    found = index.combine(scores, index.DEFAULT_WEIGHTS)
    expected = (80 * 25 + 60 * 20 + 100 * 20 + 50 * 15 + 90 * 10 + 40 * 10) / 100
    assert found.score == round(expected, 1)
    assert found.missing == []
    assert sum(p.share or 0 for p in found.parts) == 100


def test_a_missing_source_is_left_out_and_the_weights_renormalised() -> None:
    found = index.combine({"goals": 100, "scorecards": 50}, {"goals": 25, "scorecards": 25, "survey": 50})
    assert found.score == 75.0  # not (100·25 + 50·25 + 0·50) / 100
    assert found.missing == [index.LABELS[Component.SURVEY]]
    shares = {p.key: p.share for p in found.parts}
    assert shares["goals"] == 50.0 and shares["survey"] is None


def test_no_source_with_data_gives_no_index() -> None:
    found = index.combine({}, index.DEFAULT_WEIGHTS)
    assert found.score is None and found.band == "none"
    assert len(found.missing) == len(Component)


def test_a_weight_of_zero_leaves_a_source_out_without_calling_it_missing() -> None:
    found = index.combine({"goals": 20, "risk": 100}, {"goals": 10, "risk": 0})
    assert found.score == 20.0
    assert index.LABELS[Component.RISK] not in found.missing


def test_goal_attainment_leaves_goals_without_data_out() -> None:
    assert index.goal_attainment({"on_track": 1, "at_risk": 1, "off_track": 2, "no_data": 5}) == 37.5
    assert index.goal_attainment({"no_data": 3}) is None
    assert index.goal_attainment({"achieved": 1, "missed": 1}) == 50.0


def test_reliability_is_the_mean_of_the_sides_with_commitments_due() -> None:
    ours, theirs = index.on_time_share(4, 3), index.on_time_share(0, 0)
    assert ours == 75.0 and theirs is None
    assert index.mean([ours, theirs]) == 75.0
    assert index.mean([None, None]) is None


def test_risk_is_inverted_exposure_and_an_empty_register_is_no_data() -> None:
    assert index.risk_component(30, recorded=2) == 70.0
    assert index.risk_component(250, recorded=9) == 0.0
    assert index.risk_component(0, recorded=0) is None
    assert index.risk_component(0, recorded=1) == 100.0


def test_cadence_counts_meetings_against_the_rhythm_capped() -> None:
    # a year: check-ins every 30 days (12 expected, 6 held: 50 %),
    # reviews every 90 (4 expected, 8 held: capped at 100 %)
    assert index.cadence_adherence([(6, 30), (8, 90)], 365) == 75.0
    assert index.cadence_adherence([(0, 30), (0, 90)], 20) is None  # too young to judge


def test_bands_cover_zero_to_a_hundred_whole() -> None:
    assert index.band(0) == "poor" and index.band(39.9) == "poor"
    assert index.band(40) == "fair" and index.band(69.9) == "fair"
    assert index.band(70) == "good" and index.band(100) == "good"


def test_periods_and_trend() -> None:
    assert index.period_of(datetime.date(2026, 3, 17)) == datetime.date(2026, 3, 1)
    assert index.previous_period(datetime.date(2026, 1, 1)) == datetime.date(2025, 12, 1)
    assert index.trend(70.0, 62.5) == 7.5
    assert index.trend(70.0, None) is None


def test_weight_problems() -> None:
    assert index.weight_problems(dict.fromkeys(KEYS, 0)) == {
        "goals": "Give at least one source a weight above 0."
    }
    assert "risk" in index.weight_problems({**index.DEFAULT_WEIGHTS, "risk": 101})
    assert index.weight_problems(index.DEFAULT_WEIGHTS) == {}


@given(
    st.fixed_dictionaries(dict.fromkeys(KEYS, SCORES)), st.fixed_dictionaries(dict.fromkeys(KEYS, WEIGHTS))
)
def test_the_index_stays_within_its_sources(scores: dict, weights: dict) -> None:
    found = index.combine(scores, weights)
    used = [scores[k] for k in KEYS if scores[k] is not None and weights[k] > 0]
    if not used:
        assert found.score is None
        return
    assert found.score is not None
    assert min(used) - 0.05 <= found.score <= max(used) + 0.05
    assert 0 <= found.score <= 100
    assert abs(sum(p.share or 0 for p in found.parts) - 100) < 0.5
    assert abs(sum(p.contribution or 0 for p in found.parts) - found.score) < 0.5


@given(
    st.fixed_dictionaries(dict.fromkeys(KEYS, SCORES)),
    st.fixed_dictionaries(dict.fromkeys(KEYS, WEIGHTS)),
    st.integers(min_value=1, max_value=5),
)
def test_scaling_every_weight_changes_nothing(scores: dict, weights: dict, factor: int) -> None:
    scaled = {k: min(100, w * factor) for k, w in weights.items()}
    if any(w * factor > 100 for w in weights.values()):
        return
    assert index.combine(scores, weights).score == index.combine(scores, scaled).score


@given(st.fixed_dictionaries(dict.fromkeys(KEYS, SCORES)), st.sampled_from(KEYS))
def test_a_missing_source_never_counts_as_zero_or_a_hundred(scores: dict, key: str) -> None:
    without = {**scores, key: None}
    found = index.combine(without, index.DEFAULT_WEIGHTS)
    present = {k: v for k, v in without.items() if v is not None}
    if present:
        alone = index.combine(present, {k: index.DEFAULT_WEIGHTS[k] for k in present})
        assert found.score == alone.score
