"""The governance lists as spreadsheets: the one decision log (rows of log.ROW, meeting and other
decisions alike) and issues; the lessons' are lessons/exports.py (core.exports does the writing,
the chunks and the cap)."""

from typing import Any

from concord.core.exports import Column, label

DECIDED_BY = {"meeting": "A meeting", "committee": "A committee", "managers": "The partnership managers"}

DECISION_COLUMNS = [
    Column("Decided on", lambda r: r["day"]),
    Column("Decision", lambda r: r["text"]),
    Column("Rationale", lambda r: r["rationale"]),
    Column("Decided by", lambda r: DECIDED_BY.get(r["by"], r["by"])),
    Column("Meeting or committee", lambda r: r["source"]),
    Column("Visibility", lambda r: r["visibility"]),
    Column("Recorded by", lambda r: r["who"]),
    Column("Superseded by (id)", lambda r: r["superseded_by"]),
    Column("Kind of entry", lambda r: r["entry"]),
    Column("Id", lambda r: r["pk"]),
]


def _level(issue: Any) -> str:
    return str(issue.level) if issue.level else ""


ISSUE_COLUMNS = [
    Column("Id", lambda i: i.pk),
    Column("Issue", lambda i: i.title),
    Column("Severity", lambda i: label(i, "severity")),
    Column("Status", lambda i: label(i, "status")),
    Column("Level", _level),
    Column("At this level since", lambda i: i.level_since),
    Column("Escalations", lambda i: i.escalations),
    Column("Raised by", lambda i: i.owner.name),
    Column("Visibility", lambda i: i.visibility),
    Column("Raised (UTC)", lambda i: i.created_at),
    Column("Resolved on", lambda i: i.resolved_on),
    Column("Resolution", lambda i: i.resolution),
    Column("Cites", lambda i: i.cited_text),
]
