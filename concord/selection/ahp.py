"""The Analytic Hierarchy Process (Saaty): weights from pairwise comparisons, and how consistent
those comparisons are. Pure: no Django, no database.

- A judgment a_ij on Saaty's 1–9 scale says how much more important criterion i is than j; the
  matrix is reciprocal (a_ji = 1 / a_ij, a_ii = 1).
- The weights are the principal (Perron) eigenvector of the matrix, normalised to sum to 1, found
  by power iteration (numpy is not a dependency of Concord; for a positive matrix the iteration
  converges to the Perron vector). λmax is the matching eigenvalue.
- Consistency index CI = (λmax − n) / (n − 1); consistency ratio CR = CI / RI(n) with Saaty's
  random index RI (Saaty 1980, The Analytic Hierarchy Process, table 1.7:
  n = 1…10 → 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49). CR < 0.10 is acceptable.
- Which judgments make it inconsistent: for a consistent matrix a_ij = w_i / w_j, so each judgment's
  error is ε_ij = a_ij · w_j / w_i (1 when it agrees with the weights). The judgments with the
  largest |ln ε_ij| are the ones to revisit first — Saaty, "Decision-making with the AHP: why is
  the principal eigenvector necessary", European Journal of Operational Research 145 (2003) 85–91,
  section 4 (λmax − n is the mean of ε_ij + 1/ε_ij − 2 over the judgments, so the largest
  deviations contribute most); the log makes a judgment too high and one too low by the same
  factor count the same.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Saaty's random consistency index, by the number of criteria (n = 1…10; beyond 10 the last value).
RANDOM_INDEX = (0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
ACCEPTABLE_CR = 0.10
SCALE = range(1, 10)  # Saaty's fundamental scale: 1 equal … 9 extreme

Matrix = list[list[float]]


@dataclass(frozen=True)
class Judgment:
    """One judgment that deviates from the weights: a_ij as given, and the ratio the weights imply."""

    i: int
    j: int
    given: float
    implied: float  # w_i / w_j

    @property
    def deviation(self) -> float:
        return abs(math.log(self.given / self.implied))


@dataclass(frozen=True)
class Result:
    weights: list[float]
    lambda_max: float
    ci: float
    cr: float | None  # None when n ≤ 2 (RI is 0: every such matrix is consistent)
    worst: list[Judgment]  # the judgments contributing most to the inconsistency, worst first

    @property
    def acceptable(self) -> bool:
        return self.cr is None or self.cr < ACCEPTABLE_CR


def random_index(n: int) -> float:
    return RANDOM_INDEX[min(n, len(RANDOM_INDEX) - 1)]


def matrix(n: int, judgments: dict[tuple[int, int], float]) -> Matrix:
    """The reciprocal matrix from the judgments above the diagonal ({(i, j): a_ij} with i < j);
    a pair not judged counts as equal importance (1)."""
    a = [[1.0] * n for _ in range(n)]
    for (i, j), value in judgments.items():
        if not (0 <= i < n and 0 <= j < n) or i == j or value <= 0:
            raise ValueError(f"bad judgment ({i}, {j}) = {value}")
        a[i][j], a[j][i] = value, 1.0 / value
    return a


def principal_eigenvector(a: Matrix, tol: float = 1e-12, max_iter: int = 10_000) -> tuple[list[float], float]:
    """(w, λmax) of a positive matrix by power iteration: w sums to 1."""
    n = len(a)
    w = [1.0 / n] * n
    for _ in range(max_iter):
        v = [sum(a[i][k] * w[k] for k in range(n)) for i in range(n)]
        total = sum(v)
        v = [x / total for x in v]
        done = max(abs(x - y) for x, y in zip(v, w, strict=True)) < tol
        w = v
        if done:
            break
    aw = [sum(a[i][k] * w[k] for k in range(n)) for i in range(n)]
    lam = sum(aw[i] / w[i] for i in range(n)) / n
    return w, lam


def geometric_mean_weights(a: Matrix) -> list[float]:
    """The row geometric means, normalised (Crawford & Williams 1985): an independent estimate of
    the weights, exact for consistent matrices; used by the tests as a cross-check."""
    n = len(a)
    g = [math.prod(row) ** (1.0 / n) for row in a]
    total = sum(g)
    return [x / total for x in g]


def analyse(a: Matrix, worst: int = 3) -> Result:
    """Weights, λmax, CI, CR and the `worst` judgments (those deviating by more than 1 %)."""
    n = len(a)
    if n == 0:
        return Result([], 0.0, 0.0, None, [])
    if n == 1:
        return Result([1.0], 1.0, 0.0, None, [])
    w, lam = principal_eigenvector(a)
    ci = max(0.0, (lam - n) / (n - 1))  # λmax ≥ n for a reciprocal matrix; rounding may dip below
    ri = random_index(n)
    cr = ci / ri if ri else None
    found = [Judgment(i, j, a[i][j], w[i] / w[j]) for i in range(n) for j in range(i + 1, n)]
    found = sorted((f for f in found if f.deviation > 0.01), key=lambda f: (-f.deviation, f.i, f.j))
    return Result(w, lam, ci, cr, found[:worst])


def normalise_points(points: Sequence[float]) -> list[float] | None:
    """Direct weights: points (any non-negative numbers) scaled to sum to 1; None if all are 0."""
    if any(p < 0 for p in points):
        raise ValueError("points must not be negative")
    total = sum(points)
    if total <= 0:
        return None
    return [p / total for p in points]
