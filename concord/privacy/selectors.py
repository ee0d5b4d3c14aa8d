"""Reads for the privacy entry points: the organisation an admin exports, and the operator's
look-ups (its commands act for no person, so they find what they are told by name)."""

from concord.access.policy import get_for
from concord.access.roles import Action
from concord.accounts.models import User
from concord.core.errors import NotFound, ValidationFailed
from concord.organisations.models import Organisation


def operator_organisation(reference: str) -> Organisation:
    """The organisation the operator names by id or by its exact name (any letter case)."""
    found = Organisation.unscoped.filter(pk=int(reference)) if reference.isdigit() else None
    if found is None or not found.exists():
        found = Organisation.unscoped.filter(name__iexact=reference.strip())
    organisations = list(found[:2])
    if not organisations:
        raise NotFound(f"There is no organisation {reference!r}.")
    if len(organisations) > 1:
        raise ValidationFailed.single(
            "organisation", f"More than one organisation is called {reference!r}; give its id."
        )
    return organisations[0]


def operator_person(email: str) -> User:
    """The account with this address (the operator's look-up)."""
    person = User.objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise NotFound(f"There is no account {email!r}.")
    return person


def organisation_for_export(*, actor: User, pk: int) -> Organisation:
    """An organisation whose export `actor` asks for: its admins only (403 for its other members,
    404 for everyone else)."""
    return get_for(actor, Organisation, Action.MANAGE, pk=pk).obj
