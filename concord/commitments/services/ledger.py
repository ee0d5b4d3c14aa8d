"""The ledger of commitments kept: give, deliver, renegotiate, give up, learn from misses.

- A commitment belongs to the organisation of the person who owns it; given directly, or assigned
  from a yes to a demand, a meeting action or a plan item (linked to its origin). It is due today or
  later when it is given.
- Its promised date is set once. Changing the date is a renegotiation with a reason, recorded beside
  the commitment; delivering or giving up is recorded with its date. The committing party's
  contributors do these; the other side reads everything.
- A lesson after a miss (the `lessons` app's one kind of blameless record) says what happened, the
  contributing factors and what changes — there is no field for blame.
"""

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from concord.access.members import belongs_to
from concord.access.policy import require, require_contributor_in, writer_org
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.commitments.models import (
    ActionPlan,
    Answer,
    Commitment,
    CommitmentSource,
    Renegotiation,
)
from concord.commitments.services.wins import note_streak
from concord.commitments.status import Status, status
from concord.core.errors import InvalidState, ValidationFailed
from concord.lessons import services as lessons
from concord.lessons.models import CarrierKind, Lesson
from concord.partnerships.models import Partnership

if TYPE_CHECKING:  # meetings build on commitments: the type only, no import at run time
    from concord.meetings.models import Meeting

OWNER = "Choose a person of an organisation taking part."
GIVE_UP_REASON = "Say why it cannot be delivered."
REASON_LIMIT = 10_000  # the audit trail's reason (audit.models.AuditEvent.reason)


def assign(
    *,
    actor: User,
    partnership_id: int,
    owner_orgs: list[int],
    visibility: str,
    owner_person_id: int,
    title: str,
    promised_on: datetime.date,
    source: str,
    description: str = "",
    answer: Answer | None = None,
    meeting: "Meeting | None" = None,
    plan: ActionPlan | None = None,
) -> Commitment:
    """A commitment given to a person: it belongs to the organisation of that person among
    `owner_orgs` (for a meeting action or a plan item: access.linking.item_owners of the meeting or
    plan) and has the visibility of where it was agreed; `answer`, `meeting` or `plan` is where it
    comes from. Access is the caller's to check."""
    owner_org = next((org for org in owner_orgs if belongs_to(owner_person_id, org)), None)
    if owner_org is None:
        raise ValidationFailed.single("owner_person_id", OWNER)
    if promised_on < timezone.localdate():  # when promised; the stored date ages (not an invariant)
        raise ValidationFailed.single("promised_on", "It cannot be due in the past.")
    commitment = Commitment(
        partnership_id=partnership_id,
        owner_id=owner_org,
        visibility=visibility,
        created_by=actor,
        owner_person_id=owner_person_id,
        title=title,
        description=description,
        source=source,
        promised_on=promised_on,
        due_on=promised_on,
        answer=answer,
        meeting=meeting,
        plan=plan,
    )
    return tracked_create(actor=actor, instance=commitment)


def commitment_give(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    promised_on: datetime.date,
    description: str = "",
    owner_person_id: int | None = None,
) -> Commitment:
    """A commitment given directly by the actor's organisation (default owner: the actor). Those
    from demands, meetings and plans are made there, linked to their origin."""
    owner_id = writer_org(actor, partnership)
    return assign(
        actor=actor,
        partnership_id=partnership.pk,
        owner_orgs=[owner_id],
        visibility=Visibility.SHARED,
        owner_person_id=owner_person_id or actor.pk,
        title=title,
        promised_on=promised_on,
        source=CommitmentSource.DIRECT,
        description=description,
    )


def _require_committer(actor: User, commitment: Commitment) -> None:
    require(actor, Action.VIEW, commitment)
    require_contributor_in(actor, commitment.partnership, commitment.owner_id)


def _require_open(commitment: Commitment, message: str) -> None:
    if commitment.delivered_on is not None or commitment.given_up_on is not None:
        raise InvalidState(message)


def commitment_deliver(
    *, actor: User, commitment: Commitment, version: int | None, delivered_on: datetime.date | None = None
) -> Commitment:
    """Mark delivered (default today; never in the future, never before it was given)."""
    _require_committer(actor, commitment)
    if commitment.delivered_on is not None:
        raise InvalidState("This commitment is already marked delivered.")
    day = delivered_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationFailed.single("delivered_on", "A delivery cannot be dated in the future.")
    with transaction.atomic():
        updated = tracked_update(
            actor=actor,
            instance=commitment,
            version=version,
            changes={"delivered_on": day, "given_up_on": None},
        )
        note_streak(actor, updated)
    return updated


def commitment_renegotiate(
    *, actor: User, commitment: Commitment, version: int | None, to_date: datetime.date, reason: str
) -> Commitment:
    """A new date: recorded as a renegotiation with its reason; the promised date stays."""
    _require_committer(actor, commitment)
    _require_open(commitment, "A delivered or given-up commitment has no date left to renegotiate.")
    if to_date < timezone.localdate():
        raise ValidationFailed.single("to_date", "The new date cannot be in the past.")
    renegotiation = Renegotiation(
        from_date=commitment.due_on, to_date=to_date, reason=reason, recorded_by=actor
    )
    with transaction.atomic():
        updated = tracked_update(
            actor=actor, instance=commitment, version=version, changes={"due_on": to_date}, reason=reason
        )
        renegotiation.commitment = updated
        tracked_create(actor=actor, instance=renegotiation)  # a blank reason or the same date: refused
    return updated


def commitment_give_up(
    *, actor: User, commitment: Commitment, version: int | None, reason: str
) -> Commitment:
    """Say openly that it cannot be delivered: better than letting the date pass in silence. The
    reason is kept in the audit trail (no field of the commitment holds it, so it is checked here)."""
    _require_committer(actor, commitment)
    _require_open(commitment, "This commitment is already closed.")
    if not reason.strip() or len(reason) > REASON_LIMIT:
        raise ValidationFailed.single("reason", GIVE_UP_REASON)
    return tracked_update(
        actor=actor,
        instance=commitment,
        version=version,
        changes={"given_up_on": timezone.localdate()},
        reason=reason,
    )


def lesson_add(
    *,
    actor: User,
    commitment: Commitment,
    title: str,
    what_happened: str,
    contributing_factors: str,
    what_we_change: str,
    visibility: str = Visibility.SHARED,
) -> Lesson:
    """A blameless lesson carried by a missed commitment (broken or kept late), written by the
    committing side; the lessons app checks what every carrier shares (an internal commitment
    carries only internal lessons)."""
    _require_committer(actor, commitment)
    if status(commitment, timezone.localdate()) not in (Status.BROKEN, Status.KEPT_LATE):
        raise InvalidState("Lessons are written on commitments kept late or broken.")
    return lessons.lesson_add(
        actor=actor,
        partnership=commitment.partnership,
        title=title,
        what_happened=what_happened,
        contributing_factors=contributing_factors,
        what_we_change=what_we_change,
        visibility=visibility,
        carrier_kind=CarrierKind.COMMITMENT,
        carrier=commitment,
    )
