"""The alignment report on hand-computed cases, including ties and zero points."""

from types import SimpleNamespace

import pytest

from concord.vision import alignment

DIMS = ["Cost", "Speed", "Quality", "Innovation"]


def answers(
    points: dict[str, int], prediction: dict[str, int] | None = None, ways: dict[str, str] | None = None
) -> SimpleNamespace:
    return SimpleNamespace(priorities=points, prediction=prediction or {}, ways=ways or {})


def test_identical_distributions_are_fully_aligned() -> None:
    a = {"Cost": 40, "Speed": 30, "Quality": 20, "Innovation": 10}
    assert alignment.overlap(a, a, DIMS) == 100.0
    assert alignment.spearman([40, 30, 20, 10], [40, 30, 20, 10]) == 1.0


def test_disjoint_distributions_score_zero_and_reverse_order_is_minus_one() -> None:
    a = {"Cost": 100}
    b = {"Quality": 100}
    assert alignment.overlap(a, b, DIMS) == 0.0
    assert alignment.spearman([40, 30, 20, 10], [10, 20, 30, 40]) == -1.0


def test_hand_computed_case() -> None:
    # |40-10| + |10-40| + |30-30| + |20-20| = 60 -> 100 - 30 = 70
    buyer = {"Cost": 40, "Speed": 10, "Quality": 30, "Innovation": 20}
    supplier = {"Cost": 10, "Speed": 40, "Quality": 30, "Innovation": 20}
    report = alignment.report(DIMS, "Buyer", answers(buyer), "Supplier", answers(supplier))
    assert report.alignment == 70.0
    # ranks buyer: Cost 1, Quality 2, Innovation 3, Speed 4
    #      supplier: Speed 1, Quality 2, Innovation 3, Cost 4
    # d = (3, -3, 0, 0): rho = 1 - 6*18/(4*15) = -0.8
    assert report.rank_correlation == pytest.approx(-0.8)
    assert report.misalignments == [
        "Buyer puts 40 points on cost, Supplier 10.",
        "Buyer puts 10 points on speed, Supplier 40.",
    ]


def test_ties_share_average_ranks() -> None:
    assert alignment.average_ranks([50, 25, 25, 0]) == [1.0, 2.5, 2.5, 4.0]
    # tied ranks: a=(1, 2.5, 2.5, 4), b=(1, 2, 3, 4) -> Pearson on ranks = 0.9487
    assert alignment.spearman([50, 25, 25, 0], [40, 30, 20, 10]) == pytest.approx(0.949, abs=1e-3)


def test_all_equal_points_have_no_rank_order() -> None:
    assert alignment.spearman([25, 25, 25, 25], [40, 30, 20, 10]) is None


def test_zero_points_everywhere_but_one_dimension() -> None:
    a = {"Cost": 100, "Speed": 0, "Quality": 0, "Innovation": 0}
    b = {"Cost": 50, "Speed": 50}
    assert alignment.overlap(a, b, DIMS) == 50.0


def test_perception_gap_in_plain_language() -> None:
    buyer = {"Cost": 40, "Speed": 10, "Quality": 30, "Innovation": 20}
    supplier_guess_of_buyer = {"Speed": 70, "Cost": 30}
    supplier = {"Cost": 25, "Speed": 25, "Quality": 25, "Innovation": 25}
    report = alignment.report(
        DIMS, "Buyer", answers(buyer), "Supplier", answers(supplier, prediction=supplier_guess_of_buyer)
    )
    gap = report.perception["b_about_a"]
    assert gap["headline"] == "Supplier believed Buyer cares most about speed; Buyer put it fourth."
    # |30-40| + |70-10| + |0-30| + |0-20| = 120 -> 100 - 60 = 40
    assert gap["accuracy"] == 40.0
    assert report.perception["a_about_b"]["accuracy"] is None  # the buyer made no prediction


def test_ways_of_working_mismatch() -> None:
    report = alignment.report(
        DIMS,
        "Buyer",
        answers({}, ways={"cadence": "weekly", "reporting": "monthly"}),
        "Supplier",
        answers({}, ways={"cadence": "monthly", "reporting": "monthly"}),
    )
    assert report.ways == ["Buyer expects weekly updates; Supplier expects monthly updates."]
