"""Scores, ranking and sensitivity of a candidate evaluation. Pure: no Django, no database.

- Each evaluator scores a candidate on a criterion from 1 to 5. The aggregate is the mean of the
  evaluators' scores; the spread is their range (max − min) and population standard deviation.
  A range of 3 or more (one says 1 or 2, another 4 or 5: opposite sides of the middle) is flagged
  as strong disagreement — to be talked through before the ranking is trusted.
- A candidate's weighted score is Σ weight_i · mean_i on the same 1–5 scale. A criterion with a
  positive weight and no score yet means the candidate is not ranked ("no data" is not a zero).
- Sensitivity, per criterion k: change its weight w_k to t, rescaling the other weights
  proportionally so they still sum to 1 (w_i' = w_i · (1 − t) / (1 − w_k)). Every candidate's
  score is then linear in t, so for each challenger the t at which it draws level with the leader
  is one division; the answer is the t nearest to w_k in [0, 1], i.e. the smallest change of that
  weight at which the winner changes (at the returned t the two are level; beyond it the
  challenger leads). None: no change of this weight alone changes the winner.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DISAGREEMENT_RANGE = 3
SCORE_MIN, SCORE_MAX = 1, 5


@dataclass(frozen=True)
class Aggregate:
    mean: float
    spread: int  # max − min
    std: float  # population standard deviation
    count: int

    @property
    def disagreement(self) -> bool:
        return self.spread >= DISAGREEMENT_RANGE


def aggregate(values: Sequence[int]) -> Aggregate | None:
    """Mean, range and standard deviation of the evaluators' scores; None without any."""
    if not values:
        return None
    mean = sum(values) / len(values)
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    return Aggregate(mean, max(values) - min(values), std, len(values))


def weighted_score(weights: Sequence[float], means: Sequence[float | None]) -> float | None:
    """Σ w_i · mean_i; None when a criterion that weighs anything has no score yet."""
    total = 0.0
    for weight, mean in zip(weights, means, strict=True):
        if weight <= 0:
            continue
        if mean is None:
            return None
        total += weight * mean
    return total


@dataclass(frozen=True)
class Shift:
    """The smallest change of one criterion's weight that changes the winner."""

    criterion: int
    weight: float  # its weight now
    to: float  # the weight at which the challenger draws level
    challenger: int  # the candidate that takes the lead

    @property
    def change(self) -> float:
        return self.to - self.weight


def ranked(scores: Mapping[int, float | None]) -> list[int]:
    """Candidates with a score, best first (ties by key, so the order is stable)."""
    return sorted((k for k, s in scores.items() if s is not None), key=lambda k: (-(scores[k] or 0.0), k))


def sensitivity(weights: Sequence[float], means: Mapping[int, Sequence[float]]) -> list[Shift | None]:
    """For each criterion, the smallest change of its weight that changes the winner among the
    candidates in `means` (every one fully scored: {candidate: mean per criterion})."""
    if len(means) < 2:
        return [None] * len(weights)
    scores = {c: sum(w * m for w, m in zip(weights, ms, strict=True)) for c, ms in means.items()}
    leader = ranked(scores)[0]
    return [_shift(k, weights, means, scores, leader) for k in range(len(weights))]


def _shift(
    k: int,
    weights: Sequence[float],
    means: Mapping[int, Sequence[float]],
    scores: Mapping[int, float],
    leader: int,
) -> Shift | None:
    wk = weights[k]
    if wk >= 1.0:
        return None  # the others weigh nothing: there is nothing to rescale proportionally

    def line(c: int) -> tuple[float, float]:
        # score(t) = t · s_k + (1 − t) · r, where r is the rest of the score scaled to weigh 1
        s_k = means[c][k]
        return s_k, (scores[c] - wk * s_k) / (1.0 - wk)

    lead_s, lead_r = line(leader)
    best: Shift | None = None
    for c in means:
        if c == leader:
            continue
        s, r = line(c)
        denominator = (lead_r - r) - (lead_s - s)
        if abs(denominator) < 1e-12:
            continue  # parallel: the gap is the same whatever the weight
        t = (lead_r - r) / denominator
        if not 0.0 <= t <= 1.0 or abs(t - wk) < 1e-12:
            continue
        if best is None or abs(t - wk) < abs(best.to - wk):
            best = Shift(k, wk, t, c)
    return best
