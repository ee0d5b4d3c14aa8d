"""The agreements as a spreadsheet: one row per clause, the agreement's columns repeated on each
(an agreement without clauses still has its row), in the list's order (core.exports does the
writing, the chunks and the cap; the cap counts agreements)."""

from typing import Any

from concord.core.exports import Column, label, person

Pair = tuple[Any, Any]  # (agreement, clause or None)


def _clause(pair: Pair, read: Any) -> Any:
    return None if pair[1] is None else read(pair[1])


AGREEMENT_COLUMNS = [
    Column("Agreement id", lambda p: p[0].pk),
    Column("Agreement", lambda p: p[0].title),
    Column("Kind", lambda p: label(p[0], "kind")),
    Column("Reference", lambda p: p[0].reference),
    Column("Status", lambda p: label(p[0], "status")),
    Column("Start", lambda p: p[0].start_date),
    Column("End", lambda p: p[0].end_date),
    Column("Renewal notice", lambda p: p[0].renewal_notice_date),
    Column("Signed on", lambda p: p[0].signed_on),
    Column("Started by", lambda p: person(p[0].created_by)),
    Column("Clause id", lambda p: _clause(p, lambda c: c.pk)),
    Column("Clause number", lambda p: _clause(p, lambda c: c.number)),
    Column("Clause heading", lambda p: _clause(p, lambda c: c.heading)),
    Column("Clause text", lambda p: _clause(p, lambda c: c.text)),
    Column("Negotiation", lambda p: _clause(p, lambda c: label(c, "negotiation_status"))),
    Column("Objectives", lambda p: _clause(p, lambda c: ", ".join(o.code for o in c.objectives.all()))),
]


def clauses_of(agreement: Any) -> list[Any]:
    return list(agreement.clauses.all())  # prefetched (selectors.with_clauses)
