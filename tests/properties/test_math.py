"""Property-based tests of Concord's computations (hypothesis): bounds, symmetry, invariance to
order and monotonicity, over generated inputs rather than a few hand-picked ones.

Pure functions only (no database), so hundreds of examples cost well under a second each.
"""

import datetime
import itertools
from types import SimpleNamespace

from hypothesis import assume, given
from hypothesis import strategies as st

from concord.commitments.status import Status, on_time_run, reliability, status_of
from concord.goals.progress import TREND_POINTS, GoalStatus, assess, progress_percent
from concord.scorecards import compute
from concord.scorecards.definition import validate
from concord.vision.alignment import average_ranks, overlap, spearman

DIMS = ["Cost", "Quality", "Speed", "Risk", "Innovation"]
DAY = datetime.date(2026, 6, 15)


def _hundred_points(n: int = len(DIMS)) -> st.SearchStrategy[list[int]]:
    """n non-negative whole numbers that total 100, as each side of a vision round gives."""
    return st.lists(st.integers(0, 100), min_size=n - 1, max_size=n - 1).map(
        lambda cuts: [b - a for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), 100], strict=True)]
    )


# ---- alignment (vision) ---------------------------------------------------------------------------


@given(_hundred_points(), _hundred_points())
def test_alignment_is_bounded_and_symmetric(a: list[int], b: list[int]) -> None:
    pa, pb = dict(zip(DIMS, a, strict=True)), dict(zip(DIMS, b, strict=True))
    score = overlap(pa, pb, DIMS)
    assert 0 <= score <= 100
    assert score == overlap(pb, pa, DIMS)
    assert overlap(pa, pa, DIMS) == 100


@given(_hundred_points(), _hundred_points(), st.permutations(range(len(DIMS))))
def test_alignment_does_not_depend_on_the_order_of_dimensions(
    a: list[int], b: list[int], order: list[int]
) -> None:
    pa, pb = dict(zip(DIMS, a, strict=True)), dict(zip(DIMS, b, strict=True))
    assert overlap(pa, pb, DIMS) == overlap(pa, pb, [DIMS[i] for i in order])


@given(
    st.lists(st.integers(0, 100), min_size=2, max_size=12).flatmap(
        lambda a: st.tuples(st.just(a), st.lists(st.integers(0, 100), min_size=len(a), max_size=len(a)))
    )
)
def test_rank_correlation_is_bounded_symmetric_and_perfect_with_itself(
    pair: tuple[list[int], list[int]],
) -> None:
    a, b = pair
    rho = spearman(a, b)
    assert rho == spearman(b, a)
    if rho is not None:
        assert -1 <= rho <= 1
    if len(set(a)) > 1:
        assert spearman(a, a) == 1.0
        assert spearman(a, [-x for x in a]) == -1.0


@given(st.lists(st.integers(0, 100), min_size=1, max_size=12))
def test_average_ranks_sum_like_positions_and_tie_equal_values(values: list[int]) -> None:
    ranks = average_ranks(values)
    n = len(values)
    assert abs(sum(ranks) - n * (n + 1) / 2) < 1e-9
    for i in range(n):
        for j in range(n):
            if values[i] == values[j]:
                assert ranks[i] == ranks[j]
            elif values[i] > values[j]:
                assert ranks[i] < ranks[j]  # more points, better (smaller) rank


# ---- goal progress ----------------------------------------------------------------------------------

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@given(finite, finite, finite, finite)
def test_progress_grows_with_the_value_toward_the_target(
    baseline: float, target: float, v1: float, v2: float
) -> None:
    assume(abs(target - baseline) > 1e-3)
    p1, p2 = progress_percent(v1, baseline, target), progress_percent(v2, baseline, target)
    assert p1 is not None and p2 is not None
    assert (
        progress_percent(baseline, baseline, target) == 0
        and progress_percent(target, baseline, target) == 100
    )
    toward_target = (v2 - v1) * (target - baseline) >= 0
    assert (p2 >= p1) == toward_target or p1 == p2


points = st.lists(
    st.tuples(st.integers(0, 400), finite), min_size=1, max_size=15, unique_by=lambda p: p[0]
).map(lambda pts: [(datetime.date(2026, 1, 1) + datetime.timedelta(days=d), v) for d, v in sorted(pts)])


@given(points, finite, finite, st.booleans(), st.integers(0, 800))
def test_a_goal_has_exactly_one_status_and_meeting_the_target_is_achieved(
    pts: list[tuple[datetime.date, float]], baseline: float, target: float, higher: bool, today_offset: int
) -> None:
    start, due = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
    today = start + datetime.timedelta(days=today_offset)
    result = assess(
        pts, baseline=baseline, target=target, higher_is_better=higher, start=start, due=due, today=today
    )
    latest = pts[-1][1]
    met = latest >= target if higher else latest <= target
    assert (result.status == GoalStatus.ACHIEVED) == met
    if not met and today > due:
        assert result.status == GoalStatus.MISSED
    if result.forecast is not None:
        assert result.forecast >= pts[-1][0]  # the trend reaches the target after the last value


@given(points, st.booleans())
def test_no_target_or_no_values_is_no_data(pts: list[tuple[datetime.date, float]], higher: bool) -> None:
    kwargs = {"baseline": 0.0, "higher_is_better": higher, "start": DAY, "due": None, "today": DAY}
    assert assess(pts, target=None, **kwargs).status == GoalStatus.NO_DATA
    assert assess([], target=10.0, **kwargs).status == GoalStatus.NO_DATA


# ---- scorecards -----------------------------------------------------------------------------------

cuts = st.lists(st.integers(1, 99), min_size=0, max_size=6, unique=True).map(sorted)


@given(cuts, st.floats(0, 100, allow_nan=False))
def test_standing_bands_cover_every_score_from_0_to_100_exactly_once(edges: list[int], score: float) -> None:
    bounds = [0, *edges, 100]
    raw_standings = [
        {"label": f"S{i}", "min": lo, "max": hi} for i, (lo, hi) in enumerate(itertools.pairwise(bounds))
    ]
    criterion = {"name": "A", "weight": 100, "rule": "linear", "kpi": "a", "worst": 0, "best": 1}
    raw = {"kpis": [{"name": "a", "goal_id": 1}], "criteria": [criterion], "standings": raw_standings}
    definition = validate(raw, {1: True})
    holding = [s for s in definition.standings if s.min <= score < s.max or score == s.max == 100]
    assert len(holding) == 1 and definition.standing_of(score) == holding[0].label


linear_card = st.tuples(
    st.integers(1, 99), st.floats(-1000, 1000, allow_nan=False), st.floats(-1000, 1000, allow_nan=False)
)


@given(linear_card, st.lists(st.one_of(st.none(), finite), min_size=12, max_size=12))
def test_scores_stay_within_0_and_100_and_periods_without_data_are_left_out(
    card: tuple[int, float, float], monthly: list[float | None]
) -> None:
    weight, worst, best = card
    assume(abs(best - worst) > 1e-6)
    raw = {
        "kpis": [{"name": "a", "goal_id": 1}, {"name": "b", "goal_id": 2}],
        "criteria": [
            {"name": "A", "weight": weight, "rule": "linear", "kpi": "a", "worst": worst, "best": best},
            {"name": "B", "weight": 100 - weight, "rule": "linear", "kpi": "b", "worst": worst, "best": best},
        ],
    }
    definition = validate(raw, {1: True, 2: True})
    starts = compute.window(definition, DAY)
    values = {(1, s): v for s, v in zip(starts[-12:], monthly, strict=True) if v is not None}
    result = compute.score(definition, values, DAY)
    for period in result.periods:
        if period.score is None:
            assert all(line.points is None for line in period.lines if line.criterion == "A")
        else:
            assert 0 <= period.score <= 100 and period.standing
    with_data = [p for p in result.periods if p.score is not None]
    assert (result.overall is None) == (not with_data)
    if with_data:
        assert (
            min(p.score for p in with_data) - 1e-6 <= result.overall <= max(p.score for p in with_data) + 1e-6
        )


# ---- commitments ----------------------------------------------------------------------------------

dates = st.integers(-200, 200).map(lambda d: DAY + datetime.timedelta(days=d))


@given(dates, st.integers(0, 60), st.one_of(st.none(), dates), st.one_of(st.none(), dates), dates)
def test_every_commitment_has_exactly_one_status_and_kept_means_delivered(
    promised: datetime.date,
    moved: int,
    delivered: datetime.date | None,
    given_up: datetime.date | None,
    today: datetime.date,
) -> None:
    due = promised + datetime.timedelta(days=moved)
    found = status_of(
        promised_on=promised, due_on=due, delivered_on=delivered, given_up_on=given_up, today=today
    )
    assert isinstance(found, Status)
    kept = found in (Status.KEPT_ON_TIME, Status.KEPT_LATE)
    assert kept == (delivered is not None)
    if delivered is not None:
        assert (found == Status.KEPT_ON_TIME) == (delivered <= promised)  # the first promise counts


commitment = st.builds(
    lambda owner, promised, delivered, shared: SimpleNamespace(
        owner_id=owner,
        promised_on=promised,
        due_on=promised,
        delivered_on=delivered,
        given_up_on=None,
        visibility="shared" if shared else "internal",
    ),
    st.sampled_from([1, 2]),
    dates,
    st.one_of(st.none(), dates),
    st.booleans(),
)


@given(st.lists(commitment, max_size=30), st.randoms())
def test_reliability_is_a_share_of_due_promises_or_no_data_and_ignores_order(found: list, rnd) -> None:
    result = reliability(found, [1, 2], DAY)
    shuffled = list(found)
    rnd.shuffle(shuffled)
    again = reliability(shuffled, [1, 2], DAY)
    for org in (1, 2):
        index = result[org].index
        assert index == again[org].index
        if index is None:
            assert result[org].due == []
        else:
            assert 0 <= index <= 100
            assert all(c.visibility == "shared" and c.owner_id == org for c in result[org].due)


@given(st.lists(st.tuples(dates, dates), max_size=20))
def test_an_on_time_run_counts_back_from_the_latest_delivery(
    pairs: list[tuple[datetime.date, datetime.date]],
) -> None:
    run = on_time_run(pairs)
    assert 0 <= run <= len(pairs)
    tail = pairs[len(pairs) - run :] if run else []
    assert all(delivered <= promised for promised, delivered in tail)
    if run < len(pairs):
        promised, delivered = pairs[len(pairs) - run - 1]
        assert delivered > promised


@given(
    points,
    st.none() | finite,
    st.none() | finite,
    st.booleans(),
    st.integers(0, 800),
    st.none() | st.integers(-30, 400),
)
def test_the_portfolio_status_without_detail_is_the_goals_tab_status(
    pts: list[tuple[datetime.date, float]],
    baseline: float | None,
    target: float | None,
    higher: bool,
    today_offset: int,
    due_offset: int | None,
) -> None:
    start = datetime.date(2026, 1, 1)
    due = None if due_offset is None else start + datetime.timedelta(days=due_offset)
    today = start + datetime.timedelta(days=today_offset)
    kwargs = {"baseline": baseline, "target": target, "higher_is_better": higher, "start": start, "due": due}
    full = assess(pts, today=today, **kwargs)
    quick = assess(pts[-TREND_POINTS:], today=today, detail=False, **kwargs)
    assert quick.status == full.status and quick.progress == full.progress
