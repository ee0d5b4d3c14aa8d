"""AHP (concord.selection.ahp) on published examples, against independent computations, and
hypothesis properties."""

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from concord.selection import ahp

# Wikipedia, "Analytic hierarchy process – leader example" (criteria Experience, Education,
# Charisma, Age): published priorities 0.547, 0.127, 0.270, 0.056 and CR 0.044.
LEADER = {(0, 1): 4, (0, 2): 3, (0, 3): 7, (1, 2): 1 / 3, (1, 3): 3, (2, 3): 5}


def test_the_published_leader_example() -> None:
    result = ahp.analyse(ahp.matrix(4, LEADER))
    assert result.weights == pytest.approx([0.547, 0.127, 0.270, 0.056], abs=0.0015)
    assert result.cr == pytest.approx(0.044, abs=0.001)
    assert result.acceptable


def test_saaty_random_index_table() -> None:
    # Saaty (1980), n = 1…10
    assert [ahp.random_index(n) for n in range(1, 11)] == [
        0,
        0,
        0.58,
        0.90,
        1.12,
        1.24,
        1.32,
        1.41,
        1.45,
        1.49,
    ]
    assert ahp.random_index(15) == 1.49


def test_lambda_max_of_a_3x3_matches_its_closed_form() -> None:
    # For a 3×3 reciprocal matrix (a12 = a, a13 = b, a23 = c) the characteristic polynomial gives
    # λmax = 1 + (b / ac)^(1/3) + (ac / b)^(1/3): an independent computation of the eigenvalue.
    for a, b, c in [(2, 9, 1 / 3), (3, 5, 2), (1 / 7, 4, 9), (2, 4, 2)]:
        result = ahp.analyse(ahp.matrix(3, {(0, 1): a, (0, 2): b, (1, 2): c}))
        closed = 1 + (b / (a * c)) ** (1 / 3) + ((a * c) / b) ** (1 / 3)
        assert result.lambda_max == pytest.approx(closed, rel=1e-9)
        assert result.cr == pytest.approx((closed - 3) / 2 / 0.58, rel=1e-6)


def test_the_weights_are_an_eigenvector() -> None:
    a = ahp.matrix(4, LEADER)
    result = ahp.analyse(a)
    for i in range(4):
        row = sum(a[i][k] * result.weights[k] for k in range(4))
        assert row == pytest.approx(result.lambda_max * result.weights[i], rel=1e-9)


def test_close_to_the_geometric_mean_when_nearly_consistent() -> None:
    a = ahp.matrix(4, LEADER)
    assert ahp.analyse(a).weights == pytest.approx(ahp.geometric_mean_weights(a), abs=0.02)


def test_a_consistent_matrix() -> None:
    result = ahp.analyse(ahp.matrix(3, {(0, 1): 2, (0, 2): 4, (1, 2): 2}))
    assert result.weights == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert result.cr == pytest.approx(0, abs=1e-9)
    assert result.worst == []


def test_an_inconsistent_matrix_names_the_judgment_to_revisit() -> None:
    # A consistent 4×4 (weights 8:4:2:1) with one judgment reversed: C over A at 5 instead of A over C at 4.
    judgments = {(0, 1): 2, (0, 2): 1 / 5, (0, 3): 8, (1, 2): 2, (1, 3): 4, (2, 3): 2}
    result = ahp.analyse(ahp.matrix(4, judgments))
    assert not result.acceptable and result.cr is not None and result.cr >= 0.10
    assert (result.worst[0].i, result.worst[0].j) == (0, 2)


def test_small_matrices_have_no_ratio() -> None:
    assert ahp.analyse(ahp.matrix(2, {(0, 1): 9})).cr is None
    assert ahp.analyse(ahp.matrix(2, {(0, 1): 9})).weights == pytest.approx([0.9, 0.1])
    assert ahp.analyse([]).weights == []
    assert ahp.analyse([[1.0]]).weights == [1.0]


def test_bad_judgments_are_refused() -> None:
    with pytest.raises(ValueError):
        ahp.matrix(3, {(0, 0): 2})
    with pytest.raises(ValueError):
        ahp.matrix(3, {(0, 1): 0})


def test_points_are_normalised() -> None:
    assert ahp.normalise_points([10, 30, 60]) == pytest.approx([0.1, 0.3, 0.6])
    assert ahp.normalise_points([0, 0]) is None
    with pytest.raises(ValueError):
        ahp.normalise_points([-1, 2])


SAATY = st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9, 2, 1 / 2])


@st.composite
def judgments(draw: st.DrawFn) -> tuple[int, dict[tuple[int, int], float]]:
    n = draw(st.integers(2, 7))
    return n, {(i, j): draw(SAATY) for i, j in itertools.combinations(range(n), 2)}


@settings(max_examples=60, deadline=None)
@given(judgments())
def test_weights_are_positive_and_sum_to_one(case: tuple[int, dict[tuple[int, int], float]]) -> None:
    n, given_ = case
    result = ahp.analyse(ahp.matrix(n, given_))
    assert sum(result.weights) == pytest.approx(1.0)
    assert all(w > 0 for w in result.weights)
    assert result.lambda_max >= n - 1e-9  # Perron: λmax ≥ n for a positive reciprocal matrix


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.1, 10), min_size=2, max_size=8))
def test_consistent_matrices_have_no_inconsistency(true: list[float]) -> None:
    n = len(true)
    given_ = {(i, j): true[i] / true[j] for i, j in itertools.combinations(range(n), 2)}
    result = ahp.analyse(ahp.matrix(n, given_))
    total = sum(true)
    assert result.weights == pytest.approx([t / total for t in true], rel=1e-6)
    assert result.ci == pytest.approx(0, abs=1e-9)
    assert ahp.geometric_mean_weights(ahp.matrix(n, given_)) == pytest.approx(result.weights, rel=1e-6)


@settings(max_examples=40, deadline=None)
@given(judgments(), st.randoms(use_true_random=False))
def test_renaming_the_criteria_permutes_the_weights(
    case: tuple[int, dict[tuple[int, int], float]], rnd: object
) -> None:
    n, given_ = case
    order = list(range(n))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    a = ahp.matrix(n, given_)
    moved = [[a[order[i]][order[j]] for j in range(n)] for i in range(n)]
    first, second = ahp.analyse(a), ahp.analyse(moved)
    assert second.weights == pytest.approx([first.weights[order[i]] for i in range(n)], abs=1e-9)
    assert math.isclose(first.lambda_max, second.lambda_max, rel_tol=1e-9)
