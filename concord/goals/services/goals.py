"""Goal use cases: define goals and change them (the objectives they serve, who owns them)."""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from concord.access.members import belongs_to
from concord.access.policy import require, writer_org
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.goals.models import Direction, Frequency, Goal, SuccessEvent
from concord.goals.services.measurements import note_success
from concord.goals.services.stored import refresh_statuses
from concord.partnerships.models import Partnership
from concord.vision.services.document import link_objectives


def _check_person(person_id: int | None, owner_id: int) -> None:
    """The goal's person must belong to the owning organisation."""
    if person_id is not None and not belongs_to(person_id, owner_id):
        raise ValidationFailed.single(
            "owner_person_id", "Choose a person of the organisation that owns the goal."
        )


def _set_objectives(actor: User, goal: Goal, objective_ids: Sequence[int]) -> None:
    try:
        link_objectives(
            actor=actor, record=goal, partnership_id=goal.partnership_id, objective_ids=list(objective_ids)
        )
    except ValidationFailed as exc:  # named as the goal's input names it
        raise ValidationFailed({"objective_ids": exc.errors.get("objectives", [])}) from exc


def goal_create(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    description: str = "",
    metric: str = "",
    unit: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    direction: str = Direction.HIGHER,
    start_date: datetime.date | None = None,
    due_date: datetime.date | None = None,
    frequency: str = Frequency.MONTHLY,
    visibility: str = Visibility.SHARED,
    owner_person_id: int | Unset | None = UNSET,
    objective_ids: Sequence[int] = (),
) -> Goal:
    """Add a goal for the actor's organisation. It starts today unless a start date is given, and
    its person is the actor unless another (or None: nobody) is named. The model checks the values
    (limits, choices, the due date after the start) when it is saved."""
    owner_id = writer_org(actor, partnership)
    person_id = actor.pk if isinstance(owner_person_id, Unset) else owner_person_id
    _check_person(person_id, owner_id)
    goal = Goal(
        partnership=partnership,
        owner_id=owner_id,
        created_by=actor,
        title=title,
        description=description,
        metric=metric,
        unit=unit,
        baseline=baseline,
        target=target,
        direction=direction,
        start_date=start_date or timezone.localdate(),
        due_date=due_date,
        frequency=frequency,
        visibility=visibility,
        owner_person_id=person_id,
    )
    with transaction.atomic():
        tracked_create(actor=actor, instance=goal)
        refresh_statuses([goal.pk])
        if objective_ids:
            _set_objectives(actor, goal, objective_ids)
    return goal


def goal_update(
    *,
    actor: User,
    goal: Goal,
    version: int | None,
    title: str | Unset = UNSET,
    description: str | Unset = UNSET,
    metric: str | Unset = UNSET,
    unit: str | Unset = UNSET,
    baseline: Decimal | Unset | None = UNSET,
    target: Decimal | Unset | None = UNSET,
    direction: str | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    due_date: datetime.date | Unset | None = UNSET,
    frequency: str | Unset = UNSET,
    visibility: str | Unset = UNSET,
    owner_person_id: int | Unset | None = UNSET,
    objective_ids: Sequence[int] | Unset = UNSET,
) -> Goal:
    """Change what is given (the author or an admin of the owner); a stale version is a Conflict.
    `objective_ids` is the whole new set of objectives the goal serves."""
    require(actor, Action.CHANGE, goal)
    changes = given(
        title=title,
        description=description,
        metric=metric,
        unit=unit,
        baseline=baseline,
        target=target,
        direction=direction,
        start_date=start_date,
        due_date=due_date,
        frequency=frequency,
        visibility=visibility,
        owner_person_id=owner_person_id,
    )
    if "owner_person_id" in changes:
        _check_person(changes["owner_person_id"], goal.owner_id)
    with transaction.atomic():
        updated = tracked_update(actor=actor, instance=goal, version=version, changes=changes)
        if "visibility" in changes:
            # A win follows its goal: a goal made internal takes its success events with it.
            SuccessEvent.unscoped.filter(goal=updated).update(visibility=updated.visibility)
        if not isinstance(objective_ids, Unset):
            _set_objectives(actor, updated, objective_ids)
        refresh_statuses([updated.pk])
        note_success(actor, updated)
    return updated
