"""Daily jobs of agreements (registered when the app is ready)."""

import datetime

from concord.agreements.services import expire_ended
from concord.core.schedule import daily


@daily
def expire_agreements(day: datetime.date) -> int:
    """Signed agreements whose end date has passed become expired; idempotent."""
    return expire_ended(today=day)
