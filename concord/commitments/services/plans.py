"""Action plans: simple plans toward goals, reviewed on a cadence.

- A plan belongs to a partnership (shared, or internal to its owner) and may link to goals it can
  see. Its items are commitments (source "plan") owned by the organisation of the person who owns
  the item; the promised date rules of every commitment apply.
- Each plan has a review cadence of 1 to 366 days (the model holds it); a plan not reviewed within
  it is **stale** (status.stale). Reviewing records who, a note, and what changed since the
  previous review — items added, statuses moved — computed, not typed.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from concord.access.linking import item_owners, require_linkable
from concord.access.policy import require, writer_org
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.commitments.models import ActionPlan, Commitment, CommitmentSource, PlanReview
from concord.commitments.services.ledger import assign
from concord.commitments.status import status
from concord.goals.models import Goal
from concord.partnerships.models import Partnership


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
    actor: User,
    partnership: Partnership,
    title: str,
    review_every_days: int = 14,
    visibility: str = Visibility.SHARED,
    goal_ids: list[int] | None = None,
) -> ActionPlan:
    """Start a plan of the actor's organisation toward goals everyone on it may see."""
    owner_id = writer_org(actor, partnership)
    plan = ActionPlan(
        partnership=partnership,
        owner_id=owner_id,
        visibility=visibility,
        created_by=actor,
        title=title,
        review_every_days=review_every_days,
    )
    with transaction.atomic():
        tracked_create(actor=actor, instance=plan)
        plan.goals.set(_goals(visibility, owner_id, partnership, goal_ids or []))
    return plan


def item_add(
    *,
    actor: User,
    plan: ActionPlan,
    title: str,
    promised_on: datetime.date,
    owner_person_id: int,
    notes: str = "",
) -> Commitment:
    """An item of the plan: a commitment of the organisation of the person who owns it."""
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


def plan_review(*, actor: User, plan: ActionPlan, version: int | None, note: str = "") -> PlanReview:
    """Record a review: who, a note, and what changed since the last one."""
    require(actor, Action.VIEW, plan)
    require(actor, Action.CONTRIBUTE, plan.partnership)
    today = timezone.localdate()
    items = list(plan.items.all())
    now = {str(c.pk): status(c, today).value for c in items}
    previous = plan.reviews.first()
    changes = _changes(previous.statuses if previous else {}, now, {str(c.pk): c.title for c in items})
    review = PlanReview(plan=plan, reviewed_by=actor, note=note, changes=changes, statuses=now)
    with transaction.atomic():
        tracked_update(
            actor=actor, instance=plan, version=version, changes={"last_reviewed_at": timezone.now()}
        )
        return tracked_create(actor=actor, instance=review)
