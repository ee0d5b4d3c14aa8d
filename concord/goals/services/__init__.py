"""Goal use cases: goals (goals.py), their measurements and wins (measurements.py), and spreadsheet
imports of measurements (imports.py)."""

from concord.goals.services.goals import goal_create, goal_update
from concord.goals.services.imports import (
    ImportLine,
    ImportPlan,
    ImportRefused,
    Problem,
    measurements_import,
    measurements_plan,
)
from concord.goals.services.measurements import assessment, measurement_add, measurement_correct, note_success

__all__ = [
    "ImportLine",
    "ImportPlan",
    "ImportRefused",
    "Problem",
    "assessment",
    "goal_create",
    "goal_update",
    "measurement_add",
    "measurement_correct",
    "measurements_import",
    "measurements_plan",
    "note_success",
]
