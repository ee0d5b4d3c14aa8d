"""Reads of the health index, through the reader's scope: a person reads the rows of their own
organisations only (each computed from what that organisation may read), never the other side's.

The rows are kept current by the services (on every write to a source, and daily); reading never
computes. Before the month's first daily pass, the previous month's row stands in (no trend).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from concord.access.policy import acting_organisation, own_orgs, require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.core.errors import NotFound
from concord.health import index
from concord.health.models import HealthScore, HealthWeights
from concord.organisations.models import Organisation
from concord.partnerships.models import Partnership

HISTORY_MONTHS = 12


@dataclass(frozen=True)
class Summary:
    """A partnership's index as the reader sees it now, with the change since last month."""

    score: float | None
    trend: float | None
    computed: bool = True  # False: never computed for this reader yet

    @property
    def band(self) -> str:
        return index.band(self.score)


NONE = Summary(None, None, computed=False)


@dataclass(frozen=True)
class Explained:
    """The index explained component by component, with its monthly history (oldest first)."""

    organisation_id: int
    result: index.Index
    trend: float | None
    history: list[tuple[datetime.date, float | None]]
    computed_on: datetime.date | None


def _parts(row: HealthScore | None) -> index.Index:
    if row is None:
        return index.combine({}, index.DEFAULT_WEIGHTS)
    scores = {p["key"]: p["score"] for p in row.components}
    weights = {p["key"]: int(p["weight"]) for p in row.components}
    return index.combine(scores, weights)


def explained(*, actor: User, partnership: Partnership) -> Explained:
    """The reader organisation's index of the partnership, explained, and its last months."""
    require(actor, Action.VIEW, partnership)
    org = acting_organisation(actor, partnership)
    if org is None:
        raise NotFound()
    period = index.period_of(timezone.localdate())
    since = period.replace(year=period.year - 1)
    rows = list(
        HealthScore.objects.restrict(actor)
        .filter(partnership=partnership, organisation_id=org, period__gt=since)
        .order_by("period")
    )
    current = next((r for r in rows if r.period == period), None)
    previous = next((r for r in rows if r.period == index.previous_period(period)), None)
    if current is None:  # before the month's first computation: last month's stands in
        current, previous = previous, None
    result = _parts(current)
    return Explained(
        org,
        result,
        index.trend(result.score, previous.score if previous else None),
        [(r.period, r.score) for r in rows],
        current.computed_on if current else None,
    )


def summaries(*, actor: User, partnership_ids: list[int]) -> dict[int, Summary]:
    """Each partnership's index and trend for the reader's organisations (one query)."""
    period = index.period_of(timezone.localdate())
    previous = index.previous_period(period)
    rows = (
        HealthScore.objects.restrict(actor)
        .filter(partnership_id__in=partnership_ids, period__gte=previous, organisation_id__in=own_orgs(actor))
        .values_list("partnership_id", "period", "score")
    )
    now: dict[int, float | None] = {}
    before: dict[int, float | None] = {}
    for pid, when, score in rows:
        (now if when == period else before)[pid] = score
    found = {}
    for pid in partnership_ids:
        if pid in now:
            found[pid] = Summary(now[pid], index.trend(now[pid], before.get(pid)))
        elif pid in before:
            found[pid] = Summary(before[pid], None)
        else:
            found[pid] = NONE
    return found


def with_health(*, actor: User, partnerships: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """The partnerships with `health` (this month's index for the reader's organisation) as a
    column the database filters and sorts by."""
    latest = HealthScore.objects.restrict(actor).filter(
        partnership_id=OuterRef("pk"),
        organisation_id__in=own_orgs(actor),
        period__gte=index.previous_period(index.period_of(timezone.localdate())),
    )
    return partnerships.annotate(health=Subquery(latest.order_by("-period", "pk").values("score")[:1]))


def weights_get(*, actor: User, organisation: Organisation) -> tuple[dict[str, int], int]:
    """The organisation's weights and their version (1: the defaults, never changed)."""
    found = HealthWeights.objects.restrict(actor).filter(organisation=organisation).first()
    if found is None:
        return dict(index.DEFAULT_WEIGHTS), 1
    return found.as_dict(), found.version


def distribution(*, actor: User) -> list[tuple[str, int]]:
    """How many of the reader's partnerships fall in each band of ten points this month (the
    portfolio's health chart): one aggregate query, no rows read, whatever the portfolio size."""
    rows = HealthScore.objects.restrict(actor).filter(
        organisation_id__in=own_orgs(actor), period=index.period_of(timezone.localdate())
    )
    buckets = {}
    for i in range(10):
        upper = Q(score__lt=(i + 1) * 10) if i < 9 else Q(score__lte=100)
        buckets[f"b{i}"] = Count("pk", filter=Q(score__gte=i * 10) & upper)
    buckets["none"] = Count("pk", filter=Q(score__isnull=True))
    counted = rows.aggregate(**buckets)
    labels = [f"{i * 10}–{i * 10 + 9 if i < 9 else 100}" for i in range(10)]
    return [*((label, counted[f"b{i}"]) for i, label in enumerate(labels)), ("no index", counted["none"])]
