"""The index's sources, read set-based for many partnerships and every reader at once.

One query per kind of source (goals, commitments, scorecards and their values, risks, meetings),
whatever the number of partnerships: rows are grouped by partnership, owner and visibility, and
each reader organisation then keeps only what it may read (access.policy.organisation_reads) —
so the buyer's internal records never feed the supplier's index, nor the other way round.

Read with the unscoped managers: this is the services' side (the index is computed for an
organisation, not for a person); nothing here is shown before the reader's own rows are chosen.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum

from concord.access.linking import may_link_from
from concord.access.models import Party
from concord.access.policy import organisation_reads
from concord.commitments.models import Commitment
from concord.commitments.status import Status, due_q, state_q
from concord.goals.models import Goal
from concord.health import index
from concord.health.index import Component
from concord.meetings.models import Meeting, MeetingStatus
from concord.meetings.selectors import CHECK_INS, REVIEWS
from concord.partnerships.models import Partnership
from concord.reviews.selectors import survey_health
from concord.risks.models import LIVE, Risk
from concord.risks.scoring import exposure
from concord.scorecards import compute
from concord.scorecards.models import Scorecard
from concord.scorecards.services import current_definition

CADENCE_WINDOW = 365  # days of meetings the cadence is judged over

Pair = tuple[int, int]  # (partnership id, reader organisation id)


@dataclass
class Rows:
    """Light rows of one source: (partnership, owner, visibility, *figures)."""

    rows: list[tuple[Any, ...]]

    def readable(self, partnership_id: int, organisation_id: int) -> list[tuple[Any, ...]]:
        return [
            r
            for r in self.by_partnership.get(partnership_id, [])
            if organisation_reads(organisation_id=organisation_id, owner_id=r[1], visibility=r[2])
        ]

    def __post_init__(self) -> None:
        self.by_partnership: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for r in self.rows:
            self.by_partnership[r[0]].append(r)


def parties(partnership_ids: list[int]) -> list[Pair]:
    """Every (partnership, party organisation): the readers an index is computed for."""
    rows = Party.unscoped.filter(partnership_id__in=partnership_ids).order_by("partnership_id", "pk")
    return list(rows.values_list("partnership_id", "organisation_id"))


def _goals(ids: list[int]) -> Rows:
    rows = (
        Goal.unscoped.filter(partnership_id__in=ids)
        .values_list("partnership_id", "owner_id", "visibility", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Rows(list(rows))


def _commitments(ids: list[int], today: datetime.date) -> Rows:
    due = due_q(today)
    rows = (
        Commitment.unscoped.filter(partnership_id__in=ids)
        .filter(due)
        .values_list("partnership_id", "owner_id", "visibility")
        .annotate(due=Count("pk"), on_time=Count("pk", filter=state_q(Status.KEPT_ON_TIME, today)))
        .order_by()
    )
    return Rows(list(rows))


def _risks(ids: list[int]) -> Rows:
    live = Q(status__in=LIVE)
    rows = (
        Risk.unscoped.filter(partnership_id__in=ids)
        .values_list("partnership_id", "owner_id", "visibility")
        .annotate(total=Sum("score", filter=live), recorded=Count("pk"))
        .order_by()
    )
    return Rows(list(rows))


def _scorecards(ids: list[int], today: datetime.date) -> Rows:
    """Each scorecard's overall score (reader-independent: a card reads only the goals every
    reader of the card may read, the linking rule): three queries plus one per period kind."""
    cards = list(Scorecard.unscoped.filter(partnership_id__in=ids).order_by("pk"))
    goals = Goal.unscoped.filter(partnership_id__in={c.partnership_id for c in cards})
    usable: dict[int, set[int]] = {c.pk: set() for c in cards}
    by_partnership: dict[int, list[Scorecard]] = defaultdict(list)
    for card in cards:
        by_partnership[card.partnership_id].append(card)
    for goal in goals.only("pk", "partnership_id", "visibility", "owner_id"):
        for card in by_partnership[goal.partnership_id]:
            if may_link_from(card, goal):
                usable[card.pk].add(goal.pk)
    items = []
    for card in cards:
        definition = current_definition(card, usable[card.pk])
        if definition is not None:
            items.append((card.pk, definition))
    results = compute.score_many(items, today)
    return Rows(
        [
            (c.partnership_id, c.owner_id, c.visibility, results[c.pk].overall)
            for c in cards
            if c.pk in results
        ]
    )


def _cadence(ids: list[int], today: datetime.date) -> dict[int, float | None]:
    """Adherence to the agreed rhythm of joint meetings (shared ones: the rhythm is shared, so
    both readers see the same figure), over the last year or the partnership's life."""
    since = today - datetime.timedelta(days=CADENCE_WINDOW)
    held = (
        Meeting.unscoped.filter(
            partnership_id__in=ids,
            visibility="shared",
            starts_at__date__gt=since,
            starts_at__date__lte=today,
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("partnership_id")
        .annotate(
            check_ins=Count("pk", filter=Q(kind__in=CHECK_INS)),
            reviews=Count("pk", filter=Q(kind__in=REVIEWS)),
        )
        .order_by()
    )
    counts = {pid: (c, r) for pid, c, r in held}
    found: dict[int, float | None] = {}
    fields = ("pk", "start_date", "created_at", "check_in_every_days", "review_every_days")
    for pk, start, created, check_in, review in Partnership.unscoped.filter(pk__in=ids).values_list(*fields):
        started = start or created.date()
        window = min(CADENCE_WINDOW, (today - started).days)
        c, r = counts.get(pk, (0, 0))
        found[pk] = index.cadence_adherence([(c, check_in), (r, review)], window)
    return found


def _survey_scores(partnership_ids: list[int]) -> dict[int, float]:
    """The relationship survey's score per partnership (0–100) from its latest closed round;
    absent where either side stayed under the round's threshold. A closed round's results are
    joint (both sides read them), so every reader's index takes the same figure."""
    return {pid: found.score for pid, found in survey_health(partnership_ids).items()}


def components(pairs: Iterable[Pair], today: datetime.date) -> dict[Pair, dict[str, float | None]]:
    """Each (partnership, reader)'s component scores from what that reader may read."""
    pairs = list(pairs)
    ids = sorted({p for p, _ in pairs})
    goals, commitments, risks = _goals(ids), _commitments(ids, today), _risks(ids)
    cards, cadence, survey = _scorecards(ids, today), _cadence(ids, today), _survey_scores(ids)
    found: dict[Pair, dict[str, float | None]] = {}
    for pid, org in pairs:
        statuses: dict[str, int] = defaultdict(int)
        for r in goals.readable(pid, org):
            statuses[r[3]] += r[4]
        sides: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for r in commitments.readable(pid, org):
            sides[r[1]][0] += r[3]
            sides[r[1]][1] += r[4]
        mine = risks.readable(pid, org)
        found[(pid, org)] = {
            Component.GOALS.value: index.goal_attainment(statuses),
            Component.SCORECARDS.value: index.mean([r[3] for r in cards.readable(pid, org)]),
            Component.RELIABILITY.value: index.mean([index.on_time_share(d, t) for d, t in sides.values()]),
            Component.SURVEY.value: survey.get(pid),
            Component.RISK.value: index.risk_component(
                exposure(sum(r[3] or 0 for r in mine)), sum(r[4] for r in mine)
            ),
            Component.CADENCE.value: cadence.get(pid),
        }
    return found
