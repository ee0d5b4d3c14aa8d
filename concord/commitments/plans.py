"""Action plans: simple plans toward goals, reviewed on a cadence.

- A plan belongs to a partnership (shared, or internal to its owner) and may link to goals it can
  see. Its items are commitments (source "plan") owned by the organisation of the person who owns
  the item; the promised date rules of every commitment apply.
- Each plan has a review cadence in days; a plan not reviewed within it (counted from its creation
  when never reviewed) is **stale**. Reviewing records who, a note, and what changed since the
  previous review — items added, statuses moved — computed, not typed.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from concord.access.linking import item_owners, require_linkable
from concord.access.policy import require, writer_org
from concord.access.roles import Action, Visibility
from concord.audit.services import tracked_create, tracked_update
from concord.commitments.models import ActionPlan, Commitment, CommitmentSource, PlanReview
from concord.commitments.services import assign
from concord.commitments.status import status
from concord.core.errors import ValidationFailed
from concord.goals.models import Goal
from concord.partnerships.models import Partnership

MAX_CADENCE = 366


def stale(plan: ActionPlan, now: datetime.datetime | None = None) -> bool:
    since = plan.last_reviewed_at or plan.created_at
    return (now or timezone.now()) - since > datetime.timedelta(days=plan.review_every_days)


def _goals(plan_visibility: str, owner_id: int, partnership: Partnership, goal_ids: list[int]) -> list[Goal]:
    return require_linkable(
        "goal_ids",
        "Choose goals of this partnership that everyone on the plan may see.",
        visibility=plan_visibility,
        owner_id=owner_id,
        targets=list(Goal.unscoped.filter(partnership=partnership, pk__in=goal_ids)),
        wanted=len(set(goal_ids)),
    )


def plan_create(
    *,
    actor: Any,
    partnership: Partnership,
    title: str,
    review_every_days: int = 14,
    visibility: str = Visibility.SHARED,
    goal_ids: list[int] | None = None,
) -> ActionPlan:
    owner_id = writer_org(actor, partnership)
    errors: dict[str, list[str]] = {}
    if not str(title or "").strip():
        errors["title"] = ["Name the plan."]
    if (
        isinstance(review_every_days, bool)
        or not isinstance(review_every_days, int)
        or not 1 <= review_every_days <= MAX_CADENCE
    ):
        errors["review_every_days"] = ["Review it every 1 to 366 days; simple plans are reviewed often."]
    if visibility not in Visibility.values:
        errors["visibility"] = ["Choose shared or internal."]
    if errors:
        raise ValidationFailed(errors)
    goals = _goals(visibility, owner_id, partnership, goal_ids or [])
    with transaction.atomic():
        plan = tracked_create(
            actor=actor,
            instance=ActionPlan(
                partnership=partnership,
                owner_id=owner_id,
                visibility=visibility,
                created_by=actor,
                title=str(title).strip()[:200],
                review_every_days=review_every_days,
            ),
        )
        plan.goals.set(goals)
    return plan


def item_add(
    *,
    actor: Any,
    plan: ActionPlan,
    title: str,
    promised_on: datetime.date | None,
    owner_person_id: int,
    notes: str = "",
) -> Commitment:
    require(actor, Action.VIEW, plan)
    require(actor, Action.CONTRIBUTE, plan.partnership)
    return assign(
        actor=actor,
        partnership_id=plan.partnership_id,
        owner_orgs=item_owners(plan),
        visibility=plan.visibility,
        owner_person_id=owner_person_id,
        title=title,
        promised_on=promised_on,
        source=CommitmentSource.PLAN,
        description=notes,
        plan=plan,
    )


def _changes(before: dict[str, str], now: dict[str, str], titles: dict[str, str]) -> list[str]:
    found = [f"Added: {titles[k]} ({now[k].replace('_', ' ')})" for k in now if k not in before]
    found += [
        f"{titles[k]}: {before[k].replace('_', ' ')} → {now[k].replace('_', ' ')}"
        for k in now
        if k in before and before[k] != now[k]
    ]
    return found or ["No item changed since the previous review."]


def plan_review(*, actor: Any, plan: ActionPlan, version: int | None, note: str = "") -> PlanReview:
    """Record a review: who, a note, and what changed since the last one."""
    require(actor, Action.VIEW, plan)
    require(actor, Action.CONTRIBUTE, plan.partnership)
    today = timezone.localdate()
    items = list(plan.items.all())
    now = {str(c.pk): status(c, today).value for c in items}
    previous = plan.reviews.first()
    changes = _changes(previous.statuses if previous else {}, now, {str(c.pk): c.title for c in items})
    with transaction.atomic():
        tracked_update(
            actor=actor, instance=plan, version=version, changes={"last_reviewed_at": timezone.now()}
        )
        return tracked_create(
            actor=actor,
            instance=PlanReview(
                plan=plan, reviewed_by=actor, note=str(note or "").strip(), changes=changes, statuses=now
            ),
        )
