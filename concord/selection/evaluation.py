"""A need's evaluation, computed from rows already read (criteria, judgments, candidates, scores):
the weights (points or AHP), each candidate's aggregated scores, the ranking and its sensitivity.

No queries here: the selector reads the four kinds of rows once each and hands them over, so the
page and the API cost the same whatever the number of candidates and evaluators.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from concord.selection import ahp, ranking
from concord.selection.models import Weighting


@dataclass
class Cell:
    """One candidate on one criterion: the evaluators' scores and their aggregate."""

    scores: list[Any] = field(default_factory=list)  # Score rows
    summary: ranking.Aggregate | None = None


@dataclass
class Row:
    candidate: Any
    cells: list[Cell]
    score: float | None = None  # weighted, 1–5; None while a weighted criterion has no score
    rank: int | None = None

    @property
    def missing(self) -> int:
        return sum(1 for cell in self.cells if cell.summary is None)

    @property
    def disagreements(self) -> list[int]:
        return [i for i, cell in enumerate(self.cells) if cell.summary and cell.summary.disagreement]


@dataclass
class Sensitivity:
    criterion: Any
    shift: ranking.Shift | None
    challenger: Any = None


@dataclass
class Judgment:
    """An AHP judgment the consistency check names, with the criteria it compares."""

    first: Any
    second: Any
    given: float
    implied: float


@dataclass
class Evaluation:
    criteria: list[Any]
    weights: list[float] | None
    method: str
    consistency: ahp.Result | None = None
    judged: int = 0
    pairs: int = 0
    inconsistent: list[Judgment] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    sensitivity: list[Sensitivity] = field(default_factory=list)
    evaluators: list[Any] = field(default_factory=list)

    @property
    def ranked(self) -> list[Row]:
        return sorted((r for r in self.rows if r.rank is not None), key=lambda r: r.rank or 0)

    @property
    def unranked(self) -> list[Row]:
        return [r for r in self.rows if r.rank is None]

    @property
    def leader(self) -> Row | None:
        ranked = self.ranked
        return ranked[0] if ranked else None

    @property
    def weighted(self) -> list[tuple[Any, float | None]]:
        weights: list[float | None] = list(self.weights) if self.weights else [None] * len(self.criteria)
        return list(zip(self.criteria, weights, strict=True))


def ahp_weights(criteria: Sequence[Any], comparisons: Sequence[Any]) -> tuple[ahp.Result, list[Judgment]]:
    index = {c.pk: i for i, c in enumerate(criteria)}
    judgments = {
        (index[c.first_id], index[c.second_id]): c.value
        for c in comparisons
        if c.first_id in index and c.second_id in index
    }
    result = ahp.analyse(ahp.matrix(len(criteria), judgments))
    named = [Judgment(criteria[j.i], criteria[j.j], j.given, j.implied) for j in result.worst]
    return result, named


def evaluate(
    *,
    method: str,
    criteria: Sequence[Any],
    comparisons: Sequence[Any],
    candidates: Sequence[Any],
    scores: Sequence[Any],
) -> Evaluation:
    criteria = list(criteria)
    found = Evaluation(criteria=criteria, weights=None, method=method)
    if method == Weighting.AHP:
        found.consistency, found.inconsistent = ahp_weights(criteria, comparisons)
        found.weights = found.consistency.weights
        found.judged, found.pairs = len(comparisons), len(criteria) * (len(criteria) - 1) // 2
    else:
        found.weights = ahp.normalise_points([c.points for c in criteria])
    found.rows, found.evaluators = _rows(criteria, candidates, scores)
    _rank(found)
    return found


def _rows(
    criteria: Sequence[Any], candidates: Sequence[Any], scores: Sequence[Any]
) -> tuple[list[Row], list[Any]]:
    by_cell: dict[tuple[int, int], list[Any]] = defaultdict(list)
    evaluators: dict[int, Any] = {}
    for score in scores:
        by_cell[(score.candidate_id, score.criterion_id)].append(score)
        evaluators.setdefault(score.evaluator_id, score.evaluator)
    rows = []
    for candidate in candidates:
        cells = []
        for criterion in criteria:
            given = by_cell.get((candidate.pk, criterion.pk), [])
            cells.append(Cell(given, ranking.aggregate([s.value for s in given])))
        rows.append(Row(candidate, cells))
    people = sorted(evaluators.values(), key=lambda u: (str(u), u.pk))
    return rows, people


def _rank(found: Evaluation) -> None:
    if found.weights is None:
        return
    weights = found.weights
    for row in found.rows:
        row.score = ranking.weighted_score(
            weights, [c.summary.mean if c.summary else None for c in row.cells]
        )
    complete = {row.candidate.pk: row for row in found.rows if row.score is not None}
    order = ranking.ranked({pk: row.score for pk, row in complete.items()})
    for position, pk in enumerate(order, start=1):
        complete[pk].rank = position
    # Sensitivity over the ranked candidates. A criterion weighing nothing may lack scores (the
    # ranking does not need them); a placeholder keeps the arithmetic whole, and that criterion's
    # answer is dropped, since raising its weight would rank on scores nobody gave.
    means = {pk: [c.summary.mean if c.summary else 0.0 for c in row.cells] for pk, row in complete.items()}
    unscored = {i for row in complete.values() for i, c in enumerate(row.cells) if c.summary is None}
    shifts = ranking.sensitivity(weights, means)
    found.sensitivity = [
        Sensitivity(criterion, None if i in unscored else shift, None)
        for i, (criterion, shift) in enumerate(zip(found.criteria, shifts, strict=True))
    ]
    for item in found.sensitivity:
        if item.shift is not None:
            item.challenger = complete[item.shift.challenger].candidate
