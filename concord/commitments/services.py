"""Use cases: raise and answer demands, give, deliver and renegotiate commitments, learn from misses.

Rules (docs/working-together.md):
- Either party raises a demand to another party of the partnership; demands are always shared.
- Only contributors of the party asked may answer; every answer carries a rationale. Yes needs the
  date promised (today or later) and creates that party's commitment; Maybe needs the conditions and
  a follow-up date; No needs the reason and may offer an alternative. A Maybe may be answered again;
  Yes, No and withdrawn demands are settled. Answering names the demand's version (stale: 409).
- A commitment's promised date is set once. Changing the date is a renegotiation with a reason,
  recorded beside the commitment; delivering or giving up is recorded with its date. The committing
  party's contributors do these; the other side reads everything.
- A run of on-time deliveries (every fifth in a row) is a win in the feed; a blameless note after a
  miss says what happened and what changes — there is no field for blame.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from concord.access.members import belongs_to
from concord.access.policy import other_side, require, require_contributor_in, writer_org
from concord.access.roles import Action, Visibility
from concord.audit.services import tracked_create, tracked_update
from concord.commitments.models import (
    Answer,
    AnswerKind,
    BlamelessNote,
    Commitment,
    CommitmentSource,
    Demand,
    DemandStatus,
    Priority,
    Renegotiation,
)
from concord.commitments.status import STREAK, Status, on_time_run, status
from concord.core.errors import InvalidState, ValidationFailed
from concord.goals.models import SuccessEvent
from concord.partnerships.models import Partnership

SETTLED = (DemandStatus.YES, DemandStatus.NO, DemandStatus.WITHDRAWN)


def _text(errors: dict[str, list[str]], fields: dict[str, Any], name: str, message: str, limit: int) -> str:
    value = str(fields.get(name) or "").strip()
    if not value:
        errors[name] = [message]
    elif len(value) > limit:
        errors[name] = [f"Keep it under {limit:,} characters."]
    return value


def _other_party(actor_org: int, partnership: Partnership, to_org_id: int | None) -> int:
    others = other_side(partnership, actor_org)
    if to_org_id is None and len(others) == 1:
        return others[0]
    if to_org_id in others:
        return int(to_org_id)
    raise ValidationFailed.single("to_org", "Choose the party on the other side the demand is for.")


def demand_raise(
    *,
    actor: Any,
    partnership: Partnership,
    title: str,
    description: str = "",
    priority: str = Priority.NORMAL,
    needed_by: datetime.date | None = None,
    to_org_id: int | None = None,
) -> Demand:
    owner_id = writer_org(actor, partnership)
    errors: dict[str, list[str]] = {}
    cleaned_title = _text(errors, {"title": title}, "title", "Say what you need.", 200)
    if priority not in Priority.values:
        errors["priority"] = ["Choose low, normal, high or critical."]
    if needed_by is not None and needed_by < timezone.localdate():
        errors["needed_by"] = ["The date needed by cannot be in the past."]
    if errors:
        raise ValidationFailed(errors)
    to_org = _other_party(owner_id, partnership, to_org_id)
    return tracked_create(
        actor=actor,
        instance=Demand(
            partnership=partnership,
            owner_id=owner_id,
            visibility=Visibility.SHARED,
            created_by=actor,
            to_org_id=to_org,
            title=cleaned_title,
            description=(description or "").strip(),
            priority=priority,
            needed_by=needed_by,
        ),
    )


def _clean_answer(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if kind not in AnswerKind.values:
        raise ValidationFailed.single("kind", "Answer yes, no or maybe.")
    messages: dict[str, str] = {
        AnswerKind.YES: "Say why — what makes this possible.",
        AnswerKind.NO: "Give the reason for the no.",
        AnswerKind.MAYBE: "Say why it is not yet a yes or a no.",
    }
    cleaned: dict[str, Any] = {
        "kind": kind,
        "rationale": _text(errors, fields, "rationale", messages[kind], 10_000),
    }
    if kind == AnswerKind.YES:
        promised = fields.get("promised_on")
        if promised is None:
            errors["promised_on"] = ["A yes needs the date you commit to."]
        elif promised < today:
            errors["promised_on"] = ["A promise cannot be dated in the past."]
        cleaned["promised_on"] = promised
    if kind == AnswerKind.MAYBE:
        cleaned["conditions"] = _text(errors, fields, "conditions", "Say what the answer depends on.", 10_000)
        follow_up = fields.get("follow_up_on")
        if follow_up is None:
            errors["follow_up_on"] = ["A maybe needs the date you will come back with an answer."]
        elif follow_up < today:
            errors["follow_up_on"] = ["The follow-up date cannot be in the past."]
        cleaned["follow_up_on"] = follow_up
    if kind == AnswerKind.NO:
        cleaned["alternative"] = str(fields.get("alternative") or "").strip()[:10_000]
    if errors:
        raise ValidationFailed(errors)
    return cleaned


def demand_answer(*, actor: Any, demand: Demand, version: int | None, kind: str, **fields: Any) -> Answer:
    """Answer (or re-answer a Maybe). Yes creates the answering party's commitment."""
    require(actor, Action.VIEW, demand)
    require_contributor_in(actor, demand.partnership, demand.to_org_id)
    if demand.status in SETTLED:
        raise InvalidState(
            f"This demand is settled ({demand.get_status_display().lower()}); raise a new one."
        )
    cleaned = _clean_answer(kind, fields)
    with transaction.atomic():
        # Settled is checked on the locked row, not the copy in hand: a withdrawal may have landed.
        if Demand.unscoped.select_for_update().get(pk=demand.pk).status in SETTLED:
            raise InvalidState("This demand was settled meanwhile; reload it.")
        now = timezone.now()
        changes: dict[str, Any] = {"status": kind}
        if demand.first_answered_at is None:
            changes["first_answered_at"] = now
        updated = tracked_update(actor=actor, instance=demand, version=version, changes=changes)
        answer = tracked_create(
            actor=actor,
            instance=Answer(demand=updated, organisation_id=demand.to_org_id, answered_by=actor, **cleaned),
        )
        if kind == AnswerKind.YES:
            assign(
                actor=actor,
                partnership_id=demand.partnership_id,
                owner_orgs=[demand.to_org_id],
                visibility=Visibility.SHARED,
                owner_person_id=actor.pk,
                title=demand.title,
                promised_on=cleaned["promised_on"],
                source=CommitmentSource.DEMAND,
                description=cleaned["rationale"],
                answer=answer,
            )
    return answer


def demand_withdraw(*, actor: Any, demand: Demand, version: int | None) -> Demand:
    require(actor, Action.CHANGE, demand)
    if demand.status in SETTLED:
        raise InvalidState("Only a demand still open or answered maybe can be withdrawn.")
    return tracked_update(
        actor=actor, instance=demand, version=version, changes={"status": DemandStatus.WITHDRAWN}
    )


def commitment_give(
    *,
    actor: Any,
    partnership: Partnership,
    title: str,
    promised_on: datetime.date | None,
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


def _require_committer(actor: Any, commitment: Commitment) -> None:
    require(actor, Action.VIEW, commitment)
    require_contributor_in(actor, commitment.partnership, commitment.owner_id)


def commitment_deliver(
    *, actor: Any, commitment: Commitment, version: int | None, delivered_on: datetime.date | None = None
) -> Commitment:
    _require_committer(actor, commitment)
    day = delivered_on or timezone.localdate()
    if commitment.delivered_on is not None:
        raise InvalidState("This commitment is already marked delivered.")
    if day > timezone.localdate():
        raise ValidationFailed.single("delivered_on", "A delivery cannot be dated in the future.")
    if day < commitment.created_at.date():
        raise ValidationFailed.single(
            "delivered_on", "A delivery cannot be dated before the commitment was given."
        )
    with transaction.atomic():
        updated = tracked_update(
            actor=actor,
            instance=commitment,
            version=version,
            changes={"delivered_on": day, "given_up_on": None},
        )
        _note_streak(actor, updated)
    return updated


def commitment_renegotiate(
    *, actor: Any, commitment: Commitment, version: int | None, to_date: datetime.date | None, reason: str
) -> Commitment:
    """A new date: recorded as a renegotiation with its reason; the promised date stays."""
    _require_committer(actor, commitment)
    if commitment.delivered_on is not None or commitment.given_up_on is not None:
        raise InvalidState("A delivered or given-up commitment has no date left to renegotiate.")
    errors: dict[str, list[str]] = {}
    cleaned_reason = _text(errors, {"reason": reason}, "reason", "Say why the date changes.", 10_000)
    if to_date is None:
        errors["to_date"] = ["Give the new date."]
    elif to_date < timezone.localdate():
        errors["to_date"] = ["The new date cannot be in the past."]
    elif to_date == commitment.due_on:
        errors["to_date"] = ["That is the date already agreed."]
    if errors or to_date is None:
        raise ValidationFailed(errors)
    with transaction.atomic():
        before = commitment.due_on
        updated = tracked_update(
            actor=actor,
            instance=commitment,
            version=version,
            changes={"due_on": to_date},
            reason=cleaned_reason,
        )
        tracked_create(
            actor=actor,
            instance=Renegotiation(
                commitment=updated,
                from_date=before,
                to_date=to_date,
                reason=cleaned_reason,
                recorded_by=actor,
            ),
        )
    return updated


def commitment_give_up(*, actor: Any, commitment: Commitment, version: int | None, reason: str) -> Commitment:
    """Say openly that it cannot be delivered: better than letting the date pass in silence."""
    _require_committer(actor, commitment)
    if commitment.delivered_on is not None or commitment.given_up_on is not None:
        raise InvalidState("This commitment is already closed.")
    errors: dict[str, list[str]] = {}
    cleaned = _text(errors, {"reason": reason}, "reason", "Say why it cannot be delivered.", 10_000)
    if errors:
        raise ValidationFailed(errors)
    return tracked_update(
        actor=actor,
        instance=commitment,
        version=version,
        changes={"given_up_on": timezone.localdate()},
        reason=cleaned,
    )


def learning_add(
    *, actor: Any, commitment: Commitment, what_happened: str, what_we_change: str
) -> BlamelessNote:
    """A blameless note on a missed commitment (broken or kept late), by the committing side."""
    _require_committer(actor, commitment)
    if status(commitment, timezone.localdate()) not in (Status.BROKEN, Status.KEPT_LATE):
        raise InvalidState("Learnings are written on commitments kept late or broken.")
    errors: dict[str, list[str]] = {}
    fields = {"what_happened": what_happened, "what_we_change": what_we_change}
    happened = _text(errors, fields, "what_happened", "Describe what happened (facts, not fault).", 10_000)
    change = _text(
        errors, fields, "what_we_change", "Say what you change so it does not happen again.", 10_000
    )
    if errors:
        raise ValidationFailed(errors)
    return tracked_create(
        actor=actor,
        instance=BlamelessNote(
            commitment=commitment, what_happened=happened, what_we_change=change, written_by=actor
        ),
    )


def _note_streak(actor: Any, commitment: Commitment) -> None:
    """Every fifth on-time delivery in a row by a party is a win, once per completing commitment."""
    pairs: list[tuple[datetime.date, datetime.date]] = list(
        Commitment.unscoped.filter(
            partnership_id=commitment.partnership_id, owner_id=commitment.owner_id, delivered_on__isnull=False
        )
        .order_by("delivered_on", "id")
        .values_list("promised_on", "delivered_on")  # type: ignore[arg-type]  # filtered to delivered
    )
    run = on_time_run(pairs)
    if run == 0 or run % STREAK:
        return
    kind = "commitment_streak"
    if SuccessEvent.unscoped.filter(commitment=commitment, kind=kind).exists():
        return
    tracked_create(
        actor=actor,
        instance=SuccessEvent(
            partnership_id=commitment.partnership_id,
            owner_id=commitment.owner_id,
            visibility=Visibility.SHARED,
            created_by=actor,
            kind=kind,
            commitment=commitment,
            occurred_on=commitment.delivered_on or timezone.localdate(),
            text=f"{commitment.owner.name}: {run} commitments in a row kept on time",
        ),
    )


def kudos_give(*, actor: Any, partnership: Partnership, text: str) -> SuccessEvent:
    """Thanks from either side, in the wins feed for both."""
    owner_id = writer_org(actor, partnership)
    errors: dict[str, list[str]] = {}
    cleaned = _text(errors, {"text": text}, "text", "Say what you are thanking them for.", 300)
    if errors:
        raise ValidationFailed(errors)
    return tracked_create(
        actor=actor,
        instance=SuccessEvent(
            partnership=partnership,
            owner_id=owner_id,
            visibility=Visibility.SHARED,
            created_by=actor,
            kind="kudos",
            occurred_on=timezone.localdate(),
            text=cleaned,
        ),
    )


def assign(
    *,
    actor: Any,
    partnership_id: int,
    owner_orgs: list[int],
    visibility: str,
    owner_person_id: int,
    title: str,
    promised_on: datetime.date | None,
    source: str,
    description: str = "",
    **links: Any,
) -> Commitment:
    """A commitment given to a person: it belongs to the organisation of that person among
    `owner_orgs` (for a meeting action or a plan item: access.linking.item_owners of the meeting or
    plan) and has the visibility of where it was agreed. Access is the caller's to check."""
    errors: dict[str, list[str]] = {}
    owner_org = next((org for org in owner_orgs if belongs_to(owner_person_id, org)), None)
    if owner_org is None:
        errors["owner_person_id"] = ["Choose a person of an organisation taking part."]
    cleaned_title = _text(errors, {"title": title}, "title", "Say what is to be done.", 200)
    if promised_on is None:
        errors["promised_on"] = ["Give the date it is due."]
    elif promised_on < timezone.localdate():
        errors["promised_on"] = ["It cannot be due in the past."]
    if errors or owner_org is None or promised_on is None:
        raise ValidationFailed(errors)
    return tracked_create(
        actor=actor,
        instance=Commitment(
            partnership_id=partnership_id,
            owner_id=owner_org,
            visibility=visibility,
            created_by=actor,
            owner_person_id=owner_person_id,
            title=cleaned_title,
            description=(description or "").strip(),
            source=source,
            promised_on=promised_on,
            due_on=promised_on,
            **links,
        ),
    )
