"""The API's bodies and answers for the risk register. Inputs are generated from the pages' forms
(core.inputs), the list's parameters from its FilterSet (core.filtering)."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from concord.access.roles import Visibility
from concord.core import filtering, inputs
from concord.risks.filters import RiskFilter
from concord.risks.forms import FireForm, RiskEditForm, RiskForm
from concord.risks.models import Category, RiskStatus


class RiskIn(inputs.input_schema(RiskForm, name="RiskIn")):  # type: ignore[misc]
    """Record a risk (forms.RiskForm); `owner_person_id`: a colleague or another party's manager."""


class RiskPatch(inputs.input_schema(RiskEditForm, name="RiskPatch", partial=True)):  # type: ignore[misc]
    """Change a risk: only what is sent changes (forms.RiskEditForm); a review sets `next_review_on`."""


class FireIn(inputs.input_schema(FireForm, name="FireIn")):  # type: ignore[misc]
    """Fire the risk's trigger: its contingency plan becomes an action plan (forms.FireForm)."""


class RiskFilters(filtering.query_schema(RiskFilter)):  # type: ignore[misc]
    """The risk list's filters (filters.RiskFilter)."""


class RiskOut(Schema):
    id: int
    partnership_id: int
    owner: str = Field(alias="owner.name", description="The organisation that recorded it.")
    visibility: Visibility
    title: str
    category: Category
    likelihood: int
    impact: int
    score: int = Field(description="Likelihood × impact, 1 to 25.")
    band: str = Field(description="low (1–4), medium (5–9), high (10–16) or critical (20–25).")
    owner_party_id: int
    owner_party: str = Field(alias="owner_party.name")
    owner_person: str | None
    owner_person_id: int | None
    status: RiskStatus
    next_review_on: date | None
    review_overdue: bool
    fired_on: date | None
    plan_id: int | None = Field(description="The action plan its contingency became, once fired.")
    version: int

    @staticmethod
    def resolve_owner_person(obj: Any) -> str | None:
        return obj.owner_person.get_full_name() if obj.owner_person else None


class ScoreChangeOut(Schema):
    likelihood: int
    impact: int
    score: int
    changed_by: str | None
    created_at: datetime

    @staticmethod
    def resolve_changed_by(obj: Any) -> str | None:
        return obj.changed_by.get_full_name() if obj.changed_by else None


class RiskDetailOut(RiskOut):
    description: str
    mitigation: str
    contingency: str
    trigger: str
    score_history: list[ScoreChangeOut] = Field(description="Every rating, newest first (at most 100).")

    @staticmethod
    def resolve_score_history(obj: Any) -> list[Any]:
        return list(getattr(obj, "ratings", []))


class HeatCellOut(Schema):
    likelihood: int
    impact: int
    score: int
    band: str
    count: int


class HeatMapOut(Schema):
    cells: list[HeatCellOut] = Field(description="25 cells, likelihood 5 to 1, impact 1 to 5.")
    total: int


class ExposureOut(Schema):
    partnership_id: int
    exposure: int = Field(description="0–100: the sum of the live risks' scores you may read, capped at 100.")
    live: int = Field(description="Risks open, mitigating or fired.")
    recorded: int = Field(description="Every risk you may read.")
    critical: int = Field(description="Live risks scored 20 or more.")
