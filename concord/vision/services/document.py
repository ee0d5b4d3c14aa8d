"""The vision document: co-authored revisions, stable objectives, and joint sign-off.

Every edit creates a new immutable revision. A signature is for one exact revision; agreed means
every party signed the same revision. Editing after a signature starts a new revision that needs new
signatures, and an agreed revision that is replaced is marked superseded.
"""

from typing import Any

from django.db import transaction

from concord.access.policy import require, require_signatory
from concord.access.roles import Action
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import Conflict, InvalidState, ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.partnerships.models import Partnership
from concord.vision.models import (
    DEFAULT_PRINCIPLES,
    Objective,
    RevisionStatus,
    Signature,
    VisionDocument,
    VisionRevision,
)


def document_for(partnership: Partnership) -> VisionDocument:
    document, _ = VisionDocument.unscoped.get_or_create(partnership=partnership)
    return document


def current_revision(document: VisionDocument) -> VisionRevision | None:
    return VisionRevision.unscoped.filter(document=document).order_by("-number").first()


def status_of(revision: VisionRevision | None, party_org_ids: set[int]) -> str:
    if revision is None:
        return RevisionStatus.DRAFTING
    if revision.superseded:
        return RevisionStatus.SUPERSEDED
    signed = {s.organisation_id for s in revision.signatures.all()}
    if party_org_ids and party_org_ids <= signed:
        return RevisionStatus.AGREED
    return RevisionStatus.AWAITING if signed else RevisionStatus.DRAFTING


def _objectives_snapshot(partnership: Partnership) -> list[dict[str, Any]]:
    return [
        {"id": o.pk, "code": o.code, "title": o.title, "description": o.description}
        for o in Objective.unscoped.filter(partnership=partnership, retired=False)
    ]


def _new_revision(
    *, actor: User, partnership: Partnership, base: int | None, sections: dict[str, str] | None = None
) -> VisionRevision:
    """Lock the document, refuse a stale base, and write the next revision if anything changed.
    The model checks the sections (only the vision's, each under 20,000 characters)."""
    document = VisionDocument.unscoped.select_for_update().get(pk=document_for(partnership).pk)
    current = current_revision(document)
    if current is None and base is not None:
        # An edit of a revision that does not exist is as stale as one of an older revision, but
        # there is no stored text to show beside it.
        raise InvalidState(
            f"The vision has no revision {base}: nothing has been written yet, so your edit was not "
            "saved. Send no base (null) to write the first revision."
        )
    if (current.number if current else None) != base:
        raise Conflict(
            current=current,
            submitted=sections or {},
            detail="The vision changed since you opened it; your edit was not saved.",
        )
    merged = {**(current.sections if current else {"principles": DEFAULT_PRINCIPLES}), **(sections or {})}
    objectives = _objectives_snapshot(partnership)
    if current and current.sections == merged and current.objectives == objectives:
        return current
    parties = set(partnership.parties.values_list("organisation_id", flat=True))
    if current and status_of(current, parties) == RevisionStatus.AGREED:
        current.superseded = True
        current.save(update_fields=["superseded"])
    return tracked_create(
        actor=actor,
        instance=VisionRevision(
            document=document,
            number=(current.number + 1) if current else 1,
            sections=merged,
            objectives=objectives,
            author=actor,
        ),
    )


def vision_edit(
    *, actor: User, partnership: Partnership, base: int | None, sections: dict[str, str]
) -> VisionRevision:
    """Co-author the vision: any contributor of any party may propose the next revision, on top of
    revision `base` (None for the first). Only the sections given change; the text is trimmed."""
    require(actor, Action.CONTRIBUTE, partnership)
    trimmed = {key: text.strip() if isinstance(text, str) else text for key, text in sections.items()}
    with transaction.atomic():
        return _new_revision(actor=actor, partnership=partnership, base=base, sections=trimmed)


def objective_add(
    *, actor: User, partnership: Partnership, base: int | None, title: str, description: str = ""
) -> Objective:
    """Add an objective with the next stable code; the vision gets a new revision. The model
    checks the title (given, under 200 characters) and the description."""
    require(actor, Action.CONTRIBUTE, partnership)
    with transaction.atomic():
        document_for(partnership)
        VisionDocument.unscoped.select_for_update().get(partnership=partnership)
        code = f"O{Objective.unscoped.filter(partnership=partnership).count() + 1}"
        objective = tracked_create(
            actor=actor,
            instance=Objective(partnership=partnership, code=code, title=title, description=description),
        )
        _new_revision(actor=actor, partnership=partnership, base=base)
    return objective


def objective_update(
    *,
    actor: User,
    objective: Objective,
    base: int | None,
    title: str | Unset = UNSET,
    description: str | Unset = UNSET,
    retired: bool | Unset = UNSET,
) -> Objective:
    """Reword or retire an objective (what is given changes); its code never changes. The vision
    gets a new revision."""
    require(actor, Action.CONTRIBUTE, objective.partnership)
    changes = given(title=title, description=description, retired=retired)
    with transaction.atomic():
        updated = tracked_update(actor=actor, instance=objective, version=None, changes=changes)
        _new_revision(actor=actor, partnership=objective.partnership, base=base)
    return updated


def vision_sign(*, actor: User, partnership: Partnership, number: int) -> Signature:
    """Sign exactly revision `number` for the actor's organisation (authorised signatories only)."""
    found = require_signatory(actor, partnership)
    with transaction.atomic():
        document = VisionDocument.unscoped.select_for_update().get(pk=document_for(partnership).pk)
        current = current_revision(document)
        if current is None or current.is_empty:
            raise ValidationFailed.single("revision", "An empty vision cannot be signed; write it first.")
        if current.number != number:
            raise InvalidState(
                f"Revision {number} is no longer current; read revision {current.number} and sign that one."
            )
        if Signature.unscoped.filter(revision=current, organisation_id=found.organisation_id).exists():
            raise InvalidState("Your organisation has already signed this revision.")
        return tracked_create(
            actor=actor,
            instance=Signature(revision=current, organisation_id=found.organisation_id, signed_by=actor),
        )


def link_objectives(*, actor: User, record: Any, partnership_id: int, objective_ids: list[int]) -> bool:
    """Set the current objectives a clause or goal supports; audit the codes. True if they changed.
    (`record` is a clause or a goal: apps above this one, so not named in the type.)"""
    from concord.audit.models import AuditAction
    from concord.audit.services import record as audit

    wanted = list(
        Objective.unscoped.filter(partnership_id=partnership_id, pk__in=set(objective_ids), retired=False)
    )
    if len(wanted) != len(set(objective_ids)):
        raise ValidationFailed.single(
            "objectives", "Link only current objectives of this partnership's vision."
        )
    before = sorted(record.objectives.values_list("code", flat=True))
    after = sorted(o.code for o in wanted)
    if before == after:
        return False
    record.objectives.set(wanted)
    audit(actor=actor, action=AuditAction.UPDATE, instance=record, changes={"objectives": [before, after]})
    return True
