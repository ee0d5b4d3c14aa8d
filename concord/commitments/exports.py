"""The demands, the commitment ledger and the action plans as spreadsheets: one row per record of
the filtered list, in the list's order (core.exports does the writing, the chunks and the cap)."""

import datetime
from typing import Any

from django.utils import timezone

from concord.commitments.models import Commitment, Demand
from concord.commitments.status import stale, status
from concord.core.exports import Column, label, person


def _latest(demand: Demand) -> Any:
    answers = list(demand.answers.all())  # prefetched in the reader's scope
    return answers[-1] if answers else None


def _answer(demand: Demand, read: Any) -> Any:
    latest = _latest(demand)
    return read(latest) if latest is not None else None


DEMAND_COLUMNS = [
    Column("Id", lambda d: d.pk),
    Column("Demand", lambda d: d.title),
    Column("Description", lambda d: d.description),
    Column("Status", lambda d: label(d, "status")),
    Column("Priority", lambda d: label(d, "priority")),
    Column("Raised by", lambda d: d.owner.name),
    Column("Raised by person", lambda d: person(d.created_by)),
    Column("Asked of", lambda d: d.to_org.name),
    Column("Visibility", lambda d: d.visibility),
    Column("Raised on", lambda d: d.created_at),
    Column("Needed by", lambda d: d.needed_by),
    Column("Answers", lambda d: len(d.answers.all())),
    Column("Latest answer", lambda d: _answer(d, lambda a: a.get_kind_display())),
    Column("Answered by", lambda d: _answer(d, lambda a: person(a.answered_by))),
    Column("Answered on", lambda d: _answer(d, lambda a: a.created_at)),
    Column("Rationale", lambda d: _answer(d, lambda a: a.rationale)),
    Column("Promised on", lambda d: _answer(d, lambda a: a.promised_on)),
    Column("Follow up on", lambda d: _answer(d, lambda a: a.follow_up_on)),
]


def commitment_columns(today: datetime.date | None = None) -> list[Column]:
    """The ledger's columns, the status as of `today` (one day for the whole file)."""
    today = today or timezone.localdate()
    return [
        Column("Id", lambda c: c.pk),
        Column("Commitment", lambda c: c.title),
        Column("Description", lambda c: c.description),
        Column("Status", lambda c: status(c, today).label),
        Column("Whose", lambda c: c.owner.name),
        Column("Owner person", lambda c: person(c.owner_person)),
        Column("Visibility", lambda c: c.visibility),
        Column("From", lambda c: label(c, "source")),
        Column("Demand", lambda c: c.answer.demand.title if c.answer else None),
        Column("Promised on", lambda c: c.promised_on),
        Column("Agreed now", lambda c: c.due_on),
        Column("Renegotiations", lambda c: len(c.renegotiations.all())),
        Column("Delivered on", lambda c: c.delivered_on),
        Column("Given up on", lambda c: c.given_up_on),
    ]


def _items(plan: Any) -> list[Commitment]:
    return list(plan.items.all())  # prefetched in the reader's scope


def plan_columns(now: datetime.datetime | None = None) -> list[Column]:
    now = now or timezone.now()
    return [
        Column("Id", lambda p: p.pk),
        Column("Plan", lambda p: p.title),
        Column("Owner", lambda p: p.owner.name),
        Column("Visibility", lambda p: p.visibility),
        Column("Goals", lambda p: "; ".join(g.title for g in p.goals.all())),
        Column("Items", lambda p: len(_items(p))),
        Column("Items delivered", lambda p: sum(1 for c in _items(p) if c.delivered_on is not None)),
        Column("Review every (days)", lambda p: p.review_every_days),
        Column("Last reviewed", lambda p: p.last_reviewed_at),
        Column("Stale", lambda p: stale(p, now)),
        Column("Started", lambda p: p.created_at),
    ]
