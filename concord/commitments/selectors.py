"""Reads of demands, commitments, reliability and wins inside the actor's reach (set-based)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from concord.access.models import Party
from concord.access.policy import Found, get_for, person_reads, require
from concord.access.roles import Action
from concord.commitments.models import ActionPlan, Answer, Commitment, Demand, DemandStatus, PlanReview
from concord.commitments.plans import stale
from concord.commitments.status import WINDOW_DAYS, Reliability, Status, reliability, status
from concord.goals.models import SuccessEvent
from concord.partnerships.models import Partnership


def _demands(actor: Any) -> QuerySet[Demand]:
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
        response = round((demand.first_answered_at - demand.created_at).total_seconds() / 3600, 1)
    overdue = bool(
        demand.status == DemandStatus.MAYBE and latest and latest.follow_up_on and latest.follow_up_on < today
    )
    return DemandView(demand, answers, (today - demand.created_at.date()).days, response, overdue)


def demand_list(*, actor: Any, partnership: Partnership, status: str | None = None) -> list[DemandView]:
    require(actor, Action.VIEW, partnership)
    demands = _demands(actor).filter(partnership=partnership)
    if status in DemandStatus.values:
        demands = demands.filter(status=status)
    return [describe(d) for d in demands]


def waiting(views: list[DemandView]) -> list[DemandView]:
    """Unanswered demands and maybes past their follow-up date, oldest first: what both sides chase."""
    found = [v for v in views if v.demand.status == DemandStatus.OPEN or v.follow_up_overdue]
    return sorted(found, key=lambda v: -v.age_days)


def response_times(views: list[DemandView]) -> dict[int, float | None]:
    """Median hours to the first answer, per answering organisation."""
    hours: dict[int, list[float]] = {}
    for view in views:
        if view.response_hours is not None:
            hours.setdefault(view.demand.to_org_id, []).append(view.response_hours)
    out: dict[int, float | None] = {}
    for org, values in hours.items():
        values.sort()
        middle = len(values) // 2
        out[org] = values[middle] if len(values) % 2 else round((values[middle - 1] + values[middle]) / 2, 1)
    return out


def demand_get(*, actor: Any, pk: int) -> Found[Demand]:
    return get_for(actor, _demands(actor).select_related("partnership"), pk=pk)


def _commitments(actor: Any) -> QuerySet[Commitment]:
    # The renegotiations and learnings are prefetched in the actor's scope (it follows the commitments).
    return (
        Commitment.objects.restrict(actor)
        .select_related("owner", "owner_person", "answer__demand")
        .prefetch_related("renegotiations__recorded_by", "learnings__written_by")
    )


@dataclass(frozen=True)
class Ledger:
    commitments: list[tuple[Commitment, Status]]
    reliability: dict[int, Reliability]
    organisations: dict[int, Any]


def ledger(*, actor: Any, partnership: Partnership, window_days: int = WINDOW_DAYS) -> Ledger:
    """Every commitment of the partnership with its status, and each party's reliability (3 queries
    plus the parties, whatever the number of commitments)."""
    require(actor, Action.VIEW, partnership)
    today = timezone.localdate()
    found = list(_commitments(actor).filter(partnership=partnership))
    parties = {p.organisation_id: p.organisation for p in partnership.parties.select_related("organisation")}
    return Ledger(
        [(c, status(c, today)) for c in found],
        reliability(found, parties, today, window_days),
        parties,
    )


def commitment_get(*, actor: Any, pk: int) -> Found[Commitment]:
    return get_for(actor, _commitments(actor).select_related("partnership"), pk=pk)


def wins(*, actor: Any, partnership: Partnership) -> QuerySet[SuccessEvent]:
    require(actor, Action.VIEW, partnership)
    return (
        SuccessEvent.objects.restrict(actor)
        .filter(partnership=partnership)
        .select_related("owner", "goal", "commitment", "created_by")
    )


@dataclass(frozen=True)
class PlanView:
    plan: ActionPlan
    stale: bool


def _plans(actor: Any) -> QuerySet[ActionPlan]:
    items = Commitment.objects.restrict(actor).select_related("owner", "owner_person")
    return ActionPlan.objects.restrict(actor).prefetch_related(Prefetch("items", queryset=items), "goals")


def plan_list(*, actor: Any, partnership: Partnership) -> list[PlanView]:
    """Plans with their items and stale flag (3 queries whatever the number of plans)."""
    require(actor, Action.VIEW, partnership)
    return [PlanView(p, stale(p)) for p in _plans(actor).filter(partnership=partnership)]


def managers_who_read(*, actor: Any, plan: ActionPlan) -> list[Any]:
    """The partnership managers of the parties who may read `plan` (whom an item may be given to
    besides one's colleagues)."""
    parties = Party.objects.restrict(actor).filter(partnership_id=plan.partnership_id, manager__isnull=False)
    return [
        p.manager
        for p in parties.select_related("manager")
        if p.manager_id and person_reads(p.manager_id, plan)
    ]


def plan_get(*, actor: Any, pk: int) -> PlanView:
    reviews = Prefetch("reviews", queryset=PlanReview.objects.restrict(actor).select_related("reviewed_by"))
    plans = _plans(actor).select_related("partnership", "owner").prefetch_related(reviews)
    found = get_for(actor, plans, pk=pk).obj
    return PlanView(found, stale(found))
