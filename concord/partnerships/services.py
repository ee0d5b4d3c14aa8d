"""Partnership use cases: create, edit, parties and managers, notes."""

import datetime
from typing import Any

from django.db import transaction

from concord.access.models import Party
from concord.access.policy import check_manager_candidate, require, require_party_admin, writer_org
from concord.access.roles import Action, Side, Visibility
from concord.audit.services import tracked_create, tracked_delete, tracked_update
from concord.core.errors import ValidationFailed
from concord.organisations.models import Organisation
from concord.partnerships.models import Note, Partnership, PartnershipStatus, RelationshipType

PARTNERSHIP_FIELDS = (
    "name",
    "category",
    "relationship_type",
    "relationship_rationale",
    "status",
    "start_date",
    "description",
    "check_in_every_days",
    "review_every_days",
)


def _clean_partnership_fields(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned = {k: v for k, v in fields.items() if k in PARTNERSHIP_FIELDS}
    errors: dict[str, list[str]] = {}
    if "name" in cleaned:
        cleaned["name"] = (cleaned["name"] or "").strip()
        if not cleaned["name"]:
            errors["name"] = ["Give the partnership a name."]
    if "relationship_type" in cleaned and cleaned["relationship_type"] not in RelationshipType.values:
        errors["relationship_type"] = ["Choose transactional, tactical, strategic or hybrid."]
    if "status" in cleaned and cleaned["status"] not in PartnershipStatus.values:
        errors["status"] = ["Choose a known status."]
    for key in ("check_in_every_days", "review_every_days"):
        if key in cleaned:
            days = cleaned[key]
            if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 366:
                errors[key] = ["Give a number of days from 1 to 366."]
    start = cleaned.get("start_date")
    if start is not None and not isinstance(start, datetime.date):
        errors["start_date"] = ["Enter a date as YYYY-MM-DD."]
    if errors:
        raise ValidationFailed(errors)
    return cleaned


def partnership_create(*, actor: Any, buyer: Organisation, name: str, **fields: Any) -> Partnership:
    """A buying organisation's admin opens a partnership; the supplier joins by invitation."""
    require(actor, Action.MANAGE, buyer)
    cleaned = _clean_partnership_fields({"name": name, **fields})
    cleaned.setdefault("status", PartnershipStatus.INVITED)
    with transaction.atomic():
        partnership = tracked_create(actor=actor, instance=Partnership(**cleaned))
        party = Party(partnership=partnership, organisation=buyer, side=Side.BUYER, manager=actor)
        tracked_create(actor=actor, instance=party)
    return partnership


def partnership_update(
    *, actor: Any, partnership: Partnership, version: int | None, **fields: Any
) -> Partnership:
    require(actor, Action.CHANGE, partnership)
    return tracked_update(
        actor=actor,
        instance=partnership,
        version=version,
        changes=_clean_partnership_fields(fields),
    )


def party_add(
    *,
    actor: Any,
    partnership: Partnership,
    organisation: Organisation,
    side: str,
    _invited: bool = False,
) -> Party:
    """Add an organisation as a party (through an accepted invitation). The joiner's admin becomes
    the side's partnership manager until they name someone else."""
    if not _invited:
        require(actor, Action.MANAGE, partnership)
    if Party.unscoped.filter(partnership=partnership, organisation=organisation).exists():
        raise ValidationFailed.single("organisation", "This organisation is already a party.")
    party = tracked_create(
        actor=actor,
        instance=Party(partnership=partnership, organisation=organisation, side=side, manager=actor),
    )
    if partnership.status == PartnershipStatus.INVITED:
        tracked_update(
            actor=actor,
            instance=partnership,
            version=None,
            changes={"status": PartnershipStatus.ONBOARDING},
        )
    return party


def party_set_manager(*, actor: Any, party: Party, manager: Any) -> Party:
    """Name a side's partnership manager: an admin of that side chooses one of its members."""
    require_party_admin(actor, party)
    if manager is not None:
        check_manager_candidate(manager, party)
    return tracked_update(actor=actor, instance=party, version=None, changes={"manager": manager})


def clean_note(fields: dict[str, Any]) -> dict[str, Any]:
    """Validate the title/body/visibility of any note-like record (notes, comments, positions)."""
    cleaned = {k: v for k, v in fields.items() if k in ("title", "body", "visibility")}
    errors: dict[str, list[str]] = {}
    if "body" in cleaned:
        cleaned["body"] = (cleaned["body"] or "").strip()
        if not cleaned["body"]:
            errors["body"] = ["Write something in the note."]
        elif len(cleaned["body"]) > 20000:
            errors["body"] = ["Keep a note under 20,000 characters."]
    if "title" in cleaned:
        cleaned["title"] = (cleaned["title"] or "").strip()
        if len(cleaned["title"]) > 200:
            errors["title"] = ["Keep the title under 200 characters."]
    if "visibility" in cleaned and cleaned["visibility"] not in Visibility.values:
        errors["visibility"] = ["Choose shared or internal."]
    if errors:
        raise ValidationFailed(errors)
    return cleaned


def note_create(
    *,
    actor: Any,
    partnership: Partnership,
    body: str,
    title: str = "",
    visibility: str = Visibility.SHARED,
) -> Note:
    """Post a note for the actor's own organisation; `internal` keeps it from the other side."""
    require(actor, Action.VIEW, partnership)
    owner_id = writer_org(actor, partnership)
    cleaned = clean_note({"title": title, "body": body, "visibility": visibility})
    note = Note(partnership=partnership, owner_id=owner_id, created_by=actor, **cleaned)
    return tracked_create(actor=actor, instance=note)


def note_update(*, actor: Any, note: Note, version: int | None, **fields: Any) -> Note:
    require(actor, Action.CHANGE, note)
    return tracked_update(actor=actor, instance=note, version=version, changes=clean_note(fields))


def note_delete(*, actor: Any, note: Note, version: int | None = None) -> None:
    require(actor, Action.CHANGE, note)
    tracked_delete(actor=actor, instance=note, version=version)
