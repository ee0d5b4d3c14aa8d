"""Goal status, progress, trend and forecast: pure functions over (date, value) points.

The rule (docs/goals.md):
- no data: no measurement yet.
- achieved: the latest value meets the target (≥ for higher-is-better, ≤ for lower-is-better).
- missed: the due date has passed and the latest value does not meet the target.
- otherwise compare progress with where the goal should be by now, on a straight line from the
  baseline on the start date to the target on the due date:
  on track when progress is at most 10 points behind, at risk up to 25 points behind, off track
  beyond. Without a due date there is no line: on track while the trend moves toward the target,
  at risk when it does not.
Progress = (latest − baseline) / (target − baseline), in percent; it may be negative or above 100.
Trend = least-squares slope over the last 6 measurements (per day); the forecast date is where that
line reaches the target, when it moves toward it.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from concord.core import periods

TREND_POINTS = 6
ON_TRACK_GAP = 10.0
AT_RISK_GAP = 25.0


class GoalStatus(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    MISSED = "missed"
    NO_DATA = "no_data"


Point = tuple[datetime.date, Decimal | float]


@dataclass(frozen=True)
class Assessment:
    status: GoalStatus
    progress: float | None  # percent from baseline to target
    expected: float | None  # percent the straight line expects by today
    slope_per_day: float | None
    forecast: datetime.date | None
    reason: str

    @property
    def label(self) -> str:
        return self.status.value.replace("_", " ")


def meets(value: float, target: float, higher_is_better: bool) -> bool:
    return value >= target if higher_is_better else value <= target


def progress_percent(value: float, baseline: float, target: float) -> float | None:
    if target == baseline:
        return None
    return round((value - baseline) / (target - baseline) * 100, 1)


def slope(points: Sequence[Point]) -> float | None:
    """Least-squares slope (value per day) over the last TREND_POINTS points; None below two dates."""
    recent = points[-TREND_POINTS:]
    if len({d for d, _ in recent}) < 2:
        return None
    origin = recent[0][0]
    xs = [float((d - origin).days) for d, _ in recent]
    ys = [float(v) for _, v in recent]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx


def forecast_date(points: Sequence[Point], target: float, higher_is_better: bool) -> datetime.date | None:
    """When the trend line reaches the target, if it is moving toward it."""
    per_day = slope(points)
    if not per_day or (per_day > 0) != higher_is_better:
        return None
    last_date, last_value = points[-1]
    days = (target - float(last_value)) / per_day
    if days <= 0:
        return last_date
    if days > 365 * 50:
        return None  # too slow to mean anything
    return last_date + datetime.timedelta(days=round(days))


def assess(
    points: Sequence[Point],
    *,
    baseline: float | None,
    target: float | None,
    higher_is_better: bool,
    start: datetime.date,
    due: datetime.date | None,
    today: datetime.date,
    detail: bool = True,
) -> Assessment:
    """The status of a goal on `today`, from its measurements sorted by date. Without `detail`
    the trend and forecast are computed only where the status depends on them (a portfolio counts
    statuses over hundreds of goals); the status is the same either way."""
    if not points:
        return Assessment(GoalStatus.NO_DATA, None, None, None, None, "No measurement yet.")
    latest = float(points[-1][1])
    if target is None:
        per_day = slope(points) if detail else None
        return Assessment(GoalStatus.NO_DATA, None, None, per_day, None, "No target value to judge against.")
    progress = progress_percent(latest, baseline, target) if baseline is not None else None
    straight_line = due is not None and progress is not None and due > start
    per_day = slope(points) if detail or not straight_line else None
    forecast = forecast_date(points, target, higher_is_better) if detail else None
    if meets(latest, target, higher_is_better):
        return Assessment(
            GoalStatus.ACHIEVED, progress, None, per_day, None, "The latest value meets the target."
        )
    if due is not None and today > due:
        return Assessment(
            GoalStatus.MISSED, progress, 100.0, per_day, forecast, f"Due {due:%d %b %Y} and not met."
        )
    if due is None or progress is None or due <= start:
        toward = per_day is not None and per_day != 0 and (per_day > 0) == higher_is_better
        status = GoalStatus.ON_TRACK if toward else GoalStatus.AT_RISK
        reason = (
            "The trend moves toward the target." if toward else "The trend does not move toward the target."
        )
        return Assessment(
            status,
            progress,
            None,
            per_day,
            forecast,
            reason + " (No straight line to compare: no due date or baseline.)",
        )
    elapsed = min(max((today - start).days / (due - start).days, 0.0), 1.0)
    expected = round(elapsed * 100, 1)
    behind = expected - progress
    if behind <= ON_TRACK_GAP:
        status = GoalStatus.ON_TRACK
    elif behind <= AT_RISK_GAP:
        status = GoalStatus.AT_RISK
    else:
        status = GoalStatus.OFF_TRACK
    gap = f"{behind:g} points behind" if behind > 0 else f"{-behind:g} points ahead"
    reason = f"Progress {progress:g} % against {expected:g} % expected by now ({gap})."
    return Assessment(status, progress, expected, per_day, forecast, reason)


# A period's value may arrive a little after the period ends (month-end closing, reports).
GRACE_DAYS = {"weekly": 2, "monthly": 7, "quarterly": 15, "yearly": 30}


@dataclass(frozen=True)
class Overdue:
    period_start: datetime.date
    period_label: str
    due_by: datetime.date


def overdue_measurement(
    *,
    frequency: str,
    start: datetime.date,
    latest: datetime.date | None,
    today: datetime.date,
    closed: bool = False,
) -> Overdue | None:
    """The most recent complete period that should have a value and has none, if its grace is over.

    A value is expected for every complete calendar period (per the goal's frequency) from the one
    holding the start date onward, due by the period's end plus GRACE_DAYS. Only the latest such
    period is checked: once a newer value exists, the goal is considered up to date. Closed goals
    (achieved or missed) expect nothing more.
    """
    if closed:
        return None
    kind = periods.FREQUENCY_PERIOD[frequency]
    candidate = expected_period(frequency, today)
    if periods.end_of(kind, candidate) < start:
        return None  # the goal had not started yet
    if latest is not None and latest >= candidate:
        return None
    due_by = periods.end_of(kind, candidate) + datetime.timedelta(days=GRACE_DAYS[frequency])
    return Overdue(candidate, periods.label(kind, candidate), due_by)


def expected_period(frequency: str, today: datetime.date) -> datetime.date:
    """The start of the latest complete period of this frequency whose grace is over: the period a
    value is checked for (the same for every goal of the frequency, so a query can filter by it)."""
    kind = periods.FREQUENCY_PERIOD[frequency]
    grace = datetime.timedelta(days=GRACE_DAYS[frequency])
    candidate = periods.shift(kind, today, -1)
    if periods.end_of(kind, candidate) + grace >= today:
        candidate = periods.shift(kind, candidate, -1)  # still within its grace: look one further back
    return candidate


def assess_goal(goal: Any, points: Sequence[Point], today: datetime.date) -> Assessment:
    """`assess` with a goal's own baseline, target, direction and dates."""
    return assess(
        points,
        baseline=float(goal.baseline) if goal.baseline is not None else None,
        target=float(goal.target) if goal.target is not None else None,
        higher_is_better=goal.higher_is_better,
        start=goal.start_date,
        due=goal.due_date,
        today=today,
    )
