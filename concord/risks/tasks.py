"""Daily jobs of the risk register (registered when the app is ready)."""

import datetime

from concord.core.schedule import daily
from concord.risks.services import remind_reviews


@daily
def risk_reviews(day: datetime.date) -> int:
    """Remind owners of live risks whose review date has passed; idempotent."""
    return remind_reviews(day)
