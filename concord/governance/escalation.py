"""The escalation path's arithmetic, pure: when an open issue's time at a level runs out and
which level comes next.

An issue reaches a level on a day; the people there have `response_days` whole days to resolve
it. On the day after the last of them (day > reached + response_days) it moves one level up.
One level per run: a job that did not run for a while moves an issue up one step a day, so each
level's people hear of it in turn rather than the top level skipping everyone below.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    id: int
    rank: int
    name: str
    response_days: int


# Operational leads → partnership managers → steering committee → executives, with the days each
# has to respond (the usual practice: days at the working level, weeks at the top).
DEFAULT_LEVELS = (
    ("Operational leads", 3),
    ("Partnership managers", 5),
    ("Steering committee", 10),
    ("Executives", 15),
)


def respond_by(reached: datetime.date, response_days: int) -> datetime.date:
    """The last day the people at the level have to respond."""
    return reached + datetime.timedelta(days=response_days)


def overdue(reached: datetime.date, response_days: int, today: datetime.date) -> bool:
    return today > respond_by(reached, response_days)


def next_level(levels: Sequence[Level], current_id: int | None) -> Level | None:
    """The level above `current_id` (by rank), the first level when there is none yet, None at
    the top."""
    ordered = sorted(levels, key=lambda lv: (lv.rank, lv.id))
    if current_id is None:
        return ordered[0] if ordered else None
    ranks = [lv.id for lv in ordered]
    if current_id not in ranks:
        return ordered[0] if ordered else None
    at = ranks.index(current_id)
    return ordered[at + 1] if at + 1 < len(ordered) else None


def due_to_escalate(
    *, reached: datetime.date, level: Level | None, levels: Sequence[Level], today: datetime.date
) -> Level | None:
    """The level an open issue moves to today, or None when it stays."""
    if level is None:
        return None
    if not overdue(reached, level.response_days, today):
        return None
    return next_level(levels, level.id)
