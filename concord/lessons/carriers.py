"""The records that carry lessons, and how a lesson names its carrier to a reader.

Each carrier app registers its kind when Django starts (its AppConfig.ready): the kind's label
and a function answering, for a set of carrier ids, {id: (title, url)} read **in the reader's
scope** (its own selector, starting from `restrict(actor)`): a carrier the reader may not see is
simply absent and the lesson shows no link to it. The library asks each kind once per page (one
query per kind of carrier, never one per row).

A new carrier (a review, say) plugs in by: a choice in models.CarrierKind (and its migration),
`register(...)` in its app's ready(), and a service that checks its own rule (who may write a
lesson on it, in which state) before calling services.lesson_add with `carrier=`."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

Titles = Callable[[Any, set[int]], dict[int, tuple[str, str]]]


@dataclass(frozen=True)
class Carrier:
    kind: str
    label: str
    titles: Titles


_CARRIERS: dict[str, Carrier] = {}


def register(kind: str, label: str, titles: Titles) -> None:
    _CARRIERS[kind] = Carrier(kind, label, titles)


def registered() -> dict[str, Carrier]:
    return dict(_CARRIERS)


def named(actor: Any, lessons: Iterable[Any]) -> dict[tuple[str, int], tuple[str, str]]:
    """{(kind, id): (title, url)} of the carriers of `lessons` the actor may read."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for lesson in lessons:
        if lesson.carrier_kind and lesson.carrier_id is not None:
            wanted[lesson.carrier_kind].add(lesson.carrier_id)
    found: dict[tuple[str, int], tuple[str, str]] = {}
    for kind, ids in wanted.items():
        carrier = _CARRIERS.get(kind)
        if carrier is None:
            continue
        for pk, pair in carrier.titles(actor, ids).items():
            found[(kind, pk)] = pair
    return found


def attach(actor: Any, lessons: list[Any]) -> list[Any]:
    """Give each lesson `carrier_title` and `carrier_url` (None when it has no carrier the reader
    may read): what the pages and the API show."""
    names = named(actor, lessons)
    for lesson in lessons:
        pair = names.get((lesson.carrier_kind, lesson.carrier_id)) if lesson.carrier_id else None
        lesson.carrier_title, lesson.carrier_url = pair if pair else (None, None)
    return lessons
