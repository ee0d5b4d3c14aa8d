"""Reads of partnerships and notes, always starting from access scoping."""

from typing import Any

from django.core.paginator import Page
from django.db.models import Prefetch, QuerySet

from concord.access.models import Membership, Party
from concord.access.policy import Found, acting_organisation, can_admin_party, get_for, may_change_listed
from concord.access.roles import Action
from concord.accounts.models import User
from concord.core.errors import NotFound
from concord.partnerships.models import Note, Partnership


def _with_parties(actor: User, queryset: QuerySet[Partnership]) -> QuerySet[Partnership]:
    parties = Party.objects.restrict(actor).select_related("organisation", "manager")
    return queryset.prefetch_related(Prefetch("parties", queryset=parties))


def partnership_list(*, actor: User) -> QuerySet[Partnership]:
    """The actor's portfolio by name (filtered by filters.PartnershipFilter, read in pages)."""
    return _with_parties(actor, Partnership.objects.restrict(actor)).order_by("name", "pk")


def partnership_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[Partnership]:
    return get_for(actor, _with_parties(actor, Partnership.objects.all()), action, pk=pk)


def party_get(*, actor: User, partnership: Partnership, pk: int) -> Party:
    party = next((p for p in partnership.parties.all() if p.pk == pk), None)
    if party is None:
        raise NotFound()
    return party


def note_list(*, actor: User, partnership: Partnership) -> QuerySet[Note]:
    """The notes the actor may read, newest first (filtered by filters.NoteFilter, read in pages)."""
    notes = Note.objects.restrict(actor).filter(partnership=partnership)
    return notes.select_related("owner", "created_by").order_by("-created_at", "-pk")


def with_edit_links(*, actor: User, notes: Page[Note]) -> Page[Note]:
    """Mark each note of a page with `can_change`, so Edit is offered only where it would work."""
    for note in notes:
        note.can_change = may_change_listed(actor, note)  # type: ignore[attr-defined]
    return notes


def note_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[Note]:
    queryset = Note.objects.select_related("owner", "created_by", "partnership")
    return get_for(actor, queryset, action, pk=pk)


def party_members(*, actor: User, party: Party) -> QuerySet[User]:
    """People who could manage a party: members of its organisation, if the actor is one too."""
    memberships = Membership.objects.restrict(actor).filter(organisation_id=party.organisation_id)
    return User.objects.filter(pk__in=memberships.values("user_id")).order_by("full_name")


def colleagues(*, actor: User, partnership: Partnership) -> list[User]:
    """The people of the organisation the actor acts for in the partnership (whom they may invite
    or make owner of something); the partner's staff list is not browsable."""
    mine = acting_organisation(actor, partnership)
    if mine is None:
        return []
    memberships = Membership.objects.restrict(actor).filter(organisation_id=mine)
    return list(User.objects.filter(pk__in=memberships.values("user_id")).order_by("full_name"))


def party_choices(partnership: Partnership) -> list[tuple[int, str]]:
    """The organisations of a partnership (read with its parties), as choices of a filter."""
    return [(p.organisation_id, p.organisation.name) for p in partnership.parties.all()]


def parties_to_manage(*, actor: User, partnership: Partnership) -> list[tuple[Party, QuerySet[Any]]]:
    """The parties whose manager the actor may name, each with its candidates."""
    return [
        (party, party_members(actor=actor, party=party))
        for party in partnership.parties.all()
        if can_admin_party(actor, party)
    ]
