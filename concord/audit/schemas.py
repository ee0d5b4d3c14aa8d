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
    problem: str = Field(
        description="missing (an event removed), altered (changed, inserted or moved), truncated (the last "
        "events removed), added (events past the head), head (the head or the last event replaced)."
    )
    detail: str


class ChainCheckOut(Schema):
    """The verification of one audit chain (docs/audit.md)."""

    chain: str = Field(
        description='The chain: "partnership:<id>" (shared) or "partnership:<id>:org:<id>" (one side\'s own).'
    )
    intact: bool
    length: int = Field(description="Events verified in order (all of them when intact).")
    head: str = Field(description="SHA-256 of the last verified event: keep it to compare later.")
    erased: int = Field(description="Events among them whose personal values were erased on request.")
    broken: ChainBreakOut | None = None


class ChainsCheckOut(Schema):
    """The verification of a partnership's chains that the caller reads: the shared one and their
    side's own (docs/audit.md)."""

    intact: bool = Field(description="Whether every chain below is intact.")
    chains: list[ChainCheckOut]
