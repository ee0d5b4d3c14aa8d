"""Agreement use cases: create and edit, move through the lifecycle past the vision gate, clauses,
bulk import, objective links and negotiation notes.

Who may do what:
- any contributor of a party drafts agreements and clauses, links objectives and posts positions;
- only an authorised signatory (an admin of a party) records the signature, expires an agreement,
  or overrides the vision gate — and the override needs a written reason, kept on the agreement and
  in the audit trail.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from concord.access.policy import acting_organisation, require, require_signatory, writer_org
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.agreements.models import Agreement, AgreementKind, AgreementStatus, Clause, ClauseNote
from concord.agreements.parsing import ParsedClause
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import InvalidState, ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.goals.models import SuccessEvent
from concord.partnerships.models import Partnership
from concord.vision.models import RevisionStatus
from concord.vision.services.document import current_revision, document_for, link_objectives, status_of

# What a signed agreement may still change: its terms are fixed.
AFTER_SIGNING = {"reference", "renewal_notice_date"}
# The lifecycle. Negotiation may fall back to drafting; nothing leaves "expired".
MOVES: dict[str, tuple[str, ...]] = {
    AgreementStatus.DRAFTING: (AgreementStatus.NEGOTIATION,),
    AgreementStatus.NEGOTIATION: (AgreementStatus.DRAFTING, AgreementStatus.SIGNED),
    AgreementStatus.SIGNED: (AgreementStatus.EXPIRED,),
    AgreementStatus.EXPIRED: (),
}
SIGNATORY_MOVES = {AgreementStatus.SIGNED, AgreementStatus.EXPIRED}


def vision_agreed(partnership: Partnership) -> bool:
    parties = set(partnership.parties.values_list("organisation_id", flat=True))
    return status_of(current_revision(document_for(partnership)), parties) == RevisionStatus.AGREED


def agreement_create(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    kind: str = AgreementKind.CONTRACT,
    reference: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    renewal_notice_date: datetime.date | None = None,
) -> Agreement:
    """Start drafting an agreement (contributors of any party). The model checks the values (choices,
    lengths, the term's dates in order) when it is saved."""
    require(actor, Action.CONTRIBUTE, partnership)
    agreement = Agreement(
        partnership=partnership,
        created_by=actor,
        kind=kind,
        title=title,
        reference=reference,
        start_date=start_date,
        end_date=end_date,
        renewal_notice_date=renewal_notice_date,
    )
    return tracked_create(actor=actor, instance=agreement)


def agreement_update(
    *,
    actor: User,
    agreement: Agreement,
    version: int | None,
    kind: str | Unset = UNSET,
    title: str | Unset = UNSET,
    reference: str | Unset = UNSET,
    start_date: datetime.date | Unset | None = UNSET,
    end_date: datetime.date | Unset | None = UNSET,
    renewal_notice_date: datetime.date | Unset | None = UNSET,
) -> Agreement:
    """Change what is given; a signed (or expired) agreement keeps its terms: only its reference and
    renewal notice date still change."""
    require(actor, Action.CONTRIBUTE, agreement.partnership)
    changes = given(
        kind=kind,
        title=title,
        reference=reference,
        start_date=start_date,
        end_date=end_date,
        renewal_notice_date=renewal_notice_date,
    )
    changed = {name for name, value in changes.items() if getattr(agreement, name) != value}
    if agreement.status in (AgreementStatus.SIGNED, AgreementStatus.EXPIRED) and changed - AFTER_SIGNING:
        raise InvalidState("A signed agreement keeps its terms; only reference and renewal notice change.")
    return tracked_update(actor=actor, instance=agreement, version=version, changes=changes)


def agreement_move(
    *,
    actor: User,
    agreement: Agreement,
    to: str,
    version: int | None,
    override_reason: str = "",
    signed_on: datetime.date | None = None,
) -> Agreement:
    """Move along the lifecycle. Leaving drafting needs an agreed vision, or an admin's override."""
    partnership = agreement.partnership
    require(actor, Action.CONTRIBUTE, partnership)
    if to not in MOVES[agreement.status]:
        allowed = ", ".join(MOVES[agreement.status]) or "nothing"
        raise InvalidState(f"A {agreement.status} agreement can move to {allowed}, not to {to}.")
    if to in SIGNATORY_MOVES:
        require_signatory(actor, partnership)
    changes: dict[str, Any] = {"status": to}
    if agreement.status == AgreementStatus.DRAFTING:
        changes |= _gate(actor, agreement, override_reason.strip())
    if to == AgreementStatus.SIGNED:
        changes["signed_on"] = signed_on or timezone.localdate()
    with transaction.atomic():
        moved = tracked_update(
            actor=actor,
            instance=agreement,
            version=version,
            changes=changes,
            reason=changes.get("gate_override_reason", ""),
        )
        if to == AgreementStatus.SIGNED:
            _signed_milestone(actor, moved)
    return moved


def _signed_milestone(actor: User, agreement: Agreement) -> None:
    """A signed agreement is a milestone for both sides' wins feed."""
    owner_id = acting_organisation(actor, agreement.partnership)
    assert owner_id is not None  # only a signatory of a party signs
    tracked_create(
        actor=actor,
        instance=SuccessEvent(
            partnership_id=agreement.partnership_id,
            owner_id=owner_id,
            visibility=Visibility.SHARED,
            created_by=actor,
            kind="milestone",
            occurred_on=agreement.signed_on or timezone.localdate(),
            text=f"Signed: {agreement.title}"[:300],
        ),
    )


def _gate(actor: User, agreement: Agreement, reason: str) -> dict[str, Any]:
    """Leaving drafting: open with an agreed vision (or an earlier override), else an admin's reason."""
    if agreement.gate_override_reason or vision_agreed(agreement.partnership):
        return {}
    if not reason:
        raise ValidationFailed.single(
            "override_reason",
            "The Shared Vision is not agreed yet. Agree it first, or (admins) override "
            "the gate with a written reason.",
        )
    require_signatory(actor, agreement.partnership)  # the reason's length is the model's to check
    return {"gate_override_reason": reason, "gate_override_by": actor, "gate_override_at": timezone.now()}


def expire_ended(*, today: datetime.date) -> int:
    """Daily: signed agreements past their end date become expired (a system change, audited)."""
    moved = 0
    for agreement in Agreement.unscoped.filter(status=AgreementStatus.SIGNED, end_date__lt=today):
        tracked_update(
            actor=None,
            instance=agreement,
            version=None,
            changes={"status": AgreementStatus.EXPIRED},
            reason=f"End date {agreement.end_date:%Y-%m-%d} passed.",
        )
        moved += 1
    return moved


# ---- clauses -------------------------------------------------------------------------------------


def require_editable(actor: User, agreement: Agreement) -> None:
    require(actor, Action.CONTRIBUTE, agreement.partnership)
    if agreement.status in (AgreementStatus.SIGNED, AgreementStatus.EXPIRED):
        raise InvalidState("The agreement is signed; its clauses can no longer change.")


def _next_position(agreement: Agreement) -> int:
    return (agreement.clauses.aggregate(top=Max("position"))["top"] or 0) + 1


def _check_number_free(agreement: Agreement, number: str, exclude: int | None = None) -> None:
    taken = agreement.clauses.filter(number=number).exclude(pk=exclude or 0)
    if number and taken.exists():
        raise ValidationFailed.single("number", f"Clause {number} already exists in this agreement.")


def clause_add(
    *, actor: User, agreement: Agreement, heading: str, text: str = "", number: str = ""
) -> Clause:
    """Add a clause at the end; its number, if given, is free in the agreement."""
    require_editable(actor, agreement)
    with transaction.atomic():
        Agreement.unscoped.select_for_update().get(pk=agreement.pk)
        _check_number_free(agreement, number)
        clause = Clause(
            agreement=agreement, position=_next_position(agreement), number=number, heading=heading, text=text
        )
        return tracked_create(actor=actor, instance=clause)


def clauses_import(*, actor: User, agreement: Agreement, parsed: list[ParsedClause]) -> list[Clause]:
    """Append parsed clauses, all or nothing; numbers already in the agreement are refused up front."""
    require_editable(actor, agreement)
    if not parsed:
        raise ValidationFailed.single("text", "No clauses found to import.")
    with transaction.atomic():
        Agreement.unscoped.select_for_update().get(pk=agreement.pk)
        existing = set(agreement.clauses.exclude(number="").values_list("number", flat=True))
        clashes = [f"line {p.line}: clause {p.number} already exists" for p in parsed if p.number in existing]
        if clashes:
            raise ValidationFailed({"text": clashes})
        start = _next_position(agreement)
        created = []
        for offset, item in enumerate(parsed):
            clause = Clause(
                agreement=agreement,
                position=start + offset,
                number=item.number or str(start + offset),
                heading=item.heading,
                text=item.text,
            )
            created.append(tracked_create(actor=actor, instance=clause))
    return created


def clause_update(
    *,
    actor: User,
    clause: Clause,
    version: int | None,
    number: str | Unset = UNSET,
    heading: str | Unset = UNSET,
    text: str | Unset = UNSET,
    negotiation_status: str | Unset = UNSET,
    objective_ids: Sequence[int] | Unset = UNSET,
) -> Clause:
    """Edit the wording, the negotiation status and/or the objectives a clause supports (one version
    check). The wording of a signed agreement no longer changes; its links and status still do."""
    agreement = clause.agreement
    changes = given(number=number, heading=heading, text=text, negotiation_status=negotiation_status)
    wording = {k for k in ("number", "heading", "text") if k in changes and changes[k] != getattr(clause, k)}
    if wording:
        require_editable(actor, agreement)
    else:
        require(actor, Action.CONTRIBUTE, agreement.partnership)
    if "number" in wording:
        _check_number_free(agreement, changes["number"], exclude=clause.pk)
    with transaction.atomic():
        stored = Clause.unscoped.select_for_update().values_list("version", flat=True).get(pk=clause.pk)
        updated = tracked_update(actor=actor, instance=clause, version=version, changes=changes)
        if (
            not isinstance(objective_ids, Unset)
            and _set_objectives(actor, updated, objective_ids)
            and (updated.version == stored)
        ):
            # A links-only change still moves the version, so a stale form cannot undo it silently.
            Clause.unscoped.filter(pk=updated.pk).update(version=F("version") + 1)
            updated.refresh_from_db()
    return updated


def _set_objectives(actor: User, clause: Clause, objective_ids: Sequence[int]) -> bool:
    try:
        return link_objectives(
            actor=actor,
            record=clause,
            partnership_id=clause.agreement.partnership_id,
            objective_ids=list(objective_ids),
        )
    except ValidationFailed as exc:  # named as the clause's input names it
        raise ValidationFailed({"objective_ids": exc.errors.get("objectives", [])}) from exc


def note_add(*, actor: User, clause: Clause, body: str, visibility: str = Visibility.SHARED) -> ClauseNote:
    """State your organisation's position on a clause; internal notes stay with your team. The model
    checks the body (not blank, at most 20,000 characters) and the visibility."""
    partnership = clause.agreement.partnership
    owner_id = writer_org(actor, partnership)
    note = ClauseNote(
        partnership=partnership,
        owner_id=owner_id,
        created_by=actor,
        clause=clause,
        body=body,
        visibility=visibility,
    )
    return tracked_create(actor=actor, instance=note)
