"""Reads of a person's own API tokens."""

from django.db.models import QuerySet

from concord.access.models import Membership
from concord.access.policy import get_for
from concord.accounts.models import ApiToken, User


def token_list(*, actor: User) -> QuerySet[ApiToken]:
    """The actor's tokens, newest first (filtered by filters.TokenFilter, read in pages)."""
    return ApiToken.objects.restrict(actor).order_by("-created_at", "-pk")


def token_get(*, actor: User, pk: int) -> ApiToken:
    return get_for(actor, ApiToken, pk=pk).obj


def my_memberships(*, actor: User) -> QuerySet[Membership]:
    """The actor's own memberships, with their organisations."""
    return Membership.objects.restrict(actor).filter(user_id=actor.pk).select_related("organisation")
