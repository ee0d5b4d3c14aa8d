"""Commitment status and the reliability index: pure functions, one computation for every screen.

Status of a commitment on a day:
- kept on time — delivered on or before the date first promised;
- kept late — delivered after it (also when a renegotiated date was met: the promise moved);
- broken — not delivered and either given up or past the date now agreed;
- renegotiated — not delivered, a new date agreed, and that date not yet passed;
- open — not delivered and not yet due.

Reliability of a party over a rolling window (default 180 days) ending today: of its *shared*
commitments whose *promised* date falls in the window and has arrived ("due"; one promised for
today counts once delivered, or from tomorrow), the share kept on time, in percent. No due
commitment: no data (never 100 %). A commitment delivered early still counts only once its promised
date arrives, so the number cannot be raised by promising far ahead. Internal to-dos (actions of an
internal meeting) are not promises to the partner and are left out, so both sides see one number.

An action plan is stale when it was not reviewed within its cadence (`stale`).

Lists filter and count in the database: `state_q` and `due_q` are the same rules as `status_of` and
`reliability` written as filters (tests check that both forms agree), so a ledger is read a page at
a time and the index is counted without reading the commitments behind it.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import F, Q

WINDOW_DAYS = 180
STREAK = 5  # consecutive on-time deliveries that make a win


class Status(StrEnum):
    OPEN = "open"
    RENEGOTIATED = "renegotiated"
    KEPT_ON_TIME = "kept_on_time"
    KEPT_LATE = "kept_late"
    BROKEN = "broken"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


def status_of(
    *,
    promised_on: datetime.date,
    due_on: datetime.date,
    delivered_on: datetime.date | None,
    given_up_on: datetime.date | None,
    today: datetime.date,
) -> Status:
    if delivered_on is not None:
        return Status.KEPT_ON_TIME if delivered_on <= promised_on else Status.KEPT_LATE
    if given_up_on is not None or today > due_on:
        return Status.BROKEN
    if due_on != promised_on:
        return Status.RENEGOTIATED
    return Status.OPEN


GIVEN_UP = "given_up"  # not a status of its own: the broken ones the party said it cannot deliver
STATES = [(s.value, s.label) for s in Status] + [(GIVEN_UP, "given up")]


def state_q(state: str, today: datetime.date) -> Q:
    """The commitments whose status on `today` is `state` (or that were given up): status_of as a
    filter."""
    pending = Q(delivered_on__isnull=True)
    live = pending & Q(given_up_on__isnull=True, due_on__gte=today)
    found = {
        Status.KEPT_ON_TIME: Q(delivered_on__isnull=False, delivered_on__lte=F("promised_on")),
        Status.KEPT_LATE: Q(delivered_on__isnull=False, delivered_on__gt=F("promised_on")),
        Status.BROKEN: pending & (Q(given_up_on__isnull=False) | Q(due_on__lt=today)),
        Status.RENEGOTIATED: live & ~Q(due_on=F("promised_on")),
        Status.OPEN: live & Q(due_on=F("promised_on")),
        GIVEN_UP: pending & Q(given_up_on__isnull=False),
    }
    return found[state]


def status(commitment: Any, today: datetime.date) -> Status:
    return status_of(
        promised_on=commitment.promised_on,
        due_on=commitment.due_on,
        delivered_on=commitment.delivered_on,
        given_up_on=commitment.given_up_on,
        today=today,
    )


@dataclass
class Reliability:
    organisation_id: int
    window_days: int
    due: list[Any] = field(default_factory=list)  # the commitments behind the number
    on_time: int = 0

    @property
    def index(self) -> float | None:
        return round(self.on_time / len(self.due) * 100, 1) if self.due else None


def reliability(
    commitments: Iterable[Any],
    organisation_ids: Iterable[int],
    today: datetime.date,
    window_days: int = WINDOW_DAYS,
) -> dict[int, Reliability]:
    """The index of each organisation from commitments already read (no queries here)."""
    start = today - datetime.timedelta(days=window_days)
    found = {org: Reliability(org, window_days) for org in organisation_ids}
    for commitment in commitments:
        entry = found.get(commitment.owner_id)
        if entry is None or not (start < commitment.promised_on <= today):
            continue
        if getattr(commitment, "visibility", "shared") != "shared":
            continue  # an internal to-do is not a promise to the partner
        if commitment.promised_on == today and commitment.delivered_on is None:
            continue  # still open today: not yet kept, not yet missed
        entry.due.append(commitment)
        if status(commitment, today) == Status.KEPT_ON_TIME:
            entry.on_time += 1
    return found


def due_q(today: datetime.date, window_days: int = WINDOW_DAYS) -> Q:
    """The commitments that count in the index on `today`: reliability()'s rule as a filter."""
    start = today - datetime.timedelta(days=window_days)
    in_window = Q(visibility="shared", promised_on__gt=start, promised_on__lte=today)
    return in_window & ~Q(promised_on=today, delivered_on__isnull=True)


def on_time_run(delivered: Iterable[tuple[datetime.date, datetime.date]]) -> int:
    """Consecutive on-time deliveries, most recent first, from (promised, delivered) pairs sorted by
    delivery date, oldest first."""
    run = 0
    for promised, delivered_on in delivered:
        run = run + 1 if delivered_on <= promised else 0
    return run


def stale(plan: Any, now: datetime.datetime) -> bool:
    """An action plan not reviewed within its cadence (counted from its creation when it was never
    reviewed)."""
    since: datetime.datetime = plan.last_reviewed_at or plan.created_at
    return now - since > datetime.timedelta(days=plan.review_every_days)
