"""The survey's arithmetic (reviews.perception): means, gaps, the threshold, the 0–100 score."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.reviews import perception
from concord.reviews.dimensions import PROBLEM, default, parse

KEYS = ["trust", "fairness"]
rating = st.integers(min_value=1, max_value=5)
answer = st.fixed_dictionaries({k: st.fixed_dictionaries({"is": rating, "other": rating}) for k in KEYS})


def _answers(*pairs: tuple[int, int]) -> list[dict[str, dict[str, int]]]:
    return [{k: {"is": i, "other": o} for k in KEYS} for i, o in pairs]


def test_means_and_gaps_of_a_small_example() -> None:
    buyer = perception.side_result(_answers((4, 3), (2, 3)), KEYS, 2)
    supplier = perception.side_result(_answers((5, 2), (3, 4)), KEYS, 2)
    assert buyer.is_means["trust"] == 3 and supplier.is_means["trust"] == 4
    assert perception.gaps(buyer, supplier, KEYS)["trust"] == 1  # supplier said 4, buyer predicted 3
    assert perception.gaps(supplier, buyer, KEYS)["trust"] == 0  # buyer said 3, supplier predicted 3
    assert perception.round_score([buyer, supplier]) == pytest.approx(62.5)


def test_under_the_threshold_nothing_shows_not_even_comments() -> None:
    side = perception.side_result([{"trust": {"is": 1, "other": 1, "comment": "bad"}}], KEYS, 3)
    assert not side.shown and side.is_means == {} and side.comments == {} and side.overall is None
    other = perception.side_result(_answers((5, 5), (5, 5), (5, 5)), KEYS, 3)
    assert perception.gaps(side, other, KEYS) == {"trust": None, "fairness": None}
    assert perception.gaps(other, side, KEYS) == {"trust": None, "fairness": None}
    assert perception.round_score([side, other]) is None


def test_the_threshold_is_at_least_two_whatever_is_asked() -> None:
    assert not perception.side_result(_answers((3, 3)), KEYS, 1).shown


def test_comments_are_sorted_not_in_answer_order() -> None:
    answers = [
        {"trust": {"is": 3, "other": 3, "comment": "zebra"}},
        {"trust": {"is": 3, "other": 3, "comment": "apple"}},
    ]
    assert perception.side_result(answers, ["trust"], 2).comments["trust"] == ["apple", "zebra"]


def test_scale_ends_map_to_0_and_100() -> None:
    assert perception.to_percent(1) == 0 and perception.to_percent(5) == 100


@given(st.lists(answer, min_size=2, max_size=12), st.lists(answer, min_size=2, max_size=12))
def test_means_stay_on_the_scale_and_gaps_within_four(a: list, b: list) -> None:
    one, two = perception.side_result(a, KEYS, 2), perception.side_result(b, KEYS, 2)
    for side in (one, two):
        assert all(1 <= v <= 5 for v in side.is_means.values() if v is not None)
    for gap in perception.gaps(one, two, KEYS).values():
        assert gap is not None and -4 <= gap <= 4
    score = perception.round_score([one, two])
    assert score is not None and 0 <= score <= 100


@given(st.lists(answer, min_size=0, max_size=12), st.integers(min_value=2, max_value=8))
def test_shown_exactly_when_enough_answered(a: list, threshold: int) -> None:
    side = perception.side_result(a, KEYS, threshold)
    assert side.shown == (len(a) >= threshold)
    if not side.shown:
        assert side.is_means == {} and side.other_means == {} and side.comments == {}


@given(st.lists(answer, min_size=2, max_size=10), st.randoms())
def test_results_do_not_depend_on_answer_order(a: list, rnd) -> None:
    shuffled = list(a)
    rnd.shuffle(shuffled)
    assert perception.side_result(a, KEYS, 2) == perception.side_result(shuffled, KEYS, 2)


@given(st.lists(answer, min_size=2, max_size=10), st.lists(answer, min_size=2, max_size=10))
def test_each_side_weighs_half_in_the_score(a: list, b: list) -> None:
    """Doubling every answer of one side (a side twice as large, answering alike) leaves the score."""
    one, two = perception.side_result(a, KEYS, 2), perception.side_result(b, KEYS, 2)
    doubled = perception.side_result(a + a, KEYS, 2)
    assert perception.round_score([one, two]) == pytest.approx(perception.round_score([doubled, two]))


def test_dimensions_parse_one_a_line_and_keep_default_keys() -> None:
    assert parse("Trust\n\n  Value   created \nSpeed") == [
        {"key": "trust", "label": "Trust"},
        {"key": "value", "label": "Value created"},
        {"key": "speed", "label": "Speed"},
    ]
    assert parse("") is None and parse("A\na") is None and parse("x" * 81) is None
    assert parse("\n".join(f"D{i}" for i in range(13))) is None
    assert len(default()) == 7 and "12" in PROBLEM
