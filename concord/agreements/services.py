"""Agreement use cases: create and edit, move through the lifecycle past the vision gate, clauses,
bulk import, objective links and negotiation notes.

Who may do what:
- any contributor of a party drafts agreements and clauses, links objectives and posts positions;
- only an authorised signatory (an admin of a party) records the signature, expires an agreement,
  or overrides the vision gate — and the override needs a written reason, kept on the agreement and
  in the audit trail.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from concord.access.policy import acting_organisation, require, require_signatory, writer_org
from concord.access.roles import Action, Visibility
from concord.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Clause,
    ClauseNote,
    NegotiationStatus,
)
from concord.agreements.parsing import MAX_HEADING, MAX_TEXT, ParsedClause
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import InvalidState, ValidationFailed
from concord.goals.models import SuccessEvent
from concord.partnerships.models import Partnership
from concord.partnerships.services import clean_note
from concord.vision.models import RevisionStatus
from concord.vision.services.document import current_revision, document_for, link_objectives, status_of

FIELDS = ("kind", "title", "reference", "start_date", "end_date", "renewal_notice_date")
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


def _clean(fields: dict[str, Any], current: Agreement | None = None) -> dict[str, Any]:
    cleaned = {k: v for k, v in fields.items() if k in FIELDS}
    errors: dict[str, list[str]] = {}
    for key in ("title", "reference"):
        if key in cleaned:
            cleaned[key] = (cleaned[key] or "").strip()
    if "title" in cleaned and not cleaned["title"]:
        errors["title"] = ["Give the agreement a title."]
    if "kind" in cleaned and cleaned["kind"] not in AgreementKind.values:
        errors["kind"] = ["Choose MoU, contract or statement of work."]
    merged = {k: cleaned.get(k, getattr(current, k, None)) for k in FIELDS}
    start, end, notice = merged["start_date"], merged["end_date"], merged["renewal_notice_date"]
    if start and end and end < start:
        errors["end_date"] = ["The end date is before the start date."]
    if notice and end and notice > end:
        errors["renewal_notice_date"] = ["The renewal notice date must fall on or before the end date."]
    if notice and start and notice < start:
        errors["renewal_notice_date"] = ["The renewal notice date is before the start date."]
    if errors:
        raise ValidationFailed(errors)
    return cleaned


def agreement_create(*, actor: Any, partnership: Partnership, **fields: Any) -> Agreement:
    require(actor, Action.CONTRIBUTE, partnership)
    cleaned = _clean({"kind": AgreementKind.CONTRACT, **fields})
    return tracked_create(
        actor=actor, instance=Agreement(partnership=partnership, created_by=actor, **cleaned)
    )


def agreement_update(*, actor: Any, agreement: Agreement, version: int | None, **fields: Any) -> Agreement:
    require(actor, Action.CONTRIBUTE, agreement.partnership)
    if agreement.status in (AgreementStatus.SIGNED, AgreementStatus.EXPIRED) and set(fields) - {
        "renewal_notice_date",
        "reference",
    }:
        raise InvalidState("A signed agreement keeps its terms; only reference and renewal notice change.")
    return tracked_update(
        actor=actor, instance=agreement, version=version, changes=_clean(fields, current=agreement)
    )


def agreement_move(
    *,
    actor: Any,
    agreement: Agreement,
    to: str,
    version: int | None,
    override_reason: str = "",
    signed_on: datetime.date | None = None,
) -> Agreement:
    """Move along the lifecycle. Leaving drafting needs an agreed vision, or an admin's override."""
    partnership = agreement.partnership
    require(actor, Action.CONTRIBUTE, partnership)
    if to not in AgreementStatus.values:
        raise ValidationFailed.single("to", "Choose drafting, negotiation, signed or expired.")
    if to not in MOVES[agreement.status]:
        allowed = ", ".join(MOVES[agreement.status]) or "nothing"
        raise InvalidState(f"A {agreement.status} agreement can move to {allowed}, not to {to}.")
    if to in SIGNATORY_MOVES:
        require_signatory(actor, partnership)
    changes: dict[str, Any] = {"status": to}
    if agreement.status == AgreementStatus.DRAFTING:
        changes |= _gate(actor, agreement, (override_reason or "").strip())
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


def _signed_milestone(actor: Any, agreement: Agreement) -> None:
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


def _gate(actor: Any, agreement: Agreement, reason: str) -> dict[str, Any]:
    """Leaving drafting: open with an agreed vision (or an earlier override), else an admin's reason."""
    if agreement.gate_override_reason or vision_agreed(agreement.partnership):
        return {}
    if not reason:
        raise ValidationFailed.single(
            "override_reason",
            "The Shared Vision is not agreed yet. Agree it first, or (admins) override "
            "the gate with a written reason.",
        )
    require_signatory(actor, agreement.partnership)
    if len(reason) > 2000:
        raise ValidationFailed.single("override_reason", "Keep the reason under 2,000 characters.")
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


def require_editable(actor: Any, agreement: Agreement) -> None:
    require(actor, Action.CONTRIBUTE, agreement.partnership)
    if agreement.status in (AgreementStatus.SIGNED, AgreementStatus.EXPIRED):
        raise InvalidState("The agreement is signed; its clauses can no longer change.")


def _clean_clause(number: str, heading: str, text: str) -> dict[str, str]:
    number, heading, text = (number or "").strip(), (heading or "").strip(), (text or "").strip()
    errors = {}
    if len(number) > 20:
        errors["number"] = ["Keep the clause number under 20 characters."]
    if not heading:
        errors["heading"] = ["Give the clause a heading."]
    elif len(heading) > MAX_HEADING:
        errors["heading"] = [f"Keep the heading under {MAX_HEADING} characters."]
    if len(text) > MAX_TEXT:
        errors["text"] = [f"Keep the clause under {MAX_TEXT:,} characters."]
    if errors:
        raise ValidationFailed(errors)
    return {"number": number, "heading": heading, "text": text}


def _next_position(agreement: Agreement) -> int:
    return (agreement.clauses.aggregate(top=Max("position"))["top"] or 0) + 1


def _check_number_free(agreement: Agreement, number: str, exclude: int | None = None) -> None:
    taken = agreement.clauses.filter(number=number).exclude(pk=exclude or 0)
    if number and taken.exists():
        raise ValidationFailed.single("number", f"Clause {number} already exists in this agreement.")


def clause_add(*, actor: Any, agreement: Agreement, heading: str, text: str = "", number: str = "") -> Clause:
    require_editable(actor, agreement)
    cleaned = _clean_clause(number, heading, text)
    with transaction.atomic():
        Agreement.unscoped.select_for_update().get(pk=agreement.pk)
        _check_number_free(agreement, cleaned["number"])
        return tracked_create(
            actor=actor, instance=Clause(agreement=agreement, position=_next_position(agreement), **cleaned)
        )


def clauses_import(*, actor: Any, agreement: Agreement, parsed: list[ParsedClause]) -> list[Clause]:
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
            cleaned = _clean_clause(item.number or str(start + offset), item.heading, item.text)
            created.append(
                tracked_create(
                    actor=actor, instance=Clause(agreement=agreement, position=start + offset, **cleaned)
                )
            )
    return created


def clause_update(
    *,
    actor: Any,
    clause: Clause,
    version: int | None,
    objective_ids: list[int] | None = None,
    **fields: Any,
) -> Clause:
    """Edit text, negotiation status and/or the objectives a clause supports (one version check)."""
    agreement = clause.agreement
    text_fields = {k: fields[k] for k in ("number", "heading", "text") if k in fields}
    if text_fields:
        require_editable(actor, agreement)
    else:
        require(actor, Action.CONTRIBUTE, agreement.partnership)
    changes: dict[str, Any] = {}
    if text_fields:
        merged = {k: getattr(clause, k) for k in ("number", "heading", "text")} | text_fields
        changes |= _clean_clause(merged["number"], merged["heading"], merged["text"])
        _check_number_free(agreement, changes["number"], exclude=clause.pk)
    if "negotiation_status" in fields:
        if fields["negotiation_status"] not in NegotiationStatus.values:
            raise ValidationFailed.single("negotiation_status", "Choose open, agreed or disputed.")
        changes["negotiation_status"] = fields["negotiation_status"]
    with transaction.atomic():
        stored = Clause.unscoped.select_for_update().values_list("version", flat=True).get(pk=clause.pk)
        updated = tracked_update(actor=actor, instance=clause, version=version, changes=changes)
        if (
            objective_ids is not None
            and _set_objectives(actor, updated, objective_ids)
            and (updated.version == stored)
        ):
            # A links-only change still moves the version, so a stale form cannot undo it silently.
            Clause.unscoped.filter(pk=updated.pk).update(version=F("version") + 1)
            updated.refresh_from_db()
    return updated


def _set_objectives(actor: Any, clause: Clause, objective_ids: list[int]) -> bool:
    return link_objectives(
        actor=actor,
        record=clause,
        partnership_id=clause.agreement.partnership_id,
        objective_ids=objective_ids,
    )


def note_add(*, actor: Any, clause: Clause, body: str, visibility: str = Visibility.SHARED) -> ClauseNote:
    """State your organisation's position on a clause; internal notes stay with your team."""
    partnership = clause.agreement.partnership
    owner_id = writer_org(actor, partnership)
    cleaned = clean_note({"body": body, "visibility": visibility})
    return tracked_create(
        actor=actor,
        instance=ClauseNote(
            partnership=partnership, owner_id=owner_id, created_by=actor, clause=clause, **cleaned
        ),
    )
