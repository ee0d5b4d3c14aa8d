"""Writing generated rows in bulk with exactly the audit events the services would write.

A service creates one row through `audit.services.tracked_create`: the row, then a create event
in the row's chain (audit.chain.chain_of) whose changes are the row's snapshot, hashed onto the
chain's head. `Batch` does the same for thousands of rows at once: it inserts each model's rows
at once (bulk_create, or COPY on PostgreSQL: insert.py), builds the same events, links them in
memory chain by chain (the heads are read once, for the chains not seen yet, and written back
once per flush) and inserts them in bulk too. `concord audit verify` cannot tell the difference.

Rows are created as they are *now*: a generated commitment delivered last March is one create
event with its delivery date, not a create and a later update (docs/generator.md says why).
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from concord.audit import chain
from concord.audit.models import AuditAction, AuditChain, AuditEvent
from concord.core.snapshot import snapshot
from concord.demo.generator.insert import insert

BATCH_SIZE = 2000  # chain heads read or written per statement


@dataclass
class _Row:
    instance: models.Model
    actor: Any  # a person, perhaps inserted in the same flush: its id is read when the event is built
    changes: dict[str, Any] | None  # None: the row's snapshot, as tracked_create records it
    tracked: bool
    prepare: Callable[[], None] | None = None  # run just before its model's rows are inserted


@dataclass
class Batch:
    """Rows waiting to be written, in the order their models must be inserted (parents first)."""

    order: list[type[models.Model]]
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)
    rows: list[_Row] = field(default_factory=list)
    written: Counter[str] = field(default_factory=Counter)

    def add[M: models.Model](
        self,
        instance: M,
        *,
        actor: Any,
        changes: dict[str, Any] | None = None,
        tracked: bool = True,
        prepare: Callable[[], None] | None = None,
    ) -> M:
        """Queue `instance`; `tracked=False` for rows a service writes without an event (a
        meeting's attendees); `prepare` fills what is known only once earlier models' rows have
        their ids (a lesson's carrier id). Returns the instance, so callers can link children."""
        self.rows.append(_Row(instance, actor, changes, tracked, prepare))
        return instance

    def flush(self) -> Counter[str]:
        """Write every queued row and its event; what was written, by model label."""
        done: Counter[str] = Counter()
        by_model = {m: [r.instance for r in self.rows if type(r.instance) is m] for m in self.order}
        for objs in by_model.values():
            _stamp(objs)
        prepares = {id(r.instance): r.prepare for r in self.rows if r.prepare is not None}
        with backdated(self.order):
            for model, objs in by_model.items():
                for obj in objs:
                    if id(obj) in prepares:
                        prepares[id(obj)]()
                if objs:
                    insert(model, objs)
                    done[model._meta.label_lower] += len(objs)
        events = [self._event(r) for r in self.rows if r.tracked]
        self._link(events)
        insert(AuditEvent, events)
        done["audit.auditevent"] += len(events)
        self.rows = []
        self.written.update(done)
        return done

    def _event(self, row: _Row) -> AuditEvent:
        """What audit.services._event builds for a create (the actor is always a person here)."""
        instance = row.instance
        changes = row.changes
        if changes is None:
            changes = {name: [None, value] for name, value in snapshot(instance).items()}
        return AuditEvent(
            chain=chain.chain_of(instance),
            actor_id=getattr(row.actor, "pk", None),
            action=AuditAction.CREATE,
            content_type=ContentType.objects.get_for_model(type(instance)),
            object_id=instance.pk,
            object_repr=str(instance)[:200],
            changes=chain.normalised(changes),
            reason="",
            created_at=timezone.now(),
        )

    def _link(self, events: list[AuditEvent]) -> None:
        """Give each event its place and hash in its chain, as audit.services._append does."""
        self._load_heads({e.chain for e in events})
        touched = set()
        for event in events:
            length, head = self.heads[event.chain]
            event.sequence = length + 1
            event.hash = chain.link(head, chain.leaf(chain.content_of(event)))
            self.heads[event.chain] = (event.sequence, event.hash)
            touched.add(event.chain)
        AuditChain.unscoped.bulk_create(
            [AuditChain(key=k, length=self.heads[k][0], head=self.heads[k][1]) for k in sorted(touched)],
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["length", "head"],
        )

    def _load_heads(self, keys: set[str]) -> None:
        """Chains this run has not seen yet: where they end now (new chains start at genesis)."""
        new = sorted(keys - self.heads.keys())
        for start in range(0, len(new), BATCH_SIZE):
            part = new[start : start + BATCH_SIZE]
            found = dict(
                (key, (length, head))
                for key, length, head in AuditChain.unscoped.filter(key__in=part).values_list(
                    "key", "length", "head"
                )
            )
            for key in part:
                self.heads[key] = found.get(key, (0, chain.GENESIS))


def _auto_fields(model: type[models.Model]) -> list[Any]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField)
        and (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
    ]


def _stamp(objs: list[models.Model]) -> None:
    """Rows given no creation time are created now, as the services' rows are."""
    if not objs:
        return
    now = timezone.now()
    for f in _auto_fields(type(objs[0])):
        for obj in objs:
            if getattr(obj, f.attname) is None:
                setattr(obj, f.attname, now)


@contextmanager
def backdated(order: list[type[models.Model]]) -> Iterator[None]:
    """Let generated rows keep the creation times given to them. `auto_now_add` would stamp every
    row with the moment of generation; a ledger needs commitments given months ago (a delivery
    cannot predate the promise, Commitment.clean). The demo moves dates after the fact
    (demo/timetravel.py, one UPDATE per row); at millions of rows the generator sets them on
    insert instead. Only while the generator inserts, in its own process."""
    saved = [(f, f.auto_now, f.auto_now_add) for m in order for f in _auto_fields(m)]
    try:
        for f, _, _ in saved:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


def moment(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """A time of day on `day` in the server's time zone (dates stay the same day when read back)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
