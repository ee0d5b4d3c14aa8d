"""Partnership use cases: create, edit, parties and managers, notes."""

import datetime

from django.db import transaction

from concord.access.models import Party
from concord.access.policy import check_manager_candidate, require, require_party_admin, writer_org
from concord.access.roles import Action, Side, Visibility
from concord.access.sides import buying_side_of
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_delete, tracked_update
from concord.core.errors import ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.organisations.models import Organisation
from concord.partnerships import relationship
from concord.partnerships.models import Note, Partnership, PartnershipStatus, RelationshipType


def partnership_create(
    *,
    actor: User,
    buyer: Organisation,
    name: str,
    category: str = "",
    relationship_type: str = RelationshipType.STRATEGIC,
    relationship_rationale: str = "",
    start_date: datetime.date | None = None,
    description: str = "",
    check_in_every_days: int = 14,
    review_every_days: int = 91,
) -> Partnership:
    """A buying organisation's admin opens a partnership; the supplier joins by invitation. The
    model checks the values (choices, lengths, rhythms of 1 to 366 days) when it is saved."""
    require(actor, Action.MANAGE, buyer)
    partnership = Partnership(
        name=name,
        category=category,
        relationship_type=relationship_type,
        relationship_rationale=relationship_rationale,
        status=PartnershipStatus.INVITED,
        start_date=start_date,
        description=description,
        check_in_every_days=check_in_every_days,
        review_every_days=review_every_days,
    )
    with transaction.atomic():
        tracked_create(actor=actor, instance=partnership)
        party = Party(partnership=partnership, organisation=buyer, side=Side.BUYER, manager=actor)
        tracked_create(actor=actor, instance=party)
    return partnership


def partnership_update(
    *,
    actor: User,
    partnership: Partnership,
    version: int | None,
    name: str | Unset = UNSET,
    category: str | Unset = UNSET,
    relationship_type: str | Unset = UNSET,
    relationship_rationale: str | Unset = UNSET,
    status: str | Unset = UNSET,
    start_date: datetime.date | Unset | None = UNSET,
    description: str | Unset = UNSET,
    check_in_every_days: int | Unset = UNSET,
    review_every_days: int | Unset = UNSET,
) -> Partnership:
    """Change what is given (admins and partnership managers); a stale version is a Conflict. A
    new relationship type or rationale follows the relationship rule (partnerships.relationship)."""
    require(actor, Action.CHANGE, partnership)
    _check_relationship(actor, partnership, relationship_type, relationship_rationale)
    changes = given(
        name=name,
        category=category,
        relationship_type=relationship_type,
        relationship_rationale=relationship_rationale,
        status=status,
        start_date=start_date,
        description=description,
        check_in_every_days=check_in_every_days,
        review_every_days=review_every_days,
    )
    return tracked_update(actor=actor, instance=partnership, version=version, changes=changes)


def _check_relationship(
    actor: User, partnership: Partnership, kind: str | Unset, rationale: str | Unset
) -> None:
    """The one check of a change of the relationship type or its rationale, whatever the entry
    point: the buying side sets them, and a type other than its segmentation's suggestion keeps
    its rationale. Values sent unchanged (a form posting every field) change nothing."""
    if isinstance(kind, Unset) and isinstance(rationale, Unset):
        return
    # The stored values, not the instance's: a bound ModelForm has already written the posted
    # values onto the instance it was given.
    stored_type, stored_why = (
        Partnership.unscoped.filter(pk=partnership.pk)
        .values_list("relationship_type", "relationship_rationale")
        .get()
    )
    chosen = stored_type if isinstance(kind, Unset) else kind
    why = stored_why if isinstance(rationale, Unset) else rationale
    if (chosen, why) == (stored_type, stored_why):
        return
    buyer = buying_side_of(actor, partnership)
    if buyer is None:
        field = "relationship_type" if chosen != stored_type else "relationship_rationale"
        raise ValidationFailed.single(field, relationship.BUYER_SETS)
    problem = relationship.rationale_problem(relationship.suggested_type(partnership.pk, buyer), chosen, why)
    if problem:
        raise ValidationFailed.single("relationship_rationale", problem)


def party_add(
    *,
    actor: User,
    partnership: Partnership,
    organisation: Organisation,
    side: str,
    manager: User | Unset | None = UNSET,
    _invited: bool = False,
) -> Party:
    """Add an organisation as a party (through an accepted invitation). The joiner's admin becomes
    the side's partnership manager until they name someone else; `manager=None` leaves the side
    without one, for its own admins to name (an existing supplier added by the buyer's admin)."""
    if not _invited:
        require(actor, Action.MANAGE, partnership)
    if Party.unscoped.filter(partnership=partnership, organisation=organisation).exists():
        raise ValidationFailed.single("organisation", "This organisation is already a party.")
    party = tracked_create(
        actor=actor,
        instance=Party(
            partnership=partnership,
            organisation=organisation,
            side=side,
            manager=actor if isinstance(manager, Unset) else manager,
        ),
    )
    if partnership.status == PartnershipStatus.INVITED:
        tracked_update(
            actor=actor,
            instance=partnership,
            version=None,
            changes={"status": PartnershipStatus.ONBOARDING},
        )
    return party


def party_set_manager(*, actor: User, party: Party, manager: User | None) -> Party:
    """Name a side's partnership manager: an admin of that side chooses one of its members."""
    require_party_admin(actor, party)
    if manager is not None:
        check_manager_candidate(manager, party)
    return tracked_update(actor=actor, instance=party, version=None, changes={"manager": manager})


def note_create(
    *,
    actor: User,
    partnership: Partnership,
    body: str,
    title: str = "",
    visibility: str = Visibility.SHARED,
) -> Note:
    """Post a note for the actor's own organisation; `internal` keeps it from the other side."""
    owner_id = writer_org(actor, partnership)
    note = Note(
        partnership=partnership,
        owner_id=owner_id,
        created_by=actor,
        title=title,
        body=body,
        visibility=visibility,
    )
    return tracked_create(actor=actor, instance=note)


def note_update(
    *,
    actor: User,
    note: Note,
    version: int | None,
    title: str | Unset = UNSET,
    body: str | Unset = UNSET,
    visibility: str | Unset = UNSET,
) -> Note:
    require(actor, Action.CHANGE, note)
    changes = given(title=title, body=body, visibility=visibility)
    return tracked_update(actor=actor, instance=note, version=version, changes=changes)


def note_delete(*, actor: User, note: Note, version: int | None = None) -> None:
    require(actor, Action.CHANGE, note)
    tracked_delete(actor=actor, instance=note, version=version)
