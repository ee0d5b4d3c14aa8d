"""The rows of the portfolio page: each partnership of a page with the figures a category manager
scans the list for — the next meeting, demands and overdue commitments each way, each side's
reliability, the goals off track and the risk exposure; and the dashboard's: the health index
and its trend, the lifecycle stage, the buyer's Kraljic segment and the open alerts
(overview.alerts).

Set-based: a page of 50 partnerships costs the same fixed number of queries as a page of 5,
whatever the size of the portfolio or of each partnership's history (one query per kind of
figure, grouped by partnership, over the page's ids only). Every figure is read through the
actor's scope, so one side's internal records never count in what the other side sees (the
segment is the buyer's internal assessment: the supplier side reads none).

`portfolio_list` gives the database the columns the page filters and sorts by (health, stage,
segment), so filtering and sorting stay in the database, a page at a time.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import batched

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from concord.accounts.models import User
from concord.commitments.standing import Standing, standings
from concord.goals.progress import GoalStatus
from concord.goals.selectors import statuses_by_partnership
from concord.health import selectors as health_index
from concord.lifecycle.models import Lifecycle, Segmentation
from concord.lifecycle.stages import Stage
from concord.meetings.selectors import next_meetings
from concord.overview.alerts import Alerts, alerts
from concord.partnerships.models import Partnership
from concord.partnerships.selectors import partnership_list
from concord.risks.selectors import exposure

OFF_TRACK = (GoalStatus.OFF_TRACK, GoalStatus.MISSED)
FIRST_STAGE = int(Stage.OPERATIONAL_AWARENESS)  # no lifecycle row yet: the first stage


@dataclass(frozen=True)
class Row:
    partnership: Partnership
    next_meeting: datetime.datetime | None
    standing: Standing
    goals: dict[GoalStatus, int]
    exposure: int = 0  # risks.scoring.exposure of the live risks the reader may read (0–100)
    # The dashboard's columns (issue 16).
    health: health_index.Summary = health_index.NONE
    stage: int = FIRST_STAGE
    segment: str = ""  # the buyer's latest Kraljic quadrant ("" for the supplier, or not assessed)
    alerts: Alerts = field(default_factory=Alerts)

    @property
    def goal_count(self) -> int:
        return sum(self.goals.values())

    @property
    def goals_off_track(self) -> int:
        return sum(self.goals.get(status, 0) for status in OFF_TRACK)

    @property
    def goals_at_risk(self) -> int:
        return self.goals.get(GoalStatus.AT_RISK, 0)

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label

    @property
    def segment_label(self) -> str:
        return self.segment.replace("_", "-").capitalize() if self.segment else ""


def _segments(actor: User) -> QuerySet[Segmentation]:
    return Segmentation.objects.restrict(actor)


def portfolio_list(*, actor: User) -> QuerySet[Partnership]:
    """The actor's partnerships with `health`, `stage` and `segment` as columns to filter and sort
    by (filters.PortfolioFilter), read in pages."""
    latest = _segments(actor).filter(partnership_id=OuterRef("pk")).order_by("-assessed_on", "-pk")
    found = health_index.with_health(actor=actor, partnerships=partnership_list(actor=actor))
    return found.annotate(
        stage=Coalesce("lifecycle__stage", Value(FIRST_STAGE), output_field=IntegerField()),
        segment=Subquery(latest.values("quadrant")[:1]),
    )


def _stages(actor: User, ids: list[int]) -> dict[int, int]:
    rows = Lifecycle.objects.restrict(actor).filter(partnership_id__in=ids)
    return dict(rows.values_list("partnership_id", "stage"))


def _latest_segments(actor: User, ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    rows = _segments(actor).filter(partnership_id__in=ids).order_by("partnership_id", "-assessed_on", "-pk")
    for pid, quadrant in rows.values_list("partnership_id", "quadrant"):
        found.setdefault(pid, quadrant)
    return found


def rows(*, actor: User, partnerships: Iterable[Partnership], dashboard: bool = True) -> list[Row]:
    """The page's partnerships (already read through the actor's scope) with their figures.
    Without `dashboard` (the overview at a glance, which shows stage, segment and alerts in cards
    of its own) only the health index is added to the portfolio's figures."""
    page = list(partnerships)
    ids = [p.pk for p in page]
    today, now = timezone.localdate(), timezone.now()
    meetings = next_meetings(actor=actor, partnership_ids=ids)
    owed = standings(actor=actor, partnership_ids=ids, today=today)
    goals = statuses_by_partnership(actor=actor, partnership_ids=ids, today=today)
    index = health_index.summaries(actor=actor, partnership_ids=ids)
    exposed = exposure(actor=actor, partnership_ids=ids)  # one query for the page
    risk = {pk: found.exposure for pk, found in exposed.items()}
    if not dashboard:
        return [
            Row(p, meetings.get(p.pk), owed[p.pk], goals[p.pk], risk.get(p.pk, 0), health=index[p.pk])
            for p in page
        ]
    stages, segments = _stages(actor, ids), _latest_segments(actor, ids)
    alerted = alerts(actor=actor, page=page, standing=owed, today=today, now=now)
    return [
        Row(
            p,
            meetings.get(p.pk),
            owed[p.pk],
            goals[p.pk],
            risk.get(p.pk, 0),
            health=index[p.pk],
            stage=stages.get(p.pk, FIRST_STAGE),
            segment=segments.get(p.pk, ""),
            alerts=alerted[p.pk],
        )
        for p in page
    ]


EXPORT_CHUNK = 500  # partnerships whose figures are read together when exporting


def all_rows(*, actor: User, partnerships: Iterable[Partnership]) -> Iterator[Row]:
    """Rows for a whole filtered list (the export): the figures read a chunk at a time, so the
    queries grow with the number of chunks, never with the number of partnerships one by one."""
    for chunk in batched(partnerships, EXPORT_CHUNK):
        yield from rows(actor=actor, partnerships=chunk)
