"""The API's bodies and answers for customer insight. Inputs are generated from the pages' forms
(core.inputs), filters from the lists' FilterSets (core.filtering)."""

from datetime import date, datetime
from typing import Any

from ninja import Schema

from concord.core import filtering, inputs
from concord.core.inputs import VersionQuery
from concord.insight import fit
from concord.insight.filters import CustomerGoalFilter, ItemFilter, OfferingFilter, ProposalFilter
from concord.insight.forms import (
    ConstraintsForm,
    CustomerGoalEditForm,
    CustomerGoalForm,
    ItemEditForm,
    ItemForm,
    OfferingEditForm,
    OfferingForm,
    ProposalForm,
    WeightsForm,
)
from concord.insight.models import Proposal
from concord.insight.selectors import Recommendations, Verdict
from concord.insight.services.imports import ImportPlan


class ItemFilters(filtering.query_schema(ItemFilter)):  # type: ignore[misc]
    """The filters of the list (ItemFilter)."""


class CustomerGoalFilters(filtering.query_schema(CustomerGoalFilter)):  # type: ignore[misc]
    """The filters of the list (CustomerGoalFilter)."""


class OfferingFilters(filtering.query_schema(OfferingFilter)):  # type: ignore[misc]
    """The filters of the list (OfferingFilter)."""


class ProposalFilters(filtering.query_schema(ProposalFilter)):  # type: ignore[misc]
    """The filters of the list (ProposalFilter)."""


__all__ = ["VersionQuery"]


class ItemIn(inputs.input_schema(ItemForm, name="InstalledItemIn")):  # type: ignore[misc]
    """Add an item of the installed base (forms.ItemForm)."""


class ItemPatch(inputs.input_schema(ItemEditForm, name="InstalledItemPatch", partial=True)):  # type: ignore[misc]
    """Change an item: only what is sent changes."""


class CustomerGoalIn(inputs.input_schema(CustomerGoalForm, name="CustomerGoalIn")):  # type: ignore[misc]
    """Add a goal or pillar of the customer (forms.CustomerGoalForm)."""


class CustomerGoalPatch(inputs.input_schema(CustomerGoalEditForm, name="CustomerGoalPatch", partial=True)):  # type: ignore[misc]
    """Change a customer goal: only what is sent changes."""


class ConstraintsIn(inputs.input_schema(ConstraintsForm, name="ConstraintsIn")):  # type: ignore[misc]
    """The customer's constraints (forms.ConstraintsForm); the version once they exist."""


class OfferingIn(inputs.input_schema(OfferingForm, name="OfferingIn")):  # type: ignore[misc]
    """Add an offering (forms.OfferingForm)."""


class OfferingPatch(inputs.input_schema(OfferingEditForm, name="OfferingPatch", partial=True)):  # type: ignore[misc]
    """Change an offering: only what is sent changes."""


class FitWeightsIn(inputs.input_schema(WeightsForm, name="FitWeightsIn")):  # type: ignore[misc]
    """The fit weights, 0–10 each (forms.WeightsForm); the version once they exist."""


class ProposalIn(inputs.input_schema(ProposalForm, name="ProposalIn")):  # type: ignore[misc]
    """Share an offering with the customer as a proposal (forms.ProposalForm)."""


class InstalledItemOut(Schema):
    id: int
    technology: str
    make: str
    model: str
    version_name: str
    quantity: int
    site: str
    installed_on: date | None
    status: str
    end_of_support_on: date | None
    notes: str | None  # the supplier's own; null for anyone else
    visibility: str
    version: int


def item_out(item: Any, *, owner_reads: bool) -> dict[str, Any]:
    fields = ("id", "technology", "make", "model", "quantity", "site", "installed_on", "status")
    return {f: getattr(item, f) for f in fields} | {
        "version_name": item.item_version,
        "end_of_support_on": item.end_of_support_on,
        "notes": item.notes if owner_reads else None,
        "visibility": item.visibility,
        "version": item.version,
    }


class CustomerGoalOut(Schema):
    id: int
    kind: str
    title: str
    theme: str
    importance: int
    goal_id: int | None
    objective_id: int | None
    notes: str | None
    visibility: str
    version: int


def customer_goal_out(goal: Any, *, owner_reads: bool) -> dict[str, Any]:
    fields = (
        "id",
        "kind",
        "title",
        "theme",
        "importance",
        "goal_id",
        "objective_id",
        "visibility",
        "version",
    )
    return {f: getattr(goal, f) for f in fields} | {"notes": goal.notes if owner_reads else None}


class ConstraintsOut(Schema):
    budget_month: int | None = None
    standards: str = ""
    sites: str = ""
    preferred_timing: str = ""
    version: int | None = None


class OfferingOut(Schema):
    id: int
    organisation_id: int
    name: str
    category: str
    tags: str
    replaces: str
    compatible_with: str
    incompatible_with: str
    prerequisites: str
    themes: list[str]
    cost_band: int
    lead_time_days: int
    available_from: date | None
    available_until: date | None
    lifecycle: str
    description: str
    version: int


class FitWeightsOut(Schema):
    goals: int
    installed_base: int
    timing: int
    cost_benefit: int
    version: int | None


class FactorsOut(Schema):
    goals: int
    installed_base: int
    timing: int
    cost_benefit: int
    score: int


class EarlierOut(Schema):
    demand_id: int
    answer: str
    why: str | None
    proposed_at: datetime


class RecommendationOut(Schema):
    offering_id: int
    offering: str
    fit_percent: int
    reasons: str
    factors: FactorsOut
    earlier: list[EarlierOut]


class ExcludedOut(Schema):
    reason: str
    message: str
    count: int


class RecommendationsOut(Schema):
    results: list[RecommendationOut]
    excluded: list[ExcludedOut]


class VerdictOut(Schema):
    offering_id: int
    offering: str
    fits: bool
    excluded: str
    fit_percent: int
    text: str
    factors: FactorsOut


class ProposalOut(Schema):
    id: int
    demand_id: int
    offering_name: str
    title: str
    proposed_by: str
    proposed_at: datetime
    answer: str
    why: str | None


class InstalledProblemOut(Schema):
    line: int
    column: str
    message: str


class InstalledImportOut(Schema):
    dry_run: bool
    ok: bool
    added: int
    problems: list[InstalledProblemOut]
    problem_count: int


def _factors(a: fit.Assessment) -> dict[str, int]:
    return {
        "goals": a.goals,
        "installed_base": a.installed,
        "timing": a.timing,
        "cost_benefit": a.cost_benefit,
        "score": a.score,
    }


def _latest_why(proposal: Proposal) -> str | None:
    answers = list(proposal.demand.answers.all())
    return answers[-1].rationale if answers else None


def proposal_out(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.pk,
        "demand_id": p.demand_id,
        "offering_name": p.offering_name,
        "title": p.demand.title,
        "proposed_by": p.owner.name,
        "proposed_at": p.created_at,
        "answer": p.demand.status,
        "why": _latest_why(p),
    }


def recommendations_out(found: Recommendations) -> dict[str, Any]:
    return {
        "results": [
            {
                "offering_id": r.offering.pk,
                "offering": r.offering.name,
                "fit_percent": r.percent,
                "reasons": r.reasons,
                "factors": _factors(r.assessment),
                "earlier": [
                    {
                        "demand_id": p.demand_id,
                        "answer": p.demand.status,
                        "why": _latest_why(p),
                        "proposed_at": p.created_at,
                    }
                    for p in r.before
                ],
            }
            for r in found.items
        ],
        "excluded": [
            {"reason": reason, "message": fit.REASONS[reason], "count": n}
            for reason, n in sorted(found.excluded.items())
        ],
    }


def verdict_out(v: Verdict) -> dict[str, Any]:
    return {
        "offering_id": v.offering.pk,
        "offering": v.offering.name,
        "fits": not v.assessment.excluded,
        "excluded": v.assessment.excluded,
        "fit_percent": v.percent,
        "text": v.text,
        "factors": _factors(v.assessment),
    }


def import_out(plan: ImportPlan, *, dry_run: bool) -> dict[str, Any]:
    return {
        "dry_run": dry_run,
        "ok": not plan.problem_count,
        "added": plan.count if (not plan.problem_count) else 0,
        "problems": plan.problems,
        "problem_count": plan.problem_count,
    }
