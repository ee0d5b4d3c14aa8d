"""The partnership health index, pure: components → one 0–100 number, with its explanation.

docs/health.md has the method. In short:
- each source gives a component score 0–100, or None when it has no data (left out, never 0 or
  100): goal attainment, scorecards (both directions), commitment reliability (both sides), the
  relationship survey, risk exposure (inverted: 100 − exposure) and meeting cadence adherence;
- index = Σ score × weight / Σ weight over the components that have data and a weight above 0
  (the weights renormalised over what is present); no such component: no index (None);
- each part says its share of the index's weight and its contribution, so the page explains the
  number component by component, and lists the sources that are missing.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Component(StrEnum):
    GOALS = "goals"
    SCORECARDS = "scorecards"
    RELIABILITY = "reliability"
    SURVEY = "survey"
    RISK = "risk"
    CADENCE = "cadence"


LABELS = {
    Component.GOALS: "Goal attainment",
    Component.SCORECARDS: "Scorecards (both directions)",
    Component.RELIABILITY: "Commitment reliability (both sides)",
    Component.SURVEY: "Relationship survey",
    Component.RISK: "Risk exposure",
    Component.CADENCE: "Meeting cadence",
}

HELP = {
    Component.GOALS: "Goals achieved or on track count 100, at risk 50, off track or missed 0; "
    "goals without data are left out.",
    Component.SCORECARDS: "The mean of the overall scores of the scorecards you may read.",
    Component.RELIABILITY: "The mean of each side's share of commitments kept on time over the last year.",
    Component.SURVEY: "The latest closed survey round, when enough people answered.",
    Component.RISK: "100 minus the risk exposure (the sum of the live risks' scores, capped at 100).",
    Component.CADENCE: "Joint check-ins and business reviews held over the last year against the "
    "agreed rhythm, capped at 100 % each.",
}

# The defaults (percent, summing to 100): goals and both scorecards weigh most because they are
# the partnership's own measures of value; reliability is trust; the survey is perception; risk
# and cadence are hygiene. An organisation changes them on its settings page.
DEFAULT_WEIGHTS: dict[str, int] = {
    Component.GOALS: 25,
    Component.SCORECARDS: 20,
    Component.RELIABILITY: 20,
    Component.SURVEY: 15,
    Component.RISK: 10,
    Component.CADENCE: 10,
}

# Points per goal status (goals.progress.GoalStatus values); no_data is left out.
GOAL_POINTS = {"achieved": 100.0, "on_track": 100.0, "at_risk": 50.0, "off_track": 0.0, "missed": 0.0}

# Bands for the page's badge and the portfolio's filter; they cover 0–100 whole (lower bound in).
GOOD, FAIR = 70.0, 40.0


def band(score: float | None) -> str:
    if score is None:
        return "none"
    return "good" if score >= GOOD else "fair" if score >= FAIR else "poor"


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    score: float | None
    weight: int
    share: float | None  # percent of the index's weight, after renormalisation
    contribution: float | None  # points of the index it brings (score × share)


@dataclass(frozen=True)
class Index:
    score: float | None
    parts: tuple[Part, ...]

    @property
    def missing(self) -> list[str]:
        """The sources with a weight but no data (left out)."""
        return [p.label for p in self.parts if p.score is None and p.weight > 0]

    @property
    def band(self) -> str:
        return band(self.score)


def combine(scores: Mapping[str, float | None], weights: Mapping[str, int]) -> Index:
    """The index from each component's score (None: no data) and the organisation's weights."""
    present: dict[str, float] = {}
    for c in Component:
        value = scores.get(c)
        if value is not None and weights.get(c, 0) > 0:
            present[c.value] = float(value)
    total = sum(weights[k] for k in present)
    parts = []
    for c in Component:
        score = scores.get(c)
        weight = int(weights.get(c, 0))
        share = weight / total * 100 if c.value in present and total else None
        contribution = score * share / 100 if share is not None and score is not None else None
        parts.append(
            Part(
                c.value,
                LABELS[c],
                _round(score),
                weight,
                _round(share),
                _round(contribution),
            )
        )
    index = sum(present[k] * weights[k] for k in present) / total if total else None
    return Index(_round(index), tuple(parts))


def _round(value: float | None) -> float | None:
    return round(float(value), 1) if value is not None else None


def goal_attainment(counts: Mapping[str, int]) -> float | None:
    """The mean of the goals' points by status (no_data left out); None without judged goals."""
    judged = sum(n for status, n in counts.items() if status in GOAL_POINTS)
    if not judged:
        return None
    return sum(GOAL_POINTS[s] * n for s, n in counts.items() if s in GOAL_POINTS) / judged


def mean(values: Sequence[float | None]) -> float | None:
    """The mean of the values that exist (each side's reliability, each scorecard)."""
    found = [float(v) for v in values if v is not None]
    return sum(found) / len(found) if found else None


def on_time_share(due: int, on_time: int) -> float | None:
    """Percent of the commitments due that were kept on time; None when none were due."""
    return on_time / due * 100 if due else None


def risk_component(exposure: int | None, recorded: int) -> float | None:
    """100 − exposure (0–100); None when no risk was ever recorded that the reader may read (an
    empty register is no data, not a clean bill)."""
    if not recorded:
        return None
    return float(100 - min(100, max(0, exposure or 0)))


def cadence_adherence(rhythms: Sequence[tuple[int, int]], window_days: int) -> float | None:
    """Meetings held against the agreed rhythm, per rhythm (held, every N days) over a window of
    `window_days` (the partnership's age when younger than a year), each capped at 100 %, then
    averaged. None when the window is shorter than every rhythm (too young to judge)."""
    found = []
    for held, every in rhythms:
        if every <= 0:
            continue
        expected = window_days // every
        if expected < 1:
            continue
        found.append(min(1.0, held / expected) * 100)
    return mean(found)


def period_of(day: datetime.date) -> datetime.date:
    """The month a snapshot belongs to (its first day)."""
    return day.replace(day=1)


def previous_period(period: datetime.date) -> datetime.date:
    return period_of(period - datetime.timedelta(days=1))


def trend(current: float | None, previous: float | None) -> float | None:
    """Points gained (+) or lost (−) since the previous month's snapshot."""
    if current is None or previous is None:
        return None
    return round(current - previous, 1)


def weight_problems(weights: Mapping[str, int]) -> dict[str, str]:
    """What is wrong with a set of weights (each 0–100; at least one above 0)."""
    problems = {k: "Give a weight from 0 to 100." for k, v in weights.items() if not 0 <= v <= 100}
    if not problems and not any(weights.values()):
        problems[Component.GOALS.value] = "Give at least one source a weight above 0."
    return problems
