"""The history's filter parameters in the API (from filters.HistoryFilter), and the answers of
the audit chain's verification."""

from ninja import Field, Schema

from concord.audit.filters import HistoryFilter
from concord.core import filtering


class HistoryFilters(filtering.query_schema(HistoryFilter)):  # type: ignore[misc]
    """Which changes of the record's history to list (filters.HistoryFilter)."""


class ChainBreakOut(Schema):
    """Where a chain stopped verifying: the event's place and the kind of break, never its content."""

    sequence: int = Field(description="The place in the chain of the first link that does not hold.")
    problem: str = Field(description="missing (an event removed), altered (changed or moved), truncated.")
    detail: str


class ChainCheckOut(Schema):
    """The verification of one audit chain (docs/audit.md)."""

    chain: str = Field(description='The chain: "partnership:<id>".')
    intact: bool
    length: int = Field(description="Events verified in order (all of them when intact).")
    head: str = Field(description="SHA-256 of the last verified event: keep it to compare later.")
    erased: int = Field(description="Events among them whose personal values were erased on request.")
    broken: ChainBreakOut | None = None
