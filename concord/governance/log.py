"""The partnership's one decision log: the decisions taken in meetings (meetings.Decision) and
those taken outside them (GovernanceDecision, by a committee or the partnership managers).

One piece of code serves the page, the API and the export: each source is read in the actor's
scope and shaped to the same columns (`ROW`), one FilterSet (filters.DecisionLogFilter) filters
both, and the database unites them (UNION ALL) in one order — so paging, counting and exporting
see a single list. Rows are dicts; `entry` tells the two apart ("meeting" or "record").
"""

from typing import Any

from django.db.models import CharField, F, IntegerField, Value
from django.db.models.functions import Coalesce, TruncDate

from concord.access.policy import require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.governance.models import DecidedBy, GovernanceDecision
from concord.meetings.selectors import decision_log
from concord.partnerships.models import Partnership

MEETING, RECORD = "meeting", "record"
ROW = (
    "entry",
    "pk",
    "text",
    "rationale",
    "day",
    "source",
    "source_id",
    "by",
    "visibility",
    "who",
    "superseded_by",
)


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def meeting_decisions(actor: User, partnership: Partnership) -> Any:
    """The meetings' decisions in the log's columns (`day`: the day it was logged)."""
    return decision_log(actor=actor, partnership=partnership).annotate(
        entry=_text(MEETING),
        day=TruncDate("created_at"),
        source=F("meeting__title"),
        source_id=F("meeting_id"),
        by=_text("meeting"),
        visibility=F("meeting__visibility"),
        who=Coalesce(F("recorded_by__full_name"), _text("")),
        superseded_by=Value(None, output_field=IntegerField()),  # a meeting's decisions stay as minuted
    )


def other_decisions(actor: User, partnership: Partnership) -> Any:
    """The decisions taken outside meetings in the log's columns."""
    return (
        GovernanceDecision.objects.restrict(actor)
        .filter(partnership=partnership)
        .annotate(
            entry=_text(RECORD),
            day=F("decided_on"),
            source=Coalesce(F("committee__name"), _text(DecidedBy.MANAGERS.label)),
            source_id=Coalesce(F("committee_id"), Value(0)),
            by=F("decided_by"),
            who=Coalesce(F("created_by__full_name"), _text("")),
        )
    )


def sources(*, actor: User, partnership: Partnership) -> tuple[Any, Any]:
    """The two sources, each to be filtered by the same FilterSet before `united`."""
    require(actor, Action.VIEW, partnership)
    return meeting_decisions(actor, partnership), other_decisions(actor, partnership)


def united(meetings: Any, others: Any) -> Any:
    """One list, newest first: rows of ROW."""
    # Each side unordered (SQLite refuses an ORDER BY inside a compound); the union is ordered.
    first = meetings.order_by().values(*ROW)
    second = others.order_by().values(*ROW)
    return first.union(second, all=True).order_by("-day", "entry", "-pk")
