"""The daily escalation of issues nobody resolved in time (services.issues.escalate)."""

import datetime

from concord.core.schedule import daily
from concord.governance.services.issues import escalate


@daily
def escalate_issues(day: datetime.date) -> int:
    return escalate(day)
