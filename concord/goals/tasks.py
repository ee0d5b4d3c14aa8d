"""The goals' daily work: statuses that move with the date alone are stored anew
(services/stored.py: a goal falls behind its straight line as days pass; a due date passes)."""

import datetime

from concord.core.schedule import daily
from concord.goals.services.stored import refresh_dated


@daily
def refresh_goal_statuses(day: datetime.date) -> int:
    return refresh_dated(day)
