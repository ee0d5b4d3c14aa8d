"""Verifying a chain of the audit trail, and exporting it for verification elsewhere.

`verify(key)` walks a chain in order and reports the first broken link: an event missing (its
sequence number skipped), an event whose hash no longer matches its content and the link before
it (changed, inserted, or moved), or a trail that does not end where the chain's head says (the
last events removed, or some added past it). `export_lines(key, shown)` writes the chain as
JSON lines that the algorithm printed in docs/audit.md verifies offline; the content of events
not in `shown` is replaced by its hash.

Who may verify or export which chain is decided by the caller (audit.selectors, the commands).
"""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import batched
from typing import Any

from django.contrib.contenttypes.models import ContentType

from concord.audit.chain import FORMAT, GENESIS, content_of, leaf, link
from concord.audit.models import AuditChain, AuditEvent

CHUNK = 500  # events read at a time: a chain of any length is verified and exported in bounded memory


@dataclass(frozen=True)
class Break:
    """The first broken link of a chain: where, what kind of break, and (for the operator) which
    event it is. `problem` is "missing", "altered" or "truncated"."""

    sequence: int
    problem: str
    detail: str
    event: AuditEvent | None = None

    def describe_event(self) -> str:
        """The event at the break, by kind and id of what it is about (for the operator's command)."""
        if self.event is None:
            return ""
        ct = ContentType.objects.get_for_id(self.event.content_type_id)
        return (
            f"event id {self.event.pk}: {self.event.action} of {ct.app_label}.{ct.model} "
            f"{self.event.object_id} at {self.event.created_at.isoformat()}"
        )


@dataclass(frozen=True)
class Verdict:
    chain: str
    length: int  # events verified in order before the break (all of them when intact)
    head: str  # the hash of the last of those
    erased: int  # events among them whose personal values were erased (leaves kept)
    broken: Break | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def chain_keys() -> list[str]:
    """Every chain there is (from the heads and from the events)."""
    keys = set(AuditChain.unscoped.values_list("key", flat=True))
    keys |= set(AuditEvent.unscoped.order_by().values_list("chain", flat=True).distinct())
    return sorted(keys)


def _events(key: str, up_to: int | None = None) -> Iterator[AuditEvent]:
    rows = AuditEvent.unscoped.filter(chain=key)
    if up_to is not None:
        rows = rows.filter(sequence__lte=up_to)
    return rows.order_by("sequence", "id").iterator(chunk_size=CHUNK)


def verify(key: str) -> Verdict:
    """Recompute every link of chain `key`; stop at the first that does not hold."""
    previous, expected, erased = GENESIS, 1, 0

    def verdict(broken: Break | None) -> Verdict:
        return Verdict(key, expected - 1, previous, erased, broken)

    for event in _events(key):
        if event.sequence != expected:
            first, last = expected, event.sequence - 1
            gap = f"Event {first} is missing" if first >= last else f"Events {first} to {last} are missing"
            if event.sequence < expected:
                gap = f"Event {event.sequence} appears twice"
            return verdict(Break(expected, "missing", f"{gap}: removed from the trail.", event))
        if link(previous, leaf(content_of(event))) != event.hash:
            detail = (
                f"Event {expected} does not match its hash: its content was changed, or it was "
                "moved from another place in the chain."
            )
            return verdict(Break(expected, "altered", detail, event))
        erased += bool(event.erased)
        previous, expected = event.hash, expected + 1
    head = AuditChain.unscoped.filter(key=key).first()
    recorded = (head.length, head.head) if head else (0, GENESIS)
    if recorded != (expected - 1, previous):
        return verdict(_head_break(recorded[0], expected - 1))
    return verdict(None)


def _head_break(recorded: int, found: int) -> Break:
    """The trail verifies link by link but does not end where the chain's head says."""
    said = f"The chain's head records {recorded} events, but the trail holds {found} that verify"
    if found < recorded:
        return Break(found + 1, "truncated", f"{said}: events at its end were removed.")
    if found > recorded:
        return Break(recorded + 1, "added", f"{said}: events were added at its end past the head.")
    return Break(found, "head", f"{said}, ending in another hash: the head or the last event was replaced.")


def export_lines(key: str, shown: Callable[[list[AuditEvent]], set[int]]) -> Iterator[str]:
    """The chain as JSON lines: a header, then one line per event in order. `shown(events)` says
    which events (by id) the reader may see whole; of the others only the content hash is given,
    which is enough to verify every link (docs/audit.md)."""
    head = AuditChain.unscoped.filter(key=key).first()
    header: dict[str, Any] = {
        "chain": key,
        "format": FORMAT,
        "genesis": GENESIS,
        "head": head.head if head else GENESIS,
        "length": head.length if head else 0,
    }
    yield _line(header)
    # Up to the head read above: events appended meanwhile belong to the next export.
    for chunk in batched(_events(key, up_to=header["length"]), CHUNK):
        events = list(chunk)
        visible = shown(events)
        for event in events:
            yield _line(_entry(event, whole=event.pk in visible))


def _entry(event: AuditEvent, *, whole: bool) -> dict[str, object]:
    content = content_of(event)
    if not whole:
        return {"content_hash": leaf(content), "hash": event.hash, "sequence": event.sequence}
    described = {**content, "changes": event.changes, "erased": event.erased}
    return {"event": described, "hash": event.hash, "sequence": event.sequence}


def _line(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":")) + "\n"


def lines_of(verdicts: Iterable[Verdict]) -> Iterator[str]:
    """One line of plain text per verdict (the command's output)."""
    for v in verdicts:
        if v.broken is None:
            erased = f", {v.erased} with erased personal data" if v.erased else ""
            yield f"{v.chain}: intact — {v.length} events{erased}, head {v.head}"
        else:
            where = f" ({v.broken.describe_event()})" if v.broken.event else ""
            yield f"{v.chain}: BROKEN at {v.broken.sequence} — {v.broken.problem}: {v.broken.detail}{where}"
