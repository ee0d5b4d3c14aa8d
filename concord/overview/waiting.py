"""What waits on a person, as queries: the sets the home page shows (overview/attention.py) and the
header's badge counts (`waiting_count`), read through the person's scope, so the other side's
internal records never count. Kept apart from the page's sections so the badge, which every page
with the header pays for, stays one counting query."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from concord.access.models import Party
from concord.access.policy import own_orgs, signatory_orgs
from concord.accounts.models import User
from concord.commitments.models import ActionPlan, Answer, Commitment, CommitmentSource, Demand, DemandStatus
from concord.commitments.status import stale
from concord.vision.models import Signature, VisionRevision

SOON_DAYS = 7  # "due within a week" (and meetings in the next week)
ACTIONS = (CommitmentSource.MEETING, CommitmentSource.PLAN)


def to_answer(actor: User, mine: set[int], today: datetime.date) -> QuerySet[Demand]:
    soon = today + datetime.timedelta(days=SOON_DAYS)
    latest = Answer.objects.restrict(actor).filter(demand=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        Demand.objects.restrict(actor)
        .filter(to_org_id__in=mine)
        .annotate(follow_up=Subquery(latest.values("follow_up_on")[:1]))
        .filter(Q(status=DemandStatus.OPEN) | Q(status=DemandStatus.MAYBE, follow_up__lte=soon))
    )


def open_soon(today: datetime.date, days: int = SOON_DAYS) -> Q:
    """Not delivered, not given up, due within `days` days or overdue."""
    return Q(
        delivered_on__isnull=True,
        given_up_on__isnull=True,
        due_on__lte=today + datetime.timedelta(days=days),
    )


def action_q(actor: User) -> Q:
    return Q(owner_person_id=actor.pk, source__in=ACTIONS)


def owed_by_us(actor: User, mine: set[int], today: datetime.date) -> QuerySet[Commitment]:
    """Everything my organisations owe soon: the "ours" section and my action items together."""
    return Commitment.objects.restrict(actor).filter(open_soon(today), owner_id__in=mine)


def stale_plans(actor: User, mine: set[int], now: datetime.datetime) -> list[tuple[Any, ...]]:
    """The stale plans my organisations own, the longest overdue first. Staleness is computed
    (status.stale) from light rows of every plan of theirs: plans are few beside commitments."""
    fields = ("pk", "title", "partnership_id", "partnership__name")
    light = ("created_at", "last_reviewed_at", "review_every_days")
    rows = ActionPlan.objects.restrict(actor).filter(owner_id__in=mine).order_by("pk")
    found = []
    for pk, title, partnership_id, name, created_at, reviewed_at, every in rows.values_list(*fields, *light):
        plan = PlanRow(created_at, reviewed_at, every)
        if stale(plan, now):
            found.append((pk, title, partnership_id, name, plan.review_due))
    return sorted(found, key=lambda p: (p[4], p[0]))


@dataclass(frozen=True)
class PlanRow:
    created_at: datetime.datetime
    last_reviewed_at: datetime.datetime | None
    review_every_days: int

    @property
    def review_due(self) -> datetime.datetime:
        since = self.last_reviewed_at or self.created_at
        return since + datetime.timedelta(days=self.review_every_days)


def signatures_awaited(actor: User) -> QuerySet[VisionRevision]:
    """The current revision of each vision that another party signed and an organisation I sign
    for (as its admin) has not: awaiting my organisation's signature."""
    signs_for = signatory_orgs(actor)
    newer = VisionRevision.objects.restrict(actor).filter(
        document=OuterRef("document"), number__gt=OuterRef("number")
    )
    signatures = Signature.objects.restrict(actor).filter(revision=OuterRef("pk"))
    ours = Party.objects.restrict(actor).filter(
        partnership=OuterRef("document__partnership"), organisation_id__in=signs_for
    )
    return (
        VisionRevision.objects.restrict(actor)
        .filter(superseded=False)
        .filter(~Exists(newer), Exists(signatures), Exists(ours))
        .exclude(Exists(signatures.filter(organisation_id__in=signs_for)))
    )


# The badge counts up to here and then says "99+": an exact count of what a large buyer's side
# owes across 10,000 partnerships read tens of thousands of rows on every page; the home page's
# sections count further (up to overview.lines.COUNT_CAP).
BADGE_CAP = 100


def waiting_count(actor: User) -> int:
    """The header's badge: the demands I answer, the commitments my side owes soon (my action
    items among them) and the signatures asked of me, up to BADGE_CAP — one counting query (the
    three sets joined with UNION ALL, read no further than the cap) whatever the number of
    partnerships or records. Stale plans are left out: their rule is computed in memory
    (status.stale), which would cost every page a second query."""
    mine = own_orgs(actor)
    if not mine:
        return 0
    today = timezone.localdate()
    sets: list[QuerySet[Any]] = [to_answer(actor, mine, today), owed_by_us(actor, mine, today)]
    if signatory_orgs(actor):
        sets.append(signatures_awaited(actor))
    first, *rest = [found.order_by().values("pk") for found in sets]
    return first.union(*rest, all=True).order_by()[:BADGE_CAP].count()
