"""The portfolio dashboard API's shapes: one row per partnership with the page's figures."""

import datetime

from ninja import Schema

from concord.core import filtering
from concord.overview.filters import PortfolioFilter


class PortfolioFilters(filtering.query_schema(PortfolioFilter)):  # type: ignore[misc]
    """The dashboard's filters and sort (filters.PortfolioFilter)."""


class AlertsOut(Schema):
    total: int
    overdue_commitments: int
    stale_plans: int
    expiring_documents: int
    escalated_issues: int


class PortfolioRowOut(Schema):
    partnership_id: int
    name: str
    status: str
    health: float | None
    health_band: str
    trend: float | None
    stage: int
    stage_label: str
    segment: str | None  # the buying side's Kraljic quadrant; null for the supplier side
    alerts: AlertsOut
    next_meeting: datetime.datetime | None
    demands_to_us: int
    demands_to_them: int
    reliability_ours: float | None
    reliability_theirs: float | None
    goals: int
    goals_off_track: int
    risk_exposure: int  # the live risks the reader may read, scored 0–100 (risks.scoring)
