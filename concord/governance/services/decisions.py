"""Decisions taken outside a meeting: by a committee within one of its decision rights (not above
its value limit: rights.py), or by the partnership managers. Linked objectives and goals must be
the partnership's, and a shared decision links only shared goals (access.linking)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from concord.access.linking import may_link
from concord.access.policy import writer_org
from concord.access.roles import Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import InvalidState, ValidationFailed
from concord.goals.models import Goal
from concord.governance.models import Committee, DecidedBy, DecisionRight, GovernanceDecision, KeyPerson
from concord.governance.services import audit_links
from concord.partnerships.models import Partnership
from concord.vision.models import Objective

FUTURE = "A decision is logged once it is taken: give today or an earlier date."
MANAGERS_ONLY = "Only a partnership manager records a decision of the partnership managers."
MEMBERS_ONLY = "Only a member of the committee or a partnership manager records its decisions."
OBJECTIVES = "Link only current objectives of this partnership's vision."
GOALS = "Link only goals of this partnership you can see (a shared decision: shared goals)."
COMMITTEE = "Choose a committee of this partnership."


def _may_record(actor: User, partnership: Partnership, committee: Committee | None) -> None:
    """Partnership managers record any decision; a committee's members record its own."""
    from concord.access.rights import parties_of

    managers = {p.manager_id for p in parties_of(partnership)}
    if actor.pk in managers:
        return
    if committee is None:
        raise ValidationFailed.single("decided_by", MANAGERS_ONLY)
    if not KeyPerson.unscoped.filter(committees=committee, person_id=actor.pk).exists():
        raise ValidationFailed.single("committee", MEMBERS_ONLY)


def decision_record(
    *,
    actor: User,
    partnership: Partnership,
    text: str,
    rationale: str,
    decided_on: datetime.date,
    decided_by: str = DecidedBy.MANAGERS,
    committee: int | None = None,
    right: int | None = None,
    value: Decimal | None = None,
    principle: str = "",
    objectives: list[int] | None = None,
    goals: list[int] | None = None,
    visibility: str = Visibility.SHARED,
) -> GovernanceDecision:
    owner = writer_org(actor, partnership)
    if decided_on > timezone.localdate():
        raise ValidationFailed.single("decided_on", FUTURE)
    found = Committee.unscoped.filter(partnership=partnership, pk=committee).first() if committee else None
    if committee and found is None:
        raise ValidationFailed.single("committee", COMMITTEE)
    _may_record(actor, partnership, found)
    chosen_right = DecisionRight.unscoped.filter(pk=right).first() if right else None
    if right and chosen_right is None:
        raise ValidationFailed.single("right", "Choose one of this committee's decision rights.")
    linked_objectives = list(
        Objective.unscoped.filter(partnership=partnership, retired=False, pk__in=set(objectives or []))
    )
    if len(linked_objectives) != len(set(objectives or [])):
        raise ValidationFailed.single("objectives", OBJECTIVES)
    readable = Goal.objects.restrict(actor).filter(partnership=partnership, pk__in=set(goals or []))
    linked_goals = [g for g in readable if may_link(visibility, owner, g)]
    if len(linked_goals) != len(set(goals or [])):
        raise ValidationFailed.single("goals", GOALS)
    decision = GovernanceDecision(
        partnership=partnership,
        owner_id=owner,
        visibility=visibility,
        created_by=actor,
        text=text,
        rationale=rationale,
        decided_on=decided_on,
        decided_by=decided_by,
        committee=found,
        right=chosen_right,
        value=value,
        principle=principle,
    )
    with transaction.atomic():
        tracked_create(actor=actor, instance=decision)
        decision.objectives.set(linked_objectives)
        decision.goals.set(linked_goals)
        audit_links(actor=actor, instance=decision, objectives=linked_objectives, goals=linked_goals)
    return decision


SUPERSEDED_BY = "Choose a later decision of this partnership's log that you can see."
ALREADY_SUPERSEDED = "This decision is already superseded."
NOT_LATER = "A decision is superseded by one taken on the same day or later."
SHARED_BY_SHARED = "A shared decision is superseded only by a shared one."


def decision_supersede(
    *, actor: User, decision: GovernanceDecision, version: int, superseded_by: int
) -> GovernanceDecision:
    """Mark a decision superseded by a later one: the log stays append-only (nothing is edited but
    the pointer, audited), and reads "superseded by …". Whoever may record decisions for the
    partnership does it: a partnership manager, or a member of the deciding committee."""
    committee = decision.committee if decision.committee_id else None
    _may_record(actor, decision.partnership, committee)
    if decision.superseded_by_id is not None:
        raise InvalidState(ALREADY_SUPERSEDED)
    later = (
        GovernanceDecision.objects.restrict(actor)
        .filter(partnership_id=decision.partnership_id, pk=superseded_by)
        .exclude(pk=decision.pk)
        .first()
    )
    if later is None:
        raise ValidationFailed.single("superseded_by", SUPERSEDED_BY)
    if later.decided_on < decision.decided_on:
        raise ValidationFailed.single("superseded_by", NOT_LATER)
    if not may_link(decision.visibility, decision.owner_id, later):
        raise ValidationFailed.single("superseded_by", SHARED_BY_SHARED)
    return tracked_update(actor=actor, instance=decision, version=version, changes={"superseded_by": later})
