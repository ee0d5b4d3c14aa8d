"""The API's bodies and answers for due diligence, segmentation, the life cycle and the exit plan.
Inputs are generated from the pages' forms (core.inputs), filters from the FilterSets."""

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from concord.core import filtering, inputs
from concord.lifecycle import expiry
from concord.lifecycle.filters import (
    DiligenceFilter,
    PortfolioFilter,
    SegmentationFilter,
    StageChangeFilter,
)
from concord.lifecycle.forms import (
    DiligenceItemEditForm,
    DiligenceItemForm,
    ExitPlanForm,
    RelationshipForm,
    SegmentationForm,
    StageMoveForm,
    WeightsForm,
)
from concord.lifecycle.stages import Stage


class DiligenceItemIn(inputs.input_schema(DiligenceItemForm, name="DiligenceItemIn")):  # type: ignore[misc]
    """Add a check or document (forms.DiligenceItemForm)."""


class DiligenceItemPatch(inputs.input_schema(DiligenceItemEditForm, name="DiligenceItemPatch", partial=True)):  # type: ignore[misc]
    """Change an item: only what is sent changes."""


class SegmentationIn(inputs.input_schema(SegmentationForm, name="SegmentationIn")):  # type: ignore[misc]
    """Score the five Kraljic factors 1–5 (forms.SegmentationForm)."""


class KraljicWeightsIn(inputs.input_schema(WeightsForm, name="KraljicWeightsIn")):  # type: ignore[misc]
    """The factor weights, 0–100 each (forms.WeightsForm); version 1 while never changed."""


class RelationshipIn(inputs.input_schema(RelationshipForm, name="RelationshipIn")):  # type: ignore[misc]
    """The relationship type and its rationale (forms.RelationshipForm)."""


class StageMoveIn(inputs.input_schema(StageMoveForm, name="StageMoveIn")):  # type: ignore[misc]
    """Move the life cycle (forms.StageMoveForm); version 1 before the first move."""


class ExitPlanIn(inputs.input_schema(ExitPlanForm, name="ExitPlanIn", partial=True)):  # type: ignore[misc]
    """Write the exit plan: only the sections sent change; version 1 before the first save."""


class DiligenceFilters(filtering.query_schema(DiligenceFilter)):  # type: ignore[misc]
    """The due-diligence list's filters."""


class SegmentationFilters(filtering.query_schema(SegmentationFilter)):  # type: ignore[misc]
    """The segmentation history's filters."""


class KraljicPortfolioFilters(filtering.query_schema(PortfolioFilter)):  # type: ignore[misc]
    """The Kraljic portfolio's filters."""


class StageChangeFilters(filtering.query_schema(StageChangeFilter)):  # type: ignore[misc]
    """The stage history's filters."""


class DocumentOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    sha256: str
    created_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return f"/api/v1/diligence/documents/{obj.pk}/download"


class DiligenceItemOut(Schema):
    id: int
    owner_id: int
    supplier_id: int
    supplier: str = Field(alias="supplier.name")
    title: str
    category: str
    status: str
    reference: str
    issued_on: datetime.date | None
    expires_on: datetime.date | None
    expiry: str = Field(description="none, valid, expiring (within 30 days) or expired, as of today.")
    note: str
    version: int

    @staticmethod
    def resolve_expiry(obj: Any) -> str:
        from django.utils import timezone

        return expiry.expiry(obj.expires_on, timezone.localdate()).value


class SupplierOut(Schema):
    id: int
    name: str
    items: int
    open: int
    expired: int
    expiring: int


class SegmentationOut(Schema):
    id: int
    partnership_id: int
    assessed_on: datetime.date
    spend_share: int
    business_impact: int
    qualified_suppliers: int
    switching_cost: int
    market_scarcity: int
    weights: dict[str, int]
    profit_impact: Decimal
    supply_risk: Decimal
    quadrant: str
    suggested_type: str
    tasks: list[str]
    note: str


class KraljicWeightsOut(Schema):
    weights: dict[str, int]
    version: int


class PortfolioPoint(Schema):
    partnership_id: int
    partnership: str = Field(alias="partnership.name")
    assessed_on: datetime.date
    profit_impact: Decimal
    supply_risk: Decimal
    quadrant: str
    relationship_type: str = Field(alias="partnership.relationship_type")
    suggested_type: str


class DiligenceRowOut(Schema):
    key: str
    label: str
    done: bool


class ChecklistOut(Schema):
    stage: int
    label: str
    items: list[DiligenceRowOut]


class ExitPlanOut(Schema):
    exists: bool
    triggers: str = ""
    transition_steps: str = ""
    handover: str = ""
    data_return: str = ""
    responsibilities: str = ""
    complete: bool = False
    missing: list[str] = Field(default_factory=list)
    version: int = 1


class LifecycleOut(Schema):
    stage: int
    label: str
    entered_on: datetime.date | None
    version: int
    checklists: list[ChecklistOut]
    exit_plan: ExitPlanOut


class StageChangeOut(Schema):
    id: int
    from_stage: int
    to_stage: int
    label: str
    open_items: list[str]
    reason: str
    changed_on: datetime.date
    changed_by: str | None

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return f"{Stage(obj.from_stage).label} → {Stage(obj.to_stage).label}"

    @staticmethod
    def resolve_changed_by(obj: Any) -> str | None:
        return obj.changed_by.get_full_name() if obj.changed_by else None


def exit_plan_out(plan: Any) -> dict[str, Any]:
    if plan is None:
        return {
            "exists": False,
            "missing": ["triggers", "transition_steps", "handover", "data_return", "responsibilities"],
        }
    return {
        "exists": True,
        **{name: getattr(plan, name) for name in plan.SECTIONS},
        "complete": plan.complete,
        "missing": plan.missing,
        "version": plan.version,
    }
