"""The portfolio dashboard's spreadsheet: one line per partnership with the page's figures
(portfolio.Row; read a chunk of partnerships at a time, set-based)."""

from typing import Any

from django.db.models import QuerySet

from concord.accounts.models import User
from concord.core.exports import Column, Table, records
from concord.overview.portfolio import Row, all_rows
from concord.partnerships.models import Partnership


def _parties(row: Row, side: str) -> str:
    return ", ".join(p.organisation.name for p in row.partnership.parties.all() if p.side == side)


COLUMNS = [
    Column("Partnership", lambda r: r.partnership.name),
    Column("Buyer", lambda r: _parties(r, "buyer")),
    Column("Supplier", lambda r: _parties(r, "supplier")),
    Column("Category", lambda r: r.partnership.category),
    Column("Status", lambda r: r.partnership.get_status_display()),
    Column("Health", lambda r: r.health.score),
    Column("Health band", lambda r: r.health.band),
    Column("Trend (points since last month)", lambda r: r.health.trend),
    Column("Lifecycle stage", lambda r: f"{r.stage}. {r.stage_label}"),
    Column("Segment", lambda r: r.segment_label),
    Column("Risk exposure (0-100)", lambda r: r.exposure),
    Column("Alerts", lambda r: r.alerts.total),
    Column("Overdue commitments", lambda r: r.alerts.overdue),
    Column("Stale plans", lambda r: r.alerts.stale_plans),
    Column("Expiring documents", lambda r: r.alerts.expiring_documents),
    Column("Escalated issues", lambda r: r.alerts.escalated_issues),
    Column("Next meeting", lambda r: r.next_meeting),
    Column("Demands waiting on us", lambda r: r.standing.demands_to_us),
    Column("Demands waiting on them", lambda r: r.standing.demands_to_them),
    Column("Our reliability %", lambda r: r.standing.reliability_ours),
    Column("Their reliability %", lambda r: r.standing.reliability_theirs),
    Column("Goals", lambda r: r.goal_count),
    Column("Goals off track", lambda r: r.goals_off_track),
]


def table(*, actor: User, partnerships: QuerySet[Partnership]) -> Table:
    """The whole filtered list (up to core.exports.MAX_ROWS) with each line's figures."""
    found, cut_from = records(partnerships)

    def lines() -> Any:
        for row in all_rows(actor=actor, partnerships=found):
            yield [c.cell(row) for c in COLUMNS]

    return Table([c.header for c in COLUMNS], lines(), cut_from)
