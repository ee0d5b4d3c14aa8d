"""The definition of a scorecard, validated as a whole with field-level messages.

{
  "period": "month",                  # week | month | quarter | year (true calendar periods)
  "recency_periods": 12,              # the overall score looks at this many latest periods
  "recency": "linear",                # linear: the latest weighs N, the one before N-1, … ; equal
  "kpis": [{"name": "otd", "goal_id": 7}],
  "criteria": [
    {"name": "On-time delivery", "weight": 50, "rule": "linear", "kpi": "otd", "worst": 85, "best": 99},
    {"name": "Quality", "weight": 30, "rule": "bands", "kpi": "ppm",
     "bands": [{"min": null, "max": 50, "points": 100}, {"min": 50, "max": 200, "points": 60},
               {"min": 200, "max": null, "points": 0}]},
    {"name": "Fill rate", "weight": 20, "rule": "formula", "formula": "100 * shipped / max(ordered, 1)"}
  ],
  "standings": [{"label": "Very poor", "min": 0, "max": 40}, …, {"label": "Excellent", "min": 80, "max": 100}]
}

Rules: weights are whole numbers that total 100; criterion bands cover every value exactly once
(the lower bound belongs to its band); standings cover 0–100 without gaps or overlaps, each lower
bound belonging to its band and 100 to the top one.
"""

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from concord.core.errors import ValidationFailed
from concord.core.periods import PeriodKind
from concord.scorecards import formula as formulas

NAME = re.compile(r"^[a-z_][a-z0-9_]{0,39}$")
RULES = ("linear", "bands", "formula")
DEFAULT_STANDINGS = [
    {"label": "Very poor", "min": 0, "max": 40},
    {"label": "Poor", "min": 40, "max": 60},
    {"label": "Average", "min": 60, "max": 80},
    {"label": "Excellent", "min": 80, "max": 100},
]
LIMIT = 1e13


@dataclass(frozen=True)
class Band:
    min: float | None
    max: float | None
    points: float

    def holds(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value < self.max)

    def text(self) -> str:
        if self.min is None:
            return f"below {self.max:g}"
        if self.max is None:
            return f"{self.min:g} or more"
        return f"{self.min:g} to under {self.max:g}"


@dataclass(frozen=True)
class Criterion:
    name: str
    weight: int
    rule: str
    kpi: str = ""
    worst: float = 0.0
    best: float = 0.0
    bands: tuple[Band, ...] = ()
    formula: formulas.Formula | None = None

    @property
    def inputs(self) -> tuple[str, ...]:
        if self.formula is not None:
            return tuple(sorted(self.formula.names))
        return (self.kpi,)

    def sentence(self, titles: dict[str, str]) -> str:
        """The rule in words, with the KPIs' goal titles for their names (the scorecard page)."""

        def name(kpi: str) -> str:
            return f"“{titles.get(kpi, kpi)}”"

        if self.rule == "linear":
            return (
                f"{name(self.kpi)} at {self.worst:g} scores 0 points and at {self.best:g} scores 100, "
                "in a straight line between (never below 0 or above 100)."
            )
        if self.rule == "bands":
            parts = [f"{b.text()} scores {b.points:g}" for b in self.bands]
            return f"{name(self.kpi)}: " + "; ".join(parts) + "."
        text = self.formula.text if self.formula else ""
        for kpi in sorted(self.inputs, key=len, reverse=True):
            text = re.sub(rf"\b{re.escape(kpi)}\b", name(kpi), text)
        return f"Points = {text} (kept between 0 and 100)."

    def describe(self) -> str:
        if self.rule == "linear":
            return f"linear: {self.worst:g} (worst) → 0 points, {self.best:g} (best) → 100 points"
        if self.rule == "bands":
            return "bands: " + "; ".join(f"{b.text()} → {b.points:g}" for b in self.bands)
        return f"formula: {self.formula.text if self.formula else ''}"


@dataclass(frozen=True)
class Standing:
    label: str
    min: float
    max: float


@dataclass(frozen=True)
class Definition:
    period: PeriodKind
    recency_periods: int
    recency: str
    kpis: dict[str, int]  # name -> goal id
    criteria: tuple[Criterion, ...]
    standings: tuple[Standing, ...]
    raw: dict[str, Any] = field(default_factory=dict, compare=False)

    def standing_of(self, score: float) -> str:
        for band in self.standings:
            if band.min <= score < band.max or (score == band.max == 100):
                return band.label
        return ""


class _Errors:
    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.found.setdefault(path, []).append(message)


def _number(errors: _Errors, path: str, value: Any, *, required: bool = True) -> float | None:
    if value is None or value == "":
        if required:
            errors.add(path, "Enter a number.")
        return None
    if isinstance(value, bool):
        errors.add(path, "Enter a number, not true/false.")
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        errors.add(path, "Enter a number.")
        return None
    if number != number or abs(number) >= LIMIT:
        errors.add(path, "Enter a finite number below 10 trillion.")
        return None
    return number


def _list(errors: _Errors, raw: Mapping[str, Any], key: str, most: int) -> list[Any]:
    items = raw.get(key)
    if not isinstance(items, list) or not items:
        errors.add(key, f"Give at least one entry in {key}.")
        return []
    if len(items) > most:
        errors.add(key, f"At most {most} entries.")
        return []
    return items


def validate(raw: Any, goals: Mapping[int, Any]) -> Definition:
    """The definition, or ValidationFailed with every problem by path (e.g. criteria[2].weight).

    `goals` are the goals the scorecard may use (shared goals of the partnership, or also the
    owner's internal ones for an internal scorecard)."""
    errors = _Errors()
    if not isinstance(raw, Mapping):
        raise ValidationFailed.single("definition", "The definition must be an object.")
    period = raw.get("period", PeriodKind.MONTH.value)
    if period not in PeriodKind.__members__.values():
        errors.add("period", "Choose week, month, quarter or year.")
    recency_periods = raw.get("recency_periods", 12)
    if (
        isinstance(recency_periods, bool)
        or not isinstance(recency_periods, int)
        or not 1 <= recency_periods <= 60
    ):
        errors.add("recency_periods", "Give a whole number of periods from 1 to 60.")
    recency = raw.get("recency", "linear")
    if recency not in ("linear", "equal"):
        errors.add("recency", "Choose linear (recent periods weigh more) or equal.")
    kpis = _kpis(errors, raw, goals)
    criteria = tuple(_criteria(errors, raw, kpis))
    standings = _standings(errors, raw.get("standings", DEFAULT_STANDINGS))
    if errors.found:
        raise ValidationFailed(errors.found)
    cleaned = dict(raw) | {"period": period, "recency_periods": recency_periods, "recency": recency}
    cleaned.setdefault("standings", DEFAULT_STANDINGS)
    return Definition(PeriodKind(period), recency_periods, recency, kpis, criteria, standings, cleaned)


def _kpis(errors: _Errors, raw: Mapping[str, Any], goals: Mapping[int, Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, item in enumerate(_list(errors, raw, "kpis", 30)):
        path = f"kpis[{i}]"
        if not isinstance(item, Mapping):
            errors.add(path, "Each KPI needs a name and a goal_id.")
            continue
        name = str(item.get("name") or "").strip()
        goal_id = item.get("goal_id")
        if not NAME.match(name) or name in formulas.RESERVED:
            errors.add(
                f"{path}.name", "Use lower-case letters, digits and _ (e.g. on_time), not a reserved word."
            )
        elif name in found:
            errors.add(f"{path}.name", f"'{name}' is used twice.")
        if isinstance(goal_id, bool) or not isinstance(goal_id, int) or goal_id not in goals:
            errors.add(f"{path}.goal_id", "Choose one of the partnership's goals this scorecard may use.")
            continue
        if NAME.match(name):
            found[name] = goal_id
    return found


def _criteria(errors: _Errors, raw: Mapping[str, Any], kpis: dict[str, int]) -> list[Criterion]:
    items = _list(errors, raw, "criteria", 20)
    out: list[Criterion] = []
    total = 0
    for i, item in enumerate(items):
        path = f"criteria[{i}]"
        if not isinstance(item, Mapping):
            errors.add(path, "Each criterion needs a name, a weight and a rule.")
            continue
        name = str(item.get("name") or "").strip()[:120]
        if not name:
            errors.add(f"{path}.name", "Name the criterion.")
        weight = item.get("weight")
        if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 100:
            errors.add(f"{path}.weight", "Give a whole number from 1 to 100.")
            weight = 0
        total += weight
        criterion = _rule(errors, path, item, kpis, name, weight)
        if criterion is not None:
            out.append(criterion)
    if items and total != 100 and not any(k.endswith(".weight") for k in errors.found):
        errors.add("criteria", f"The weights total {total}; they must total 100.")
    return out


def _rule(
    errors: _Errors, path: str, item: Mapping[str, Any], kpis: dict[str, int], name: str, weight: int
) -> Criterion | None:
    rule = item.get("rule")
    if rule not in RULES:
        errors.add(f"{path}.rule", "Choose linear, bands or formula.")
        return None
    if rule == "formula":
        try:
            parsed = formulas.parse(str(item.get("formula") or ""), set(kpis))
        except formulas.FormulaError as exc:
            errors.add(f"{path}.formula", str(exc))
            return None
        return Criterion(name, weight, rule, formula=parsed)
    kpi = str(item.get("kpi") or "")
    if kpi not in kpis:
        errors.add(f"{path}.kpi", f"Choose one of the scorecard's KPIs: {', '.join(kpis) or 'none yet'}.")
    if rule == "linear":
        worst = _number(errors, f"{path}.worst", item.get("worst"))
        best = _number(errors, f"{path}.best", item.get("best"))
        if worst is not None and best is not None and worst == best:
            errors.add(f"{path}.best", "The best value must differ from the worst.")
        if kpi not in kpis or worst is None or best is None or worst == best:
            return None
        return Criterion(name, weight, rule, kpi=kpi, worst=worst, best=best)
    bands = _criterion_bands(errors, f"{path}.bands", item.get("bands"))
    if kpi not in kpis or not bands:
        return None
    return Criterion(name, weight, rule, kpi=kpi, bands=bands)


def _criterion_bands(errors: _Errors, path: str, raw: Any) -> tuple[Band, ...]:
    """Bands over the whole number line: the first open below, the last open above, each starting
    where the one before ends."""
    if not isinstance(raw, list) or len(raw) < 2 or len(raw) > 20:
        errors.add(path, "Give 2 to 20 bands.")
        return ()
    bands: list[Band] = []
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            errors.add(f"{path}[{i}]", "Each band needs min, max and points.")
            return ()
        low = _number(errors, f"{path}[{i}].min", item.get("min"), required=i > 0)
        high = _number(errors, f"{path}[{i}].max", item.get("max"), required=i < len(raw) - 1)
        points = _number(errors, f"{path}[{i}].points", item.get("points"))
        if points is not None and not 0 <= points <= 100:
            errors.add(f"{path}[{i}].points", "Points go from 0 to 100.")
        if low is not None and high is not None and low >= high:
            errors.add(f"{path}[{i}]", f"A band runs upward: {low:g} is not below {high:g}.")
        bands.append(Band(low if i > 0 else None, high if i < len(raw) - 1 else None, points or 0))
    if any(k.startswith(path) for k in errors.found):
        return ()
    for i, (before, after) in enumerate(itertools.pairwise(bands), start=1):
        problem = _seam(before.max, after.min)
        if problem:
            errors.add(f"{path}[{i}].min", problem)
    return tuple(bands) if not any(k.startswith(path) for k in errors.found) else ()


def _seam(end: float | None, start: float | None) -> str:
    if end is None or start is None:
        return "Only the first band may be open below and only the last open above."
    if start > end:
        return f"Gap: no band covers {end:g} to {start:g}."
    if start < end:
        return f"Overlap: {start:g} to {end:g} falls in two bands."
    return ""


def _standings(errors: _Errors, raw: Any) -> tuple[Standing, ...]:
    """Standings cover 0 to 100: the first starts at 0, each starts where the one before ends, the
    last ends at 100 (and holds 100 itself)."""
    path = "standings"
    if not isinstance(raw, list) or not 1 <= len(raw) <= 10:
        errors.add(path, "Give 1 to 10 standing bands.")
        return ()
    found: list[Standing] = []
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            errors.add(f"{path}[{i}]", "Each band needs a label, min and max.")
            return ()
        label = str(item.get("label") or "").strip()[:40]
        if not label:
            errors.add(f"{path}[{i}].label", "Name the band (e.g. Excellent).")
        low = _number(errors, f"{path}[{i}].min", item.get("min"))
        high = _number(errors, f"{path}[{i}].max", item.get("max"))
        if low is not None and high is not None and not 0 <= low < high <= 100:
            errors.add(f"{path}[{i}]", "A band runs from a lower to a higher score within 0–100.")
        found.append(Standing(label, low or 0.0, high or 0.0))
    if any(k.startswith(path) for k in errors.found):
        return ()
    ordered = sorted(found, key=lambda s: s.min)
    if ordered[0].min != 0:
        errors.add(path, f"No band covers 0 to {ordered[0].min:g}: the lowest band must start at 0.")
    if ordered[-1].max != 100:
        errors.add(path, f"No band covers {ordered[-1].max:g} to 100: the top band must end at 100.")
    for before, after in itertools.pairwise(ordered):
        problem = _seam(before.max, after.min)
        if problem:
            errors.add(path, f"{problem} ('{before.label}' and '{after.label}')")
    labels = [s.label.lower() for s in ordered]
    if len(set(labels)) != len(labels):
        errors.add(path, "Each band needs its own label.")
    return tuple(ordered)
