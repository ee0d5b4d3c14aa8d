"""Scoring: KPI values per calendar period → points per criterion → period score → overall score.

- A KPI's value for a period is the mean of its measurements dated in that period (one aggregate
  query for all KPIs of all scorecards of a period kind, grouped by goal and period).
- A criterion without a value for the period (or whose formula divides by zero there) is "no
  data" and its weight is left out: the period score is Σ points × weight / Σ weight over the
  criteria that have data. A period where no criterion has data is "no data" and is left out of
  the overall score — never counted as 0 or 100.
- Points are capped to 0–100.
- The overall score weighs the scored periods among the last `recency_periods` calendar periods
  (ending with the current one): linear gives the latest period N, the one before N − 1, … and
  the oldest 1; equal gives each 1. Periods without data drop out with their weight.
- Scores are rounded to two decimals before their standing is looked up, so the number shown and
  its band always agree (exactly 100 is in the top band).
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg

from concord.core import periods
from concord.goals.models import Measurement
from concord.scorecards import formula as formulas
from concord.scorecards.definition import Criterion, Definition

Values = Mapping[tuple[int, datetime.date], float]  # (goal id, period start) -> value


@dataclass(frozen=True)
class Line:
    """One criterion in one period: what it saw, how it scored, what it contributed."""

    criterion: str
    inputs: dict[str, float | None]
    rule: str
    points: float | None
    weight: int
    effective_weight: float | None
    contribution: float | None
    note: str = ""


@dataclass(frozen=True)
class PeriodScore:
    start: datetime.date
    label: str
    score: float | None
    standing: str
    lines: tuple[Line, ...]

    @property
    def has_data(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class Weighted:
    label: str
    score: float
    weight: float
    share: float  # percent of the overall score's weight


@dataclass(frozen=True)
class Result:
    definition: Definition
    periods: tuple[PeriodScore, ...]  # oldest first
    overall: float | None
    standing: str
    weighted: tuple[Weighted, ...]

    @property
    def latest(self) -> PeriodScore | None:
        scored = [p for p in self.periods if p.has_data]
        return scored[-1] if scored else None


def window(definition: Definition, as_of: datetime.date) -> list[datetime.date]:
    """The periods shown: at least a year's worth, and all the periods the overall score uses."""
    per_year = {"week": 52, "month": 12, "quarter": 8, "year": 5}[definition.period]
    return periods.last_periods(definition.period, as_of, max(definition.recency_periods, per_year))


def fetch(
    definitions: Iterable[Definition], as_of: datetime.date
) -> dict[periods.PeriodKind, dict[Any, float]]:
    """KPI values per (goal, period) for many definitions: one aggregate query per period kind."""
    wanted: dict[periods.PeriodKind, tuple[set[int], datetime.date]] = {}
    for d in definitions:
        goals, since = wanted.get(d.period, (set(), as_of))
        wanted[d.period] = (goals | set(d.kpis.values()), min(since, window(d, as_of)[0]))
    found: dict[periods.PeriodKind, dict[Any, float]] = {}
    for kind, (goal_ids, since) in wanted.items():
        rows = (
            Measurement.unscoped.filter(goal_id__in=goal_ids, measured_on__gte=since, measured_on__lte=as_of)
            .annotate(period=periods.trunc(kind, "measured_on"))
            .values("goal_id", "period")
            .annotate(mean=Avg("value"))
        )
        found[kind] = {(r["goal_id"], _as_date(r["period"])): float(r["mean"]) for r in rows}
    return found


def _as_date(value: Any) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def score(definition: Definition, values: Values, as_of: datetime.date) -> Result:
    starts = window(definition, as_of)
    scored = tuple(_period(definition, values, start) for start in starts)
    overall, weighted = _overall(definition, scored[-definition.recency_periods :])
    return Result(
        definition, scored, overall, definition.standing_of(overall) if overall is not None else "", weighted
    )


def _period(definition: Definition, values: Values, start: datetime.date) -> PeriodScore:
    raw = [(c, *_points(c, definition, values, start)) for c in definition.criteria]
    counted = sum(c.weight for c, points, _, _ in raw if points is not None)
    lines = []
    total = 0.0
    for criterion, points, inputs, note in raw:
        if points is None or not counted:
            lines.append(
                Line(criterion.name, inputs, criterion.describe(), None, criterion.weight, None, None, note)
            )
            continue
        share = criterion.weight / counted
        total += points * share
        lines.append(
            Line(
                criterion.name,
                inputs,
                criterion.describe(),
                round(points, 2),
                criterion.weight,
                round(share * 100, 2),
                round(points * share, 2),
                note,
            )
        )
    label = periods.label(definition.period, start)
    if not counted:
        return PeriodScore(start, label, None, "", tuple(lines))
    result = round(total, 2)
    return PeriodScore(start, label, result, definition.standing_of(result), tuple(lines))


def _points(
    criterion: Criterion, definition: Definition, values: Values, start: datetime.date
) -> tuple[float | None, dict[str, float | None], str]:
    inputs = {name: values.get((definition.kpis[name], start)) for name in criterion.inputs}
    missing = [name for name, value in inputs.items() if value is None]
    if missing:
        return None, inputs, f"No data for {', '.join(missing)}."
    known = {k: v for k, v in inputs.items() if v is not None}
    if criterion.rule == "linear":
        raw = (known[criterion.kpi] - criterion.worst) / (criterion.best - criterion.worst) * 100
    elif criterion.rule == "bands":
        value = known[criterion.kpi]
        raw = next(b.points for b in criterion.bands if b.holds(value))
    else:
        assert criterion.formula is not None
        try:
            raw = formulas.evaluate(criterion.formula, known)
        except formulas.FormulaError as exc:
            return None, inputs, f"{exc} Left out as no data."
    capped = min(max(raw, 0.0), 100.0)
    note = f"Capped from {raw:.2f}." if capped != raw else ""
    return capped, inputs, note


def _overall(
    definition: Definition, recent: tuple[PeriodScore, ...]
) -> tuple[float | None, tuple[Weighted, ...]]:
    pairs = [
        (p, float(index + 1) if definition.recency == "linear" else 1.0)
        for index, p in enumerate(recent)
        if p.score is not None
    ]
    total_weight = sum(w for _, w in pairs)
    if not total_weight:
        return None, ()
    overall = round(sum(p.score * w for p, w in pairs if p.score is not None) / total_weight, 2)
    weighted = tuple(
        Weighted(p.label, p.score, w, round(w / total_weight * 100, 2))
        for p, w in reversed(pairs)
        if p.score is not None
    )
    return overall, weighted


def score_many(items: list[tuple[Any, Definition]], as_of: datetime.date) -> dict[Any, Result]:
    """Results for many scorecards with one aggregate query per period kind (not per card)."""
    values = fetch([d for _, d in items], as_of)
    return {key: score(d, values.get(d.period, {}), as_of) for key, d in items}


def formula_problems(definition: Definition, values: Values, as_of: datetime.date) -> dict[str, list[str]]:
    """Formulas that fail on the recorded history (division by zero, a yes/no result), by field
    path, naming the first period and the values that make them fail: checked when saving."""
    problems: dict[str, list[str]] = {}
    for index, criterion in enumerate(definition.criteria):
        if criterion.formula is None:
            continue
        for start in window(definition, as_of):
            inputs = {name: values.get((definition.kpis[name], start)) for name in criterion.inputs}
            if any(v is None for v in inputs.values()):
                continue
            try:
                formulas.evaluate(criterion.formula, {k: v for k, v in inputs.items() if v is not None})
            except formulas.FormulaError as exc:
                shown = ", ".join(f"{k} = {v:g}" for k, v in inputs.items() if v is not None)
                problems[f"criteria[{index}].formula"] = [
                    f"{exc} For {periods.label(definition.period, start)} ({shown}). "
                    "Guard it, e.g. `0 if d == 0 else n / d`."
                ]
                break
    return problems
