"""The history's filter parameters in the API (from filters.HistoryFilter)."""

from concord.audit.filters import HistoryFilter
from concord.core import filtering


class HistoryFilters(filtering.query_schema(HistoryFilter)):  # type: ignore[misc]
    """Which changes of the record's history to list (filters.HistoryFilter)."""
