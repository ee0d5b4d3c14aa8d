"""The health index's daily work: every partnership recomputed for every party (services.py),
after the goals' own daily pass has stored the statuses that moved with the date (jobs run in
name order: goals before health)."""

import datetime

from concord.core.schedule import daily
from concord.health.services import recompute_all


@daily
def recompute_health(day: datetime.date) -> int:
    return recompute_all(day)
