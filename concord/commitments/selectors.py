"""Reads of demands, commitments, reliability and wins inside the actor's reach (set-based).

Lists are querysets in a stable order (their last key is the primary key), filtered by the app's
filters.py and read a page at a time; what summarises a whole list (the demands waiting, response
times, each side's reliability) is counted in the database over every row, never from a page.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from concord.access.models import Party
from concord.access.policy import (
    Found,
    acting_organisation,
    get_for,
    other_side,
    own_party_orgs,
    person_reads,
    require,
)
from concord.access.roles import Action
from concord.accounts.models import User
from concord.commitments.models import ActionPlan, Answer, Commitment, Demand, DemandStatus, PlanReview
from concord.commitments.status import WINDOW_DAYS, Status, due_q, stale, state_q, status
from concord.goals.models import SuccessEvent
from concord.lessons.models import CarrierKind
from concord.lessons.selectors import carried_by
from concord.partnerships.models import Partnership
from concord.partnerships.selectors import colleagues

WAITING_SHOWN = 10  # the oldest demands the "waiting" box lists; it counts all of them


def _demands(actor: User) -> QuerySet[Demand]:
    answers = Answer.objects.restrict(actor).select_related("answered_by", "organisation", "commitment")
    return (
        Demand.objects.restrict(actor)
        .select_related("owner", "to_org", "created_by")
        .prefetch_related(Prefetch("answers", queryset=answers))
    )


@dataclass(frozen=True)
class DemandView:
    demand: Demand
    answers: list[Answer]
    age_days: int
    response_hours: float | None
    follow_up_overdue: bool

    @property
    def latest(self) -> Answer | None:
        return self.answers[-1] if self.answers else None


def describe(demand: Demand, today: datetime.date | None = None) -> DemandView:
    today = today or timezone.localdate()
    answers = list(demand.answers.all())
    latest = answers[-1] if answers else None
    response = None
    if demand.first_answered_at is not None:
        response = _hours(demand.first_answered_at - demand.created_at)
    overdue = bool(
        demand.status == DemandStatus.MAYBE and latest and latest.follow_up_on and latest.follow_up_on < today
    )
    return DemandView(demand, answers, (today - demand.created_at.date()).days, response, overdue)


def described(demands: Iterable[Demand]) -> list[DemandView]:
    """The views of the demands of one page (their answers come with them)."""
    today = timezone.localdate()
    return [describe(d, today) for d in demands]


def _hours(took: datetime.timedelta) -> float:
    return round(took.total_seconds() / 3600, 1)


def demand_list(*, actor: User, partnership: Partnership) -> QuerySet[Demand]:
    """The demands of a partnership both ways, newest first, each marked `raised_by_us` and
    `asked_of_us` for the reader (filters.DemandFilter's direction reads these)."""
    require(actor, Action.VIEW, partnership)
    ours = own_party_orgs(actor, partnership)
    return (
        _demands(actor)
        .filter(partnership=partnership)
        .annotate(
            raised_by_us=ExpressionWrapper(Q(owner_id__in=ours), output_field=BooleanField()),
            asked_of_us=ExpressionWrapper(Q(to_org_id__in=ours), output_field=BooleanField()),
        )
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class Waiting:
    oldest: list[DemandView]  # the first WAITING_SHOWN of them
    count: int


def waiting(*, actor: User, partnership: Partnership, today: datetime.date | None = None) -> Waiting:
    """Unanswered demands and maybes past their follow-up date, oldest first: what both sides chase.
    Counted over every demand of the partnership (two queries and the answers of the few shown)."""
    require(actor, Action.VIEW, partnership)
    today = today or timezone.localdate()
    latest = Answer.objects.restrict(actor).filter(demand=OuterRef("pk")).order_by("-created_at", "-pk")
    found = (
        _demands(actor)
        .filter(partnership=partnership)
        .annotate(follow_up=Subquery(latest.values("follow_up_on")[:1]))
        .filter(Q(status=DemandStatus.OPEN) | Q(status=DemandStatus.MAYBE, follow_up__lt=today))
        .order_by("created_at", "pk")
    )
    return Waiting(described(found[:WAITING_SHOWN]), found.count())


def response_times(*, actor: User, partnership: Partnership) -> dict[int, float]:
    """Median hours to the first answer per answering organisation, over every answered demand of
    the partnership. The database ranks each organisation's response times and returns only the
    middle one (odd count) or two (even count): one query, two rows per organisation at most."""
    require(actor, Action.VIEW, partnership)
    took = ExpressionWrapper(F("first_answered_at") - F("created_at"), output_field=DurationField())
    by_org = [F("to_org_id")]
    middle = (
        Demand.objects.restrict(actor)
        .filter(partnership=partnership, first_answered_at__isnull=False)
        .annotate(took=took)
        .annotate(
            rank=Window(RowNumber(), partition_by=by_org, order_by=[F("took").asc(), F("pk").asc()]),
            answered=Window(Count("pk"), partition_by=by_org),
        )
        .filter(Q(rank=(F("answered") + 1) / 2) | Q(rank=F("answered") / 2 + 1))
        .order_by()
    )
    hours: dict[int, list[float]] = {}
    for org, spent in middle.values_list("to_org_id", "took"):
        hours.setdefault(org, []).append(_hours(spent))
    return {org: round(sum(pair) / len(pair), 1) for org, pair in hours.items()}


def recipients(*, actor: User, partnership: Partnership) -> list[tuple[int, str]]:
    """The organisations a demand of the actor's side may be addressed to (the other side), as
    choices of forms.DemandForm."""
    mine = acting_organisation(actor, partnership)
    if mine is None:
        return []
    others = set(other_side(partnership, mine))
    parties = partnership.parties.select_related("organisation").order_by("organisation__name", "pk")
    return [(p.organisation_id, p.organisation.name) for p in parties if p.organisation_id in others]


def demand_get(*, actor: User, pk: int) -> Found[Demand]:
    return get_for(actor, _demands(actor).select_related("partnership"), pk=pk)


def _commitments(actor: User) -> QuerySet[Commitment]:
    # The renegotiations are prefetched in the actor's scope (it follows the commitments).
    return (
        Commitment.objects.restrict(actor)
        .select_related("owner", "owner_person", "answer__demand")
        .prefetch_related("renegotiations__recorded_by")
    )


def commitment_list(*, actor: User, partnership: Partnership) -> QuerySet[Commitment]:
    """The ledger: open items first (not delivered, not given up: open, renegotiated or overdue),
    then the settled ones, each by the date now agreed (filters.CommitmentFilter, whose `sort`
    chooses another order; its computed filters through `narrowed`), read a page at a time."""
    require(actor, Action.VIEW, partnership)
    settled = Case(
        When(delivered_on__isnull=True, given_up_on__isnull=True, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return _commitments(actor).filter(partnership=partnership).order_by(settled, "due_on", "pk")


def narrowed(
    commitments: QuerySet[Commitment],
    *,
    state: str | None = None,
    counted: bool | None = None,
    today: datetime.date | None = None,
    window_days: int = WINDOW_DAYS,
) -> QuerySet[Commitment]:
    """The commitments in `state` on `today`, and (`counted`) those the reliability index counts or
    (not counted) leaves out: both are computed, but as filters, so the ledger stays paged."""
    today = today or timezone.localdate()
    if state:
        commitments = commitments.filter(state_q(state, today))
    if counted is not None:
        due = due_q(today, window_days)
        commitments = commitments.filter(due) if counted else commitments.exclude(due)
    return commitments


def with_status(commitments: Iterable[Commitment]) -> list[tuple[Commitment, Status]]:
    """Each commitment of a page with its status today."""
    today = timezone.localdate()
    return [(c, status(c, today)) for c in commitments]


@dataclass(frozen=True)
class Index:
    """A party's reliability as counted by the database: the same number status.reliability()
    computes from the commitments themselves."""

    organisation_id: int
    window_days: int
    due: int
    on_time: int

    @property
    def index(self) -> float | None:
        return round(self.on_time / self.due * 100, 1) if self.due else None


@dataclass(frozen=True)
class Ledger:
    reliability: dict[int, Index]
    organisations: dict[int, Any]
    window_days: int


def ledger(
    *,
    actor: User,
    partnership: Partnership,
    window_days: int = WINDOW_DAYS,
    today: datetime.date | None = None,
) -> Ledger:
    """Each party's reliability over the whole window (not a page of the ledger): one counting
    query plus the parties, whatever the number of commitments."""
    require(actor, Action.VIEW, partnership)
    today = today or timezone.localdate()
    parties = {p.organisation_id: p.organisation for p in partnership.parties.select_related("organisation")}
    due = due_q(today, window_days)
    on_time = due & state_q(Status.KEPT_ON_TIME, today)
    counted = (
        Commitment.objects.restrict(actor)
        .filter(partnership=partnership, owner_id__in=list(parties))
        .values("owner_id")
        .annotate(due=Count("pk", filter=due), on_time=Count("pk", filter=on_time))
        .order_by()
    )
    counts: dict[int, tuple[int, int]] = {r["owner_id"]: (r["due"], r["on_time"]) for r in counted}
    found = {org: Index(org, window_days, *counts.get(org, (0, 0))) for org in parties}
    return Ledger(found, parties, window_days)


def commitment_get(*, actor: User, pk: int) -> Found[Commitment]:
    return get_for(actor, _commitments(actor).select_related("partnership"), pk=pk)


def commitment_detail(*, actor: User, pk: int) -> Found[Commitment]:
    """A commitment with the lessons it carries that the actor may read (`lessons`): one query
    more than commitment_get, for the commitment's page and the API's answer."""
    found = commitment_get(actor=actor, pk=pk)
    found.obj.lessons = carried_by(actor=actor, kind=CarrierKind.COMMITMENT, carrier_id=found.obj.pk)  # type: ignore[attr-defined]
    return found


def titles(actor: User, ids: set[int]) -> dict[int, tuple[str, str]]:
    """{id: (title, url)} of the commitments among `ids` the actor may read (lessons.carriers)."""
    rows = Commitment.objects.restrict(actor).filter(pk__in=ids).values_list("pk", "title")
    return {pk: (title, reverse("commitment", args=[pk])) for pk, title in rows}


def wins(*, actor: User, partnership: Partnership) -> QuerySet[SuccessEvent]:
    """The wins feed, newest first (filters.WinFilter)."""
    require(actor, Action.VIEW, partnership)
    return (
        SuccessEvent.objects.restrict(actor)
        .filter(partnership=partnership)
        .select_related("owner", "goal", "commitment", "created_by")
        .order_by("-occurred_on", "-pk")
    )


@dataclass(frozen=True)
class PlanView:
    plan: ActionPlan
    stale: bool


def _plans(actor: User, items: bool = True) -> QuerySet[ActionPlan]:
    plans = ActionPlan.objects.restrict(actor).prefetch_related("goals")
    if not items:
        return plans
    found = (
        Commitment.objects.restrict(actor).select_related("owner", "owner_person").order_by("due_on", "pk")
    )
    return plans.prefetch_related(Prefetch("items", queryset=found))


def plan_list(*, actor: User, partnership: Partnership) -> QuerySet[ActionPlan]:
    """Plans by title with their items and goals (filters.PlanFilter; stale through `stale_only`),
    three queries for a page whatever the number of plans."""
    require(actor, Action.VIEW, partnership)
    return _plans(actor).filter(partnership=partnership).select_related("owner").order_by("title", "pk")


def stale_only(
    plans: QuerySet[ActionPlan], wanted: bool | None, now: datetime.datetime | None = None
) -> QuerySet[ActionPlan]:
    """The plans that are (or are not) stale. Staleness is computed (plans.stale), from three small
    columns read once for the filtered plans; the list itself stays a queryset read in pages."""
    if wanted is None:
        return plans
    now = now or timezone.now()
    light = plans.select_related(None).prefetch_related(None)
    light = light.only("pk", "created_at", "last_reviewed_at", "review_every_days")
    return plans.filter(pk__in=[p.pk for p in light if stale(p, now) == wanted])


def plan_views(plans: Iterable[ActionPlan]) -> list[PlanView]:
    """Each plan of a page with its stale flag."""
    now = timezone.now()
    return [PlanView(p, stale(p, now)) for p in plans]


def plan_items(*, actor: User, plan: ActionPlan) -> QuerySet[Commitment]:
    """The items of a plan by the date now agreed (filters.PlanItemFilter), read in pages."""
    found = Commitment.objects.restrict(actor).filter(plan=plan).select_related("owner", "owner_person")
    return found.order_by("due_on", "pk")


def plan_people(*, actor: User, plan: ActionPlan) -> list[User]:
    """Who may own an item of `plan` (choices of forms.PlanItemForm): the actor's colleagues, and
    the partnership managers of the parties who may read the plan (the partner's staff list is not
    browsable)."""
    people = colleagues(actor=actor, partnership=plan.partnership)
    known = {p.pk for p in people}
    parties = Party.objects.restrict(actor).filter(partnership_id=plan.partnership_id, manager__isnull=False)
    for party in parties.select_related("manager"):
        manager = party.manager
        if manager is not None and manager.pk not in known and person_reads(manager.pk, plan):
            people.append(manager)
            known.add(manager.pk)
    return people


def plan_get(*, actor: User, pk: int, items: bool = True) -> PlanView:
    """A plan with its reviews, and its items unless the caller pages them (plan_items)."""
    reviews = Prefetch("reviews", queryset=PlanReview.objects.restrict(actor).select_related("reviewed_by"))
    plans = _plans(actor, items).select_related("partnership", "owner").prefetch_related(reviews)
    found = get_for(actor, plans, pk=pk).obj
    return PlanView(found, stale(found, timezone.now()))
