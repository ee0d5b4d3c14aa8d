"""The arithmetic of the risk register, pure (no database): a risk's score, its band on the heat
map, the 5×5 grid of counts, and the partnership's exposure figure (docs/risks.md).

- score = likelihood × impact, each rated 1–5, so 1–25 (the classic 5×5 risk matrix, as in
  ISO 31000-style registers); bands: 1–4 low, 5–9 medium, 10–16 high, 20–25 critical (the
  products of two 1–5 ratings never fall in 17–19, so the bands cover every possible score).
- exposure = the sum of the scores of the open risks the reader may see, capped at 100: four
  risks at the top corner (25), or ten at 10, fill it; no open risk is 0. A sum (not a mean) so
  that many medium risks weigh more than one, a cap so that the figure is 0–100 like the health
  index that will read it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

LEVELS = range(1, 6)
MAX_SCORE = 25
EXPOSURE_CAP = 100


def score(likelihood: int, impact: int) -> int:
    return likelihood * impact


def band(value: int) -> str:
    """The band of a score: low, medium, high or critical."""
    if value >= 20:
        return "critical"
    if value >= 10:
        return "high"
    if value >= 5:
        return "medium"
    return "low"


def exposure(open_score_sum: int | None) -> int:
    """The exposure figure (0–100) from the sum of the open risks' scores."""
    return min(EXPOSURE_CAP, max(0, open_score_sum or 0))


@dataclass(frozen=True)
class Cell:
    likelihood: int
    impact: int
    count: int

    @property
    def score(self) -> int:
        return score(self.likelihood, self.impact)

    @property
    def band(self) -> str:
        return band(self.score)


def grid(counts: Iterable[tuple[int, int, int]]) -> list[list[Cell]]:
    """The heat map's rows from (likelihood, impact, count): likelihood 5 on top (the first row),
    impact 1 to 5 from left to right; every cell present, empty ones with 0."""
    found = {(likelihood, impact): n for likelihood, impact, n in counts}
    return [[Cell(lk, im, found.get((lk, im), 0)) for im in LEVELS] for lk in reversed(LEVELS)]
