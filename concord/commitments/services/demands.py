"""Demands between the parties and their answers.

- Either party raises a demand to another party of the partnership; demands are always shared.
- Only contributors of the party asked may answer; every answer carries a rationale. Yes needs the
  date promised (today or later) and creates that party's commitment; Maybe needs the conditions and
  a follow-up date (today or later); No needs the reason and may offer an alternative (the model
  checks what each kind needs). A Maybe may be answered again; Yes, No and withdrawn demands are
  settled. Answering names the demand's version (stale: 409).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from concord.access.policy import other_side, require, require_contributor_in, writer_org
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.commitments.models import Answer, AnswerKind, CommitmentSource, Demand, DemandStatus, Priority
from concord.commitments.services.ledger import assign
from concord.core.errors import InvalidState, ValidationFailed
from concord.partnerships.models import Partnership

SETTLED = (DemandStatus.YES, DemandStatus.NO, DemandStatus.WITHDRAWN)
RECIPIENT = "Choose the party on the other side the demand is for."


def _recipient(actor_org: int, partnership: Partnership, to_org_id: int | None) -> int:
    others = other_side(partnership, actor_org)
    if to_org_id is None and len(others) == 1:
        return others[0]
    if to_org_id is not None and to_org_id in others:
        return to_org_id
    raise ValidationFailed.single("to_org_id", RECIPIENT)


def _not_past(name: str, day: datetime.date | None, message: str) -> None:
    """Dates people promise are today or later when they promise them (not an invariant of the
    stored record: a promise dated today is in the past tomorrow)."""
    if day is not None and day < timezone.localdate():
        raise ValidationFailed.single(name, message)


def demand_raise(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    description: str = "",
    priority: str = Priority.NORMAL,
    needed_by: datetime.date | None = None,
    to_org_id: int | None = None,
) -> Demand:
    """Raise a demand to the other side (`to_org_id` is needed only with several partners)."""
    owner_id = writer_org(actor, partnership)
    _not_past("needed_by", needed_by, "The date needed by cannot be in the past.")
    demand = Demand(
        partnership=partnership,
        owner_id=owner_id,
        visibility=Visibility.SHARED,
        created_by=actor,
        to_org_id=_recipient(owner_id, partnership, to_org_id),
        title=title,
        description=description,
        priority=priority,
        needed_by=needed_by,
    )
    return tracked_create(actor=actor, instance=demand)


def demand_answer(
    *,
    actor: User,
    demand: Demand,
    version: int | None,
    kind: str,
    rationale: str,
    promised_on: datetime.date | None = None,
    conditions: str = "",
    follow_up_on: datetime.date | None = None,
    alternative: str = "",
) -> Answer:
    """Answer (or re-answer a Maybe). Yes creates the answering party's commitment."""
    require(actor, Action.VIEW, demand)
    require_contributor_in(actor, demand.partnership, demand.to_org_id)
    if demand.status in SETTLED:
        raise InvalidState(
            f"This demand is settled ({demand.get_status_display().lower()}); raise a new one."
        )
    if kind == AnswerKind.YES:
        _not_past("promised_on", promised_on, "A promise cannot be dated in the past.")
    if kind == AnswerKind.MAYBE:
        _not_past("follow_up_on", follow_up_on, "The follow-up date cannot be in the past.")
    answer = Answer(
        demand=demand,
        organisation_id=demand.to_org_id,
        answered_by=actor,
        kind=kind,
        rationale=rationale,
        promised_on=promised_on,
        conditions=conditions,
        follow_up_on=follow_up_on,
        alternative=alternative,
    )
    with transaction.atomic():
        # Settled is checked on the locked row, not the copy in hand: a withdrawal may have landed.
        if Demand.unscoped.select_for_update().get(pk=demand.pk).status in SETTLED:
            raise InvalidState("This demand was settled meanwhile; reload it.")
        tracked_create(actor=actor, instance=answer)  # checked (and refused) before the version
        changes: dict[str, object] = {"status": kind}
        if demand.first_answered_at is None:
            changes["first_answered_at"] = timezone.now()
        tracked_update(actor=actor, instance=demand, version=version, changes=changes)
        if kind == AnswerKind.YES:
            assert answer.promised_on is not None  # the model requires it of a yes
            assign(
                actor=actor,
                partnership_id=demand.partnership_id,
                owner_orgs=[demand.to_org_id],
                visibility=Visibility.SHARED,
                owner_person_id=actor.pk,
                title=demand.title,
                promised_on=answer.promised_on,
                source=CommitmentSource.DEMAND,
                description=answer.rationale,
                answer=answer,
            )
    return answer


def demand_withdraw(*, actor: User, demand: Demand, version: int | None) -> Demand:
    """The raiser (author or admin) withdraws a demand still open or answered maybe."""
    require(actor, Action.CHANGE, demand)
    if demand.status in SETTLED:
        raise InvalidState("Only a demand still open or answered maybe can be withdrawn.")
    return tracked_update(
        actor=actor, instance=demand, version=version, changes={"status": DemandStatus.WITHDRAWN}
    )
