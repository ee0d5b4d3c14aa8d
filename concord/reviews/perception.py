"""The survey's arithmetic: per-side means, perception gaps and the anonymity threshold. Pure:
plain answers in, figures out (tests/reviews/test_perception.py, with hypothesis properties).

- Each respondent rates each dimension 1–5 twice: how it is (`is`), and how they think the other
  side will rate it (`other`). A rating left out is no data, never a 0 or a 3.
- A side's result is shown only when at least `threshold` people of that side answered (default 3,
  never below 2): under it, "not enough responses" — its means, its comments and every gap that
  would use them stay hidden, because a mean of one answer *is* that answer.
- Perception gap of side A on a dimension = what B said (B's mean `is`) − what A predicted B
  would say (A's mean `other`). Positive: B rates it better than A thought; negative: worse.
- The overall score of a round (for the health index) is the mean of the two sides' mean `is`
  over the dimensions — each side weighs half, whatever its number of respondents, so a large
  side cannot drown the small one — mapped from 1–5 to 0–100: (mean − 1) / 4 × 100.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MIN_THRESHOLD = 2
DEFAULT_THRESHOLD = 3
SCALE = range(1, 6)
IS, OTHER, COMMENT = "is", "other", "comment"

Answers = Mapping[str, Mapping[str, Any]]  # dimension key -> {"is": 1–5, "other": 1–5, "comment": str}


def mean(values: Iterable[float]) -> float | None:
    found = list(values)
    return sum(found) / len(found) if found else None


def rounded(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)


def _rating(answer: Mapping[str, Any] | None, which: str) -> int | None:
    value = (answer or {}).get(which)
    return value if isinstance(value, int) and not isinstance(value, bool) and value in SCALE else None


@dataclass(frozen=True)
class SideResult:
    """One side's figures in a round; `shown` is False under the threshold, and then every mean
    is None and there are no comments, whatever was answered."""

    respondents: int
    threshold: int
    shown: bool
    is_means: dict[str, float | None] = field(default_factory=dict)
    other_means: dict[str, float | None] = field(default_factory=dict)
    comments: dict[str, list[str]] = field(default_factory=dict)

    @property
    def overall(self) -> float | None:
        """The mean of this side's per-dimension means of how it is."""
        return mean(v for v in self.is_means.values() if v is not None)


def side_result(answers: Sequence[Answers], dimensions: Sequence[str], threshold: int) -> SideResult:
    """A side's result from its respondents' answers (one entry a respondent)."""
    threshold = max(threshold, MIN_THRESHOLD)
    count = len(answers)
    if count < threshold:
        return SideResult(count, threshold, False)
    is_means, other_means, comments = {}, {}, {}
    for key in dimensions:
        is_means[key] = mean(r for a in answers if (r := _rating(a.get(key), IS)) is not None)
        other_means[key] = mean(r for a in answers if (r := _rating(a.get(key), OTHER)) is not None)
        # Sorted, not in answer order: the order would say who wrote which.
        comments[key] = sorted(
            text.strip()
            for a in answers
            if isinstance(text := (a.get(key) or {}).get(COMMENT), str) and text.strip()
        )
    return SideResult(count, threshold, True, is_means, other_means, comments)


def gaps(predicting: SideResult, answering: SideResult, dimensions: Sequence[str]) -> dict[str, float | None]:
    """Per dimension, what `answering` said minus what `predicting` thought it would say; None
    where either side is under its threshold or gave no rating."""
    found: dict[str, float | None] = {}
    for key in dimensions:
        said = answering.is_means.get(key) if answering.shown else None
        thought = predicting.other_means.get(key) if predicting.shown else None
        found[key] = None if said is None or thought is None else said - thought
    return found


def to_percent(score: float) -> float:
    """A 1–5 mean on 0–100."""
    return (score - 1) / 4 * 100


def round_score(sides: Sequence[SideResult]) -> float | None:
    """The round's 0–100 score: only when every side is shown and has a mean (else None)."""
    if not sides or any(not s.shown or s.overall is None for s in sides):
        return None
    overall = mean(s.overall for s in sides if s.overall is not None)
    return None if overall is None else to_percent(overall)


def complete(answers: Answers, dimensions: Sequence[str]) -> list[str]:
    """The dimensions an answer leaves without a how-it-is rating (a complete answer: none)."""
    return [key for key in dimensions if _rating(answers.get(key), IS) is None]
