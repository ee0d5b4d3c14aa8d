"""API: the portfolio dashboard — every partnership of the caller with its health, trend, stage,
segment (the buying side's own) and open alerts; filtered, sorted and paged in the database, the
figures set-based per page (overview.portfolio), and exported whole as .csv or .xlsx."""

from typing import Any

from django.http import HttpResponse
from ninja import Query, Router

from concord.access.pages import per_reader_api
from concord.accounts.requests import AuthedRequest
from concord.core import exports, filtering
from concord.core.api import responses
from concord.core.paging import Paged, PageParams, page
from concord.overview import exports as sheets
from concord.overview import portfolio
from concord.overview.filters import PortfolioFilter
from concord.overview.schemas import PortfolioFilters, PortfolioRowOut

router = Router(tags=["portfolio dashboard"])


def _out(row: portfolio.Row) -> dict[str, Any]:
    p, s, a = row.partnership, row.standing, row.alerts
    return {
        "partnership_id": p.pk,
        "name": p.name,
        "status": p.status,
        "health": row.health.score,
        "health_band": row.health.band,
        "trend": row.health.trend,
        "stage": row.stage,
        "stage_label": row.stage_label,
        "segment": row.segment or None,
        "alerts": {
            "total": a.total,
            "overdue_commitments": a.overdue,
            "stale_plans": a.stale_plans,
            "expiring_documents": a.expiring_documents,
            "escalated_issues": a.escalated_issues,
        },
        "next_meeting": row.next_meeting,
        "demands_to_us": s.demands_to_us,
        "demands_to_them": s.demands_to_them,
        "reliability_ours": s.reliability_ours,
        "reliability_theirs": s.reliability_theirs,
        "goals": row.goal_count,
        "goals_off_track": row.goals_off_track,
        "risk_exposure": row.exposure,
    }


def _filtered(request: AuthedRequest, filters: PortfolioFilters) -> Any:
    return filtering.apply(PortfolioFilter, filters, portfolio.portfolio_list(actor=request.user)).qs


@router.get(
    "/portfolio",
    response=responses(200, Paged[PortfolioRowOut]),
    summary="The portfolio dashboard: my partnerships with health, trend, stage, segment and alerts",
)
@per_reader_api
def portfolio_rows(
    request: AuthedRequest, filters: Query[PortfolioFilters], paging: Query[PageParams]
) -> Any:
    found = page(_filtered(request, filters), paging)
    found["results"] = [_out(r) for r in portfolio.rows(actor=request.user, partnerships=found["results"])]
    return found


@router.get(
    "/portfolio/export",
    response=responses(200, None),
    summary="The whole filtered portfolio dashboard as .csv or .xlsx",
)
def portfolio_export(
    request: AuthedRequest, params: Query[exports.FormatParams], filters: Query[PortfolioFilters]
) -> HttpResponse:
    table = sheets.table(actor=request.user, partnerships=_filtered(request, filters))
    return exports.download(params.format, "portfolio", table, "Portfolio")
