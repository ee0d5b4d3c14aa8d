"""The register's arithmetic: score, bands, the heat map's grid, the exposure figure and the
contingency's steps (pure functions)."""

from hypothesis import given
from hypothesis import strategies as st

from concord.risks import scoring
from concord.risks.steps import steps

RATING = st.integers(min_value=1, max_value=5)


@given(RATING, RATING)
def test_every_score_has_a_band_and_stays_in_range(likelihood: int, impact: int) -> None:
    value = scoring.score(likelihood, impact)
    assert 1 <= value <= scoring.MAX_SCORE
    assert scoring.band(value) in {"low", "medium", "high", "critical"}


def test_bands_at_their_edges() -> None:
    assert [scoring.band(v) for v in (1, 4, 5, 9, 10, 16, 20, 25)] == [
        "low", "low", "medium", "medium", "high", "high", "critical", "critical",
    ]  # fmt: skip


@given(st.lists(st.tuples(RATING, RATING), max_size=60))
def test_exposure_is_the_capped_sum_and_never_leaves_0_to_100(ratings: list[tuple[int, int]]) -> None:
    total = sum(scoring.score(lk, im) for lk, im in ratings)
    figure = scoring.exposure(total)
    assert 0 <= figure <= 100
    assert figure == min(100, total)


def test_no_open_risk_is_no_exposure() -> None:
    assert scoring.exposure(None) == 0
    assert scoring.exposure(0) == 0
    assert scoring.exposure(4 * 25) == 100  # four risks in the top corner fill it


def test_grid_has_every_cell_with_likelihood_5_on_top() -> None:
    rows = scoring.grid([(5, 1, 2), (1, 5, 1)])
    assert len(rows) == 5 and all(len(r) == 5 for r in rows)
    assert (rows[0][0].likelihood, rows[0][0].impact, rows[0][0].count) == (5, 1, 2)
    assert (rows[4][4].likelihood, rows[4][4].impact, rows[4][4].count) == (1, 5, 1)
    assert sum(c.count for r in rows for c in r) == 3
    assert rows[0][4].band == "critical" and rows[4][0].band == "low"


def test_steps_drop_markers_and_blank_lines() -> None:
    text = "- Switch to line 2\n\n  * Air-freight stock\n1. Tell customers\n2) Review weekly\n   \n"
    assert steps(text) == ["Switch to line 2", "Air-freight stock", "Tell customers", "Review weekly"]
    assert steps("") == []
    assert len(steps("x" * 500)[0]) == 200
