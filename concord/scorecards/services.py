"""Scorecard use cases: set up the scorecard of one's own side, change it, and back-test a change.

The rating organisation owns its scorecard: the buyer's people set up how they score the supplier,
the supplier's people how they score the buyer. A shared scorecard may only use shared goals (the
other side sees every value it shows); an internal one may also use its owner's internal goals.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from concord.access.linking import linkable
from concord.access.policy import acting_side, require, writer_org
from concord.access.roles import Action, Side, Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import NotFound, ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.goals.models import Goal
from concord.partnerships.models import Partnership
from concord.scorecards import compute
from concord.scorecards.definition import Definition, validate
from concord.scorecards.models import Scorecard, ScoreDirection

DIRECTION_OF_SIDE = {
    Side.BUYER: ScoreDirection.BUYER_RATES_SUPPLIER,
    Side.SUPPLIER: ScoreDirection.SUPPLIER_RATES_BUYER,
}


def usable_goals(partnership_id: int, visibility: str, owner_id: int) -> dict[int, Goal]:
    """The goals a scorecard of this visibility and owner may read (the linking rule)."""
    goals = Goal.unscoped.filter(linkable(visibility, owner_id), partnership_id=partnership_id)
    return {g.pk: g for g in goals}


def checked(
    raw: Any, *, partnership_id: int, visibility: str, owner_id: int, as_of: datetime.date | None = None
) -> Definition:
    """Validate a definition, including its formulas against the recorded history."""
    definition = validate(raw, usable_goals(partnership_id, visibility, owner_id))
    today = as_of or timezone.localdate()
    values = compute.fetch([definition], today).get(definition.period, {})
    problems = compute.formula_problems(definition, values, today)
    if problems:
        raise ValidationFailed(problems)
    return definition


def scorecard_create(
    *,
    actor: User,
    partnership: Partnership,
    name: str,
    definition: dict[str, Any],
    visibility: str = Visibility.SHARED,
) -> Scorecard:
    """Set up the actor's side's scorecard of the other side (one per direction). The definition is
    checked by definition.py and against the history; the model checks the name and visibility."""
    owner_id = writer_org(actor, partnership)
    side = acting_side(actor, partnership)
    assert side is not None  # writer_org has checked it
    direction = DIRECTION_OF_SIDE[Side(side)]
    if Scorecard.unscoped.filter(partnership=partnership, direction=direction).exists():
        raise ValidationFailed.single(
            "direction", "Your side already has its scorecard here; change that one."
        )
    cleaned = checked(definition, partnership_id=partnership.pk, visibility=visibility, owner_id=owner_id)
    scorecard = Scorecard(
        partnership=partnership,
        owner_id=owner_id,
        created_by=actor,
        visibility=visibility,
        direction=direction,
        name=name,
        definition=cleaned.raw,
    )
    return tracked_create(actor=actor, instance=scorecard)


def scorecard_update(
    *,
    actor: User,
    scorecard: Scorecard,
    version: int | None,
    name: str | Unset = UNSET,
    definition: dict[str, Any] | Unset = UNSET,
    visibility: str | Unset = UNSET,
) -> Scorecard:
    """Change what is given (the author or an admin of the scoring side). A new definition, or a
    new visibility, is checked again: a shared scorecard may use shared goals only."""
    require(actor, Action.CHANGE, scorecard)
    changes = given(name=name, visibility=visibility)
    if not isinstance(definition, Unset) or not isinstance(visibility, Unset):
        cleaned = checked(
            scorecard.definition if isinstance(definition, Unset) else definition,
            partnership_id=scorecard.partnership_id,
            visibility=scorecard.visibility if isinstance(visibility, Unset) else visibility,
            owner_id=scorecard.owner_id,
        )
        changes["definition"] = cleaned.raw
    with transaction.atomic():
        return tracked_update(actor=actor, instance=scorecard, version=version, changes=changes)


@dataclass(frozen=True)
class Backtest:
    current: compute.Result
    proposed: compute.Result

    def rows(self) -> list[tuple[compute.PeriodScore, compute.PeriodScore, float | None]]:
        """Period by period: saved, proposed, and the change (None where either has no data)."""
        return [
            (
                now,
                then,
                round(then.score - now.score, 2)
                if now.score is not None and then.score is not None
                else None,
            )
            for now, then in zip(self.current.periods, self.proposed.periods, strict=True)
        ]


def backtest(
    *, actor: User, scorecard: Scorecard, definition: dict[str, Any], as_of: datetime.date | None = None
) -> Backtest:
    """Score the recorded history with a proposed definition beside the saved one. Saves nothing."""
    require(actor, Action.VIEW, scorecard)
    today = as_of or timezone.localdate()
    proposed = checked(
        definition,
        partnership_id=scorecard.partnership_id,
        visibility=scorecard.visibility,
        owner_id=scorecard.owner_id,
        as_of=today,
    )
    current = current_definition(scorecard)
    if current is None:
        raise NotFound()
    results = compute.score_many([("current", current), ("proposed", proposed)], today)
    return Backtest(results["current"], results["proposed"])


def current_definition(scorecard: Scorecard, usable: set[int] | None = None) -> Definition | None:
    """The saved definition, read leniently: a goal that has since become internal (or gone) no
    longer feeds a shared scorecard — its KPI simply has no data — so nothing leaks through it."""
    if usable is None:
        usable = set(usable_goals(scorecard.partnership_id, scorecard.visibility, scorecard.owner_id))
    raw = scorecard.definition or {}
    referenced = {k.get("goal_id") for k in raw.get("kpis", []) if isinstance(k, dict)}
    try:
        definition = validate(raw, {g: True for g in referenced if isinstance(g, int)})
    except ValidationFailed:
        return None
    kpis = {name: (goal_id if goal_id in usable else -1) for name, goal_id in definition.kpis.items()}
    return Definition(
        definition.period,
        definition.recency_periods,
        definition.recency,
        kpis,
        definition.criteria,
        definition.standings,
        definition.raw,
    )
