"""The SMART check: specific findings a person can act on, not a score."""

from dataclasses import dataclass
from typing import Any

VAGUE_WORDS = ("improve", "better", "optimise", "optimize", "enhance", "maximise", "maximize", "minimise")


@dataclass(frozen=True)
class Finding:
    letter: str  # S, M, A, R or T
    field: str
    message: str


def check(goal: Any, *, linked_objectives: int) -> list[Finding]:
    """What keeps this goal from being Specific, Measurable, Achievable, Relevant and Time-bound."""
    found: list[Finding] = []
    title = (goal.title or "").strip().lower()
    if not goal.metric:
        found.append(Finding("S", "metric", "Name the metric that is measured (e.g. 'on-time delivery')."))
    if title.split(" ", 1)[0] in VAGUE_WORDS and goal.target is None:
        found.append(
            Finding("S", "title", f"'{title.split(' ', 1)[0]}' how much? Say what changes, by how much.")
        )
    if goal.target is None:
        found.append(Finding("M", "target", "No target value."))
    if goal.baseline is None:
        found.append(
            Finding("M", "baseline", "No baseline: progress cannot be measured from a starting point.")
        )
    if not goal.unit:
        found.append(Finding("M", "unit", "No unit (%, days, EUR, …)."))
    if goal.target is not None and goal.baseline is not None and goal.target == goal.baseline:
        found.append(Finding("A", "target", "The target equals the baseline: nothing would change."))
    if goal.target is not None and goal.baseline is not None and goal.target != goal.baseline:
        wrong_way = (goal.target < goal.baseline) if goal.higher_is_better else (goal.target > goal.baseline)
        if wrong_way:
            found.append(
                Finding(
                    "A",
                    "direction",
                    "The target is on the wrong side of the baseline for the chosen direction.",
                )
            )
    if linked_objectives == 0:
        found.append(Finding("R", "objectives", "Not linked to any shared objective of the vision."))
    if goal.due_date is None:
        found.append(Finding("T", "due_date", "No due date."))
    elif goal.start_date and goal.due_date <= goal.start_date:
        found.append(Finding("T", "due_date", "The due date is not after the start date."))
    return found
