"""API: demands and their yes / no / maybe answers, the commitment ledger with both sides'
reliability, and the wins feed."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status

from concord.audit.selectors import history_for
from concord.commitments import plans, selectors, services
from concord.commitments.filters import CommitmentFilter, DemandFilter, PlanFilter, WinFilter
from concord.commitments.models import AnswerKind, CommitmentSource, DemandStatus, Priority
from concord.commitments.status import WINDOW_DAYS, status
from concord.core import filtering
from concord.core.api import MAX_ID, AuditEventOut, Version, responses
from concord.core.paging import Paged, PageParams, page
from concord.partnerships.selectors import partnership_get

router = Router(tags=["demands and commitments"])
Id = Path(..., ge=1, le=MAX_ID)
Text = Field(min_length=1, max_length=10_000)


class AnswerOut(Schema):
    id: int
    kind: AnswerKind
    organisation: str = Field(alias="organisation.name")
    rationale: str
    promised_on: date | None
    conditions: str
    follow_up_on: date | None
    alternative: str
    answered_by: str | None
    created_at: datetime
    commitment_id: int | None

    @staticmethod
    def resolve_answered_by(obj: Any) -> str | None:
        return obj.answered_by.get_full_name() if obj.answered_by else None

    @staticmethod
    def resolve_commitment_id(obj: Any) -> int | None:
        commitment = getattr(obj, "commitment", None)
        return commitment.pk if commitment else None


class DemandOut(Schema):
    id: int
    partnership_id: int
    from_organisation: str
    to_organisation: str
    title: str
    description: str
    priority: Priority
    needed_by: date | None
    status: DemandStatus
    created_at: datetime
    age_days: int
    response_hours: float | None = Field(description="Hours from raising to the first answer.")
    follow_up_overdue: bool = Field(description="A maybe whose promised follow-up date has passed.")
    answers: list[AnswerOut]
    version: int


def _demand_out(view: selectors.DemandView) -> dict[str, Any]:
    d = view.demand
    return {
        **{
            k: getattr(d, k)
            for k in ("id", "partnership_id", "title", "description", "priority", "needed_by")
        },
        **{k: getattr(d, k) for k in ("status", "created_at", "version")},
        "from_organisation": d.owner.name,
        "to_organisation": d.to_org.name,
        "age_days": view.age_days,
        "response_hours": view.response_hours,
        "follow_up_overdue": view.follow_up_overdue,
        "answers": view.answers,
    }


class DemandIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10_000)
    priority: Priority = Priority.NORMAL
    needed_by: date | None = None
    to_org_id: int | None = Field(None, ge=1, le=MAX_ID, description="Needed only with several partners.")


class AnswerIn(Schema):
    version: Version
    kind: AnswerKind
    rationale: str = Text
    promised_on: date | None = Field(None, description="Yes: the date you commit to.")
    conditions: str = Field("", max_length=10_000, description="Maybe: what it depends on.")
    follow_up_on: date | None = Field(None, description="Maybe: when you come back with an answer.")
    alternative: str = Field("", max_length=10_000, description="No: what you can offer instead.")


class VersionIn(Schema):
    version: Version


class DemandFilters(filtering.query_schema(DemandFilter)):  # type: ignore[misc]
    """The demands' filters (filters.DemandFilter); `direction` is relative to your organisation."""


@router.get(
    "/partnerships/{partnership_id}/demands",
    response=responses(200, Paged[DemandOut], 404),
    summary="Demands both ways, newest first, with their answers, age and response time",
)
def demand_list(
    request: HttpRequest,
    filters: Query[DemandFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        DemandFilter, filters, selectors.demand_list(actor=request.user, partnership=partnership)
    )
    answer = page(found.qs, paging)
    answer["results"] = [_demand_out(v) for v in selectors.described(answer["results"])]
    return answer


@router.post(
    "/partnerships/{partnership_id}/demands",
    response=responses(201, DemandOut, 403, 404),
    summary="Raise a demand to the other side",
)
def demand_raise(request: HttpRequest, payload: DemandIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    raised = services.demand_raise(actor=request.user, partnership=partnership, **payload.dict())
    return Status(
        201, _demand_out(selectors.describe(selectors.demand_get(actor=request.user, pk=raised.pk).obj))
    )


@router.get(
    "/demands/{demand_id}", response=responses(200, DemandOut, 404), summary="A demand and its answers"
)
def demand_get(request: HttpRequest, demand_id: int = Id) -> Any:
    return _demand_out(selectors.describe(selectors.demand_get(actor=request.user, pk=demand_id).obj))


@router.post(
    "/demands/{demand_id}/answers",
    response=responses(201, DemandOut, 403, 404, 409),
    summary="Answer yes (creates a commitment), no or maybe — always with a rationale",
)
def demand_answer(request: HttpRequest, payload: AnswerIn, demand_id: int = Id) -> Any:
    demand = selectors.demand_get(actor=request.user, pk=demand_id).obj
    data = payload.dict()
    services.demand_answer(actor=request.user, demand=demand, version=data.pop("version"), **data)
    return Status(
        201, _demand_out(selectors.describe(selectors.demand_get(actor=request.user, pk=demand_id).obj))
    )


@router.post(
    "/demands/{demand_id}/withdraw",
    response=responses(200, DemandOut, 403, 404, 409),
    summary="Withdraw your own demand while it is open or a maybe",
)
def demand_withdraw(request: HttpRequest, payload: VersionIn, demand_id: int = Id) -> Any:
    demand = selectors.demand_get(actor=request.user, pk=demand_id).obj
    services.demand_withdraw(actor=request.user, demand=demand, version=payload.version)
    return _demand_out(selectors.describe(selectors.demand_get(actor=request.user, pk=demand_id).obj))


@router.get(
    "/demands/{demand_id}/history", response=responses(200, Paged[AuditEventOut], 404), summary="History"
)
def demand_history(request: HttpRequest, paging: Query[PageParams], demand_id: int = Id) -> Any:
    return page(
        history_for(actor=request.user, instance=selectors.demand_get(actor=request.user, pk=demand_id).obj),
        paging,
    )


class RenegotiationOut(Schema):
    from_date: date
    to_date: date
    reason: str
    recorded_by: str | None
    created_at: datetime

    @staticmethod
    def resolve_recorded_by(obj: Any) -> str | None:
        return obj.recorded_by.get_full_name() if obj.recorded_by else None


class LearningOut(Schema):
    id: int
    what_happened: str
    what_we_change: str
    written_by: str | None
    created_at: datetime

    @staticmethod
    def resolve_written_by(obj: Any) -> str | None:
        return obj.written_by.get_full_name() if obj.written_by else None


class CommitmentOut(Schema):
    id: int
    partnership_id: int
    organisation_id: int = Field(alias="owner_id", description="The organisation that promised.")
    organisation: str = Field(alias="owner.name")
    owner_person: str | None
    title: str
    description: str
    source: CommitmentSource
    demand_id: int | None
    promised_on: date = Field(description="The date first promised; it never changes.")
    due_on: date = Field(description="The date agreed now (after renegotiations).")
    delivered_on: date | None
    given_up_on: date | None
    status: str
    renegotiations: list[RenegotiationOut]
    learnings: list[LearningOut]
    version: int

    @staticmethod
    def resolve_owner_person(obj: Any) -> str | None:
        return obj.owner_person.get_full_name() if obj.owner_person else None

    @staticmethod
    def resolve_demand_id(obj: Any) -> int | None:
        return obj.answer.demand_id if obj.answer else None

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return status(obj, timezone.localdate()).value

    @staticmethod
    def resolve_renegotiations(obj: Any) -> list[Any]:
        return list(obj.renegotiations.all())

    @staticmethod
    def resolve_learnings(obj: Any) -> list[Any]:
        return list(obj.learnings.all())


class ReliabilityOut(Schema):
    organisation_id: int
    organisation: str
    window_days: int
    index: float | None = Field(description="Percent kept on time of the commitments due; null: none due.")
    on_time: int
    due: int = Field(description="Commitments counted: list them with ?owner={organisation_id}&counted=true.")


class LedgerPage(Paged[CommitmentOut]):
    """A page of the ledger, with each side's reliability over the whole window (not the page)."""

    reliability: list[ReliabilityOut]


class CommitmentFilters(filtering.query_schema(CommitmentFilter)):  # type: ignore[misc]
    """The ledger's filters (filters.CommitmentFilter); `counted` uses the same window_days."""


class LedgerParams(Schema):
    window_days: int = Field(WINDOW_DAYS, ge=7, le=730, description="The rolling window of the index.")


@router.get(
    "/partnerships/{partnership_id}/commitments",
    response=responses(200, LedgerPage, 404),
    summary="The commitment ledger, a page at a time, and each side's reliability index",
)
def commitment_ledger(
    request: HttpRequest,
    params: Query[LedgerParams],
    filters: Query[CommitmentFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    today, window = timezone.localdate(), params.window_days
    found = filtering.apply(
        CommitmentFilter, filters, selectors.commitment_list(actor=request.user, partnership=partnership)
    )
    state, counted = filtering.cleaned(found, "state"), filtering.cleaned(found, "counted")
    rows = selectors.narrowed(found.qs, state=state, counted=counted, today=today, window_days=window)
    summary = selectors.ledger(actor=request.user, partnership=partnership, window_days=window, today=today)
    reliability = [
        {
            "organisation_id": org,
            "organisation": summary.organisations[org].name,
            "window_days": r.window_days,
            "index": r.index,
            "on_time": r.on_time,
            "due": r.due,
        }
        for org, r in summary.reliability.items()
    ]
    return {**page(rows, paging), "reliability": reliability}


class CommitmentIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10_000)
    promised_on: date
    owner_person_id: int | None = Field(None, ge=1, le=MAX_ID, description="Default: you.")


@router.post(
    "/partnerships/{partnership_id}/commitments",
    response=responses(201, CommitmentOut, 403, 404),
    summary="Give a commitment directly (not from a demand)",
)
def commitment_give(request: HttpRequest, payload: CommitmentIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    given = services.commitment_give(actor=request.user, partnership=partnership, **payload.dict())
    return Status(201, selectors.commitment_get(actor=request.user, pk=given.pk).obj)


@router.get(
    "/commitments/{commitment_id}", response=responses(200, CommitmentOut, 404), summary="A commitment"
)
def commitment_get(request: HttpRequest, commitment_id: int = Id) -> Any:
    return selectors.commitment_get(actor=request.user, pk=commitment_id).obj


class DeliverIn(Schema):
    version: Version
    delivered_on: date | None = Field(None, description="Default today.")


class RenegotiateIn(Schema):
    version: Version
    to_date: date
    reason: str = Text


class GiveUpIn(Schema):
    version: Version
    reason: str = Text


class LearningIn(Schema):
    what_happened: str = Text
    what_we_change: str = Text


def _commitment_action(request: HttpRequest, commitment_id: int, run: Any, **data: Any) -> Any:
    commitment = selectors.commitment_get(actor=request.user, pk=commitment_id).obj
    run(actor=request.user, commitment=commitment, **data)
    return selectors.commitment_get(actor=request.user, pk=commitment_id).obj


@router.post(
    "/commitments/{commitment_id}/deliver",
    response=responses(200, CommitmentOut, 403, 404, 409),
    summary="Mark delivered",
)
def commitment_deliver(request: HttpRequest, payload: DeliverIn, commitment_id: int = Id) -> Any:
    return _commitment_action(request, commitment_id, services.commitment_deliver, **payload.dict())


@router.post(
    "/commitments/{commitment_id}/renegotiate",
    response=responses(200, CommitmentOut, 403, 404, 409),
    summary="Record a new date with its reason (the promised date stays)",
)
def commitment_renegotiate(request: HttpRequest, payload: RenegotiateIn, commitment_id: int = Id) -> Any:
    return _commitment_action(request, commitment_id, services.commitment_renegotiate, **payload.dict())


@router.post(
    "/commitments/{commitment_id}/give-up",
    response=responses(200, CommitmentOut, 403, 404, 409),
    summary="Say openly that it cannot be delivered",
)
def commitment_give_up(request: HttpRequest, payload: GiveUpIn, commitment_id: int = Id) -> Any:
    return _commitment_action(request, commitment_id, services.commitment_give_up, **payload.dict())


@router.post(
    "/commitments/{commitment_id}/learnings",
    response=responses(201, CommitmentOut, 403, 404, 409),
    summary="A blameless note on a miss: what happened, what we change",
)
def commitment_learning(request: HttpRequest, payload: LearningIn, commitment_id: int = Id) -> Any:
    return Status(201, _commitment_action(request, commitment_id, services.learning_add, **payload.dict()))


@router.get(
    "/commitments/{commitment_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="History",
)
def commitment_history(request: HttpRequest, paging: Query[PageParams], commitment_id: int = Id) -> Any:
    return page(
        history_for(
            actor=request.user, instance=selectors.commitment_get(actor=request.user, pk=commitment_id).obj
        ),
        paging,
    )


class WinOut(Schema):
    id: int
    kind: str
    organisation: str = Field(alias="owner.name")
    occurred_on: date
    text: str
    goal_id: int | None
    commitment_id: int | None


class KudosIn(Schema):
    text: str = Field(min_length=1, max_length=300)


class WinFilters(filtering.query_schema(WinFilter)):  # type: ignore[misc]
    """The wins feed's filters (filters.WinFilter)."""


@router.get(
    "/partnerships/{partnership_id}/wins",
    response=responses(200, Paged[WinOut], 404),
    summary="Wins feed, newest first",
)
def win_list(
    request: HttpRequest, filters: Query[WinFilters], paging: Query[PageParams], partnership_id: int = Id
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(WinFilter, filters, selectors.wins(actor=request.user, partnership=partnership))
    return page(found.qs, paging)


@router.post(
    "/partnerships/{partnership_id}/wins",
    response=responses(201, WinOut, 403, 404),
    summary="Give kudos to the other side",
)
def kudos_give(request: HttpRequest, payload: KudosIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return Status(201, services.kudos_give(actor=request.user, partnership=partnership, text=payload.text))


class PlanItemOut(Schema):
    commitment_id: int
    title: str
    notes: str
    organisation: str
    owner_person: str | None
    promised_on: date
    due_on: date
    status: str


class PlanReviewOut(Schema):
    reviewed_by: str | None
    created_at: datetime
    note: str
    changes: list[str]


class PlanOut(Schema):
    id: int
    partnership_id: int
    owner: str
    visibility: str
    title: str
    review_every_days: int
    last_reviewed_at: datetime | None
    stale: bool = Field(description="Not reviewed within its cadence.")
    goal_ids: list[int]
    items: list[PlanItemOut]
    version: int


def _plan_out(view: selectors.PlanView, reviews: bool = False) -> dict[str, Any]:
    plan, today = view.plan, timezone.localdate()
    out = {
        **{k: getattr(plan, k) for k in ("id", "partnership_id", "visibility", "title", "review_every_days")},
        **{k: getattr(plan, k) for k in ("last_reviewed_at", "version")},
        "owner": plan.owner.name,
        "stale": view.stale,
        "goal_ids": [g.pk for g in plan.goals.all()],
        "items": [
            {
                "commitment_id": c.pk,
                "title": c.title,
                "notes": c.description,
                "organisation": c.owner.name,
                "owner_person": c.owner_person.get_full_name() if c.owner_person else None,
                "promised_on": c.promised_on,
                "due_on": c.due_on,
                "status": status(c, today).value,
            }
            for c in plan.items.all()
        ],
    }
    if reviews:
        out["reviews"] = [
            {
                "reviewed_by": r.reviewed_by.get_full_name() if r.reviewed_by else None,
                "created_at": r.created_at,
                "note": r.note,
                "changes": r.changes,
            }
            for r in plan.reviews.all()
        ]
    return out


class PlanDetailOut(PlanOut):
    reviews: list[PlanReviewOut]


class PlanIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    review_every_days: int = Field(14, ge=1, le=366)
    visibility: str = Field("shared", pattern="^(shared|internal)$")
    goal_ids: list[int] = Field(default_factory=list, max_length=50)


class PlanItemIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    promised_on: date
    owner_person_id: int = Field(ge=1, le=MAX_ID)
    notes: str = Field("", max_length=10_000)


class ReviewIn(Schema):
    version: Version
    note: str = Field("", max_length=10_000)


class PlanFilters(filtering.query_schema(PlanFilter)):  # type: ignore[misc]
    """The action plans' filters (filters.PlanFilter)."""


@router.get(
    "/partnerships/{partnership_id}/plans",
    response=responses(200, Paged[PlanOut], 404),
    summary="Action plans by title, with their items and stale flag",
)
def plan_list(
    request: HttpRequest, filters: Query[PlanFilters], paging: Query[PageParams], partnership_id: int = Id
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        PlanFilter, filters, selectors.plan_list(actor=request.user, partnership=partnership)
    )
    answer = page(selectors.stale_only(found.qs, filtering.cleaned(found, "stale")), paging)
    answer["results"] = [_plan_out(v) for v in selectors.plan_views(answer["results"])]
    return answer


@router.post(
    "/partnerships/{partnership_id}/plans",
    response=responses(201, PlanDetailOut, 403, 404),
    summary="Start an action plan",
)
def plan_create(request: HttpRequest, payload: PlanIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    plan = plans.plan_create(actor=request.user, partnership=partnership, **payload.dict())
    return Status(201, _plan_out(selectors.plan_get(actor=request.user, pk=plan.pk), reviews=True))


@router.get(
    "/plans/{plan_id}", response=responses(200, PlanDetailOut, 404), summary="A plan with its reviews"
)
def plan_get(request: HttpRequest, plan_id: int = Id) -> Any:
    return _plan_out(selectors.plan_get(actor=request.user, pk=plan_id), reviews=True)


@router.post(
    "/plans/{plan_id}/items",
    response=responses(201, PlanDetailOut, 403, 404),
    summary="Add an item (a commitment of its owner's organisation)",
)
def plan_item_add(request: HttpRequest, payload: PlanItemIn, plan_id: int = Id) -> Any:
    plan = selectors.plan_get(actor=request.user, pk=plan_id).plan
    plans.item_add(actor=request.user, plan=plan, **payload.dict())
    return Status(201, _plan_out(selectors.plan_get(actor=request.user, pk=plan_id), reviews=True))


@router.post(
    "/plans/{plan_id}/reviews",
    response=responses(201, PlanDetailOut, 403, 404, 409),
    summary="Record a review: who, a note, and what changed since the last one",
)
def plan_review(request: HttpRequest, payload: ReviewIn, plan_id: int = Id) -> Any:
    plan = selectors.plan_get(actor=request.user, pk=plan_id).plan
    plans.plan_review(actor=request.user, plan=plan, version=payload.version, note=payload.note)
    return Status(201, _plan_out(selectors.plan_get(actor=request.user, pk=plan_id), reviews=True))


@router.get(
    "/plans/{plan_id}/history",
    response=responses(200, Paged[AuditEventOut], 404),
    summary="History of a plan",
)
def plan_history(request: HttpRequest, paging: Query[PageParams], plan_id: int = Id) -> Any:
    return page(
        history_for(actor=request.user, instance=selectors.plan_get(actor=request.user, pk=plan_id).plan),
        paging,
    )
