"""The bulk write of an import's new values and its audit trail (docs/audit.md, "Bulk imports").

New values are written a batch at a time, sorted by goal and date (the unique index on them is then
filled in order, several times faster than in file order): on PostgreSQL with COPY, elsewhere with
one executemany. Every row is what `tracked_create` would store (version 1, entered by the actor)
and all of an import's rows share one creation time, the time of its audit events.

The trail gets one event per goal that received values — who imported how many values, for which
period, from which file (name and SHA-256), when — instead of one per row, which would cost more
than the write itself. A measurement's history shows its goal's event from the same moment
(audit.selectors.history_for, through Measurement.bulk_audit). Corrections of stored values stay
tracked updates, one event each, with the value before and after.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection

from concord.accounts.models import User
from concord.audit.models import AuditAction
from concord.audit.services import record_all
from concord.goals.models import Goal, Measurement

FIELDS = ["goal", "measured_on", "value", "note", "entered_by", "created_at", "updated_at", "version"]
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


@dataclass
class GoalTally:
    """What one import gave one goal: for its audit event."""

    goal: Goal
    count: int
    first: datetime.date
    last: datetime.date


class MeasurementWriter:
    """Writes an import's new values; `finish` records its audit events."""

    def __init__(self, *, actor: User, now: datetime.datetime) -> None:
        self.actor, self.now = actor, now
        self.tallies: dict[int, GoalTally] = {}
        meta = Measurement._meta
        self.table = connection.ops.quote_name(meta.db_table)
        columns = [str(meta.get_field(f).column) for f in FIELDS]  # type: ignore[union-attr]
        self.columns = ", ".join(connection.ops.quote_name(c) for c in columns)

    def add(self, rows: list[tuple[Goal, datetime.date, Decimal, str]]) -> None:
        rows.sort(key=lambda r: (r[0].id, r[1]))
        self._tally(rows)
        if connection.vendor == "postgresql":
            self._copy(rows)
        else:
            self._insert(rows)

    def _tally(self, rows: list[tuple[Goal, datetime.date, Decimal, str]]) -> None:
        for goal, day, _, _ in rows:
            tally = self.tallies.get(goal.id)
            if tally is None:
                self.tallies[goal.id] = GoalTally(goal, 1, day, day)
                continue
            tally.count += 1
            tally.first = min(tally.first, day)
            tally.last = max(tally.last, day)

    def _copy(self, rows: list[tuple[Goal, datetime.date, Decimal, str]]) -> None:
        tail = f"\t{self.actor.pk}\t{self.now.isoformat()}\t{self.now.isoformat()}\t1\n"
        text = "".join(
            f"{goal.id}\t{day}\t{value}\t{note.translate(COPY_ESCAPES) if note else ''}{tail}"
            for goal, day, value, note in rows
        )
        with connection.cursor() as cursor:
            raw: Any = cursor.cursor  # psycopg's own cursor: Django's wrapper has no copy()
            with raw.copy(f"COPY {self.table} ({self.columns}) FROM STDIN") as copy:
                copy.write(text.encode("utf-8"))

    def _insert(self, rows: list[tuple[Goal, datetime.date, Decimal, str]]) -> None:
        meta = Measurement._meta
        day_field, value_field = meta.get_field("measured_on"), meta.get_field("value")
        stamp = meta.get_field("created_at").get_db_prep_save(self.now, connection)
        params = [
            (
                goal.id,
                day_field.get_db_prep_save(day, connection),
                value_field.get_db_prep_save(value, connection),
                note,
                self.actor.pk,
                stamp,
                stamp,
                1,
            )
            for goal, day, value, note in rows
        ]
        marks = ", ".join(["%s"] * len(FIELDS))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})", params)

    def finish(self, *, source: str, sha256: str) -> None:
        """One audit event per goal that received values, all at the rows' creation time."""
        record_all(
            actor=self.actor,
            action=AuditAction.UPDATE,
            changes_of=[
                (t.goal, {Measurement.bulk_audit[1]: [None, _summary(t, source, sha256)]})
                for t in sorted(self.tallies.values(), key=lambda t: t.goal.id)
            ],
            reason="Values imported from a spreadsheet.",
            at=self.now,
        )


def _summary(tally: GoalTally, source: str, sha256: str) -> dict[str, Any]:
    return {
        "count": tally.count,
        "first": tally.first.isoformat(),
        "last": tally.last.isoformat(),
        "file": source[:200],
        "sha256": sha256,
    }
