"""Scores, ranking and sensitivity (concord.selection.ranking)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concord.selection import ranking


def test_aggregate_and_disagreement() -> None:
    found = ranking.aggregate([2, 5])
    assert found is not None
    assert found.mean == 3.5 and found.spread == 3 and found.std == pytest.approx(1.5)
    assert found.disagreement  # a range of 3: opposite sides of the middle
    calm = ranking.aggregate([3, 4, 5])
    assert calm is not None and not calm.disagreement
    assert ranking.aggregate([]) is None


def test_weighted_score_needs_every_weighted_criterion() -> None:
    assert ranking.weighted_score([0.5, 0.5], [4, 2]) == 3.0
    assert ranking.weighted_score([0.5, 0.5], [4, None]) is None  # no data is not zero
    assert ranking.weighted_score([1.0, 0.0], [4, None]) == 4.0  # a criterion weighing nothing


def test_sensitivity_finds_the_weight_where_the_winner_changes() -> None:
    # A leads on cost (weight 0.6), B on quality (0.4): A = 0.6·5 + 0.4·1 = 3.4, B = 0.6·2 + 0.4·5 = 3.2.
    means = {1: [5.0, 1.0], 2: [2.0, 5.0]}
    shifts = ranking.sensitivity([0.6, 0.4], means)
    quality = shifts[1]
    assert quality is not None and quality.challenger == 2
    # Level when 5 - 4t... A(t) = (1-t)·5 + t·1, B(t) = (1-t)·2 + t·5 → 5 - 4t = 2 + 3t → t = 3/7
    assert quality.to == pytest.approx(3 / 7)
    assert quality.change == pytest.approx(3 / 7 - 0.4)
    cost = shifts[0]
    assert cost is not None and cost.to == pytest.approx(4 / 7)  # cost's weight 1 − 3/7


def test_no_change_of_a_criterion_where_the_leader_dominates() -> None:
    shifts = ranking.sensitivity([0.5, 0.5], {1: [5.0, 5.0], 2: [1.0, 1.0]})
    assert shifts == [None, None]
    assert ranking.sensitivity([1.0], {1: [5.0]}) == [None]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.floats(0.05, 1), min_size=2, max_size=5),
    st.lists(st.lists(st.integers(1, 5), min_size=5, max_size=5), min_size=2, max_size=5),
)
def test_at_the_returned_weight_the_challenger_draws_level(raw: list[float], table: list[list[int]]) -> None:
    weights = [w / sum(raw) for w in raw]
    means = {c: [float(v) for v in row[: len(weights)]] for c, row in enumerate(table)}
    scores = {c: sum(w * m for w, m in zip(weights, ms, strict=True)) for c, ms in means.items()}
    leader = ranking.ranked(scores)[0]
    for k, shift in enumerate(ranking.sensitivity(weights, means)):
        if shift is None:
            continue
        t = shift.to
        moved = [t if i == k else w * (1 - t) / (1 - weights[k]) for i, w in enumerate(weights)]
        assert sum(moved) == pytest.approx(1.0)
        at = {c: sum(w * m for w, m in zip(moved, ms, strict=True)) for c, ms in means.items()}
        assert at[shift.challenger] == pytest.approx(at[leader], abs=1e-9)
        assert 0 <= t <= 1
