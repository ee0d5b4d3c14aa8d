"""The API's bodies and answers for demands, the commitment ledger, wins and action plans. Inputs
are generated from the pages' forms (core.inputs), filters from the lists' FilterSets
(core.filtering)."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from ninja import Field, Schema

from concord.commitments import selectors
from concord.commitments.filters import CommitmentFilter, DemandFilter, PlanFilter, WinFilter
from concord.commitments.forms import (
    AnswerForm,
    CommitmentForm,
    DeliverForm,
    DemandForm,
    GiveUpForm,
    KudosForm,
    PlanForm,
    PlanItemForm,
    RenegotiateForm,
    ReviewForm,
)
from concord.commitments.models import AnswerKind, CommitmentSource, DemandStatus, Priority
from concord.commitments.status import WINDOW_DAYS, status
from concord.core import filtering, inputs
from concord.core.forms import VersionForm
from concord.core.paging import Paged
from concord.lessons.schemas import LessonOut

# ---- bodies: the pages' forms ---------------------------------------------------------------------


class DemandIn(inputs.input_schema(DemandForm, name="DemandIn")):  # type: ignore[misc]
    """Raise a demand (forms.DemandForm)."""


class AnswerIn(inputs.input_schema(AnswerForm, name="AnswerIn")):  # type: ignore[misc]
    """Answer a demand (forms.AnswerForm): a yes with its date, a maybe with what it depends on
    and when, a no perhaps with an alternative — always with a rationale."""


class VersionIn(inputs.input_schema(VersionForm, name="VersionIn")):  # type: ignore[misc]
    """Act on the version you have (core.forms.VersionForm)."""


class CommitmentIn(inputs.input_schema(CommitmentForm, name="CommitmentIn")):  # type: ignore[misc]
    """Give a commitment directly (forms.CommitmentForm)."""


class DeliverIn(inputs.input_schema(DeliverForm, name="DeliverIn")):  # type: ignore[misc]
    """Mark delivered (forms.DeliverForm)."""


class RenegotiateIn(inputs.input_schema(RenegotiateForm, name="RenegotiateIn")):  # type: ignore[misc]
    """Record a new date and why (forms.RenegotiateForm)."""


class GiveUpIn(inputs.input_schema(GiveUpForm, name="GiveUpIn")):  # type: ignore[misc]
    """Say why it cannot be delivered (forms.GiveUpForm)."""


class KudosIn(inputs.input_schema(KudosForm, name="KudosIn")):  # type: ignore[misc]
    """Thank the other side (forms.KudosForm)."""


class PlanIn(inputs.input_schema(PlanForm, name="PlanIn")):  # type: ignore[misc]
    """Start an action plan (forms.PlanForm)."""


class PlanItemIn(inputs.input_schema(PlanItemForm, name="PlanItemIn")):  # type: ignore[misc]
    """Add an item to a plan (forms.PlanItemForm)."""


class ReviewIn(inputs.input_schema(ReviewForm, name="ReviewIn")):  # type: ignore[misc]
    """Record a review of a plan (forms.ReviewForm)."""


# ---- filters: the lists' FilterSets ---------------------------------------------------------------


class DemandFilters(filtering.query_schema(DemandFilter)):  # type: ignore[misc]
    """The demands' filters (filters.DemandFilter); `direction` is relative to your organisation."""


class CommitmentFilters(filtering.query_schema(CommitmentFilter)):  # type: ignore[misc]
    """The ledger's filters (filters.CommitmentFilter); `counted` uses the same window_days."""


class WinFilters(filtering.query_schema(WinFilter)):  # type: ignore[misc]
    """The wins feed's filters (filters.WinFilter)."""


class PlanFilters(filtering.query_schema(PlanFilter)):  # type: ignore[misc]
    """The action plans' filters (filters.PlanFilter)."""


class LedgerParams(Schema):
    window_days: int = Field(WINDOW_DAYS, ge=7, le=730, description="The rolling window of the index.")


# ---- answers --------------------------------------------------------------------------------------


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


def demand_out(view: selectors.DemandView) -> dict[str, Any]:
    """A demand as DemandOut, from its view (selectors.describe)."""
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


class RenegotiationOut(Schema):
    from_date: date
    to_date: date
    reason: str
    recorded_by: str | None
    created_at: datetime

    @staticmethod
    def resolve_recorded_by(obj: Any) -> str | None:
        return obj.recorded_by.get_full_name() if obj.recorded_by else None


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
    lessons: list[LessonOut] = Field(description="The lessons it carries that you may read.")
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
    def resolve_lessons(obj: Any) -> list[Any]:
        return getattr(obj, "lessons", [])  # selectors.commitment_detail reads them in the reader's scope


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


def reliability_out(summary: selectors.Ledger) -> list[dict[str, Any]]:
    """Each side's reliability as ReliabilityOut."""
    return [
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


class WinOut(Schema):
    id: int
    kind: str
    organisation: str = Field(alias="owner.name")
    occurred_on: date
    text: str
    goal_id: int | None
    commitment_id: int | None


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


class PlanDetailOut(PlanOut):
    reviews: list[PlanReviewOut]


def plan_out(view: selectors.PlanView, reviews: bool = False) -> dict[str, Any]:
    """A plan as PlanOut (with `reviews`: PlanDetailOut)."""
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
