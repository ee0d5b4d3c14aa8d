"""Reads of a person's own API tokens and two-factor sign-in."""

from django.db.models import QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.access.models import Membership
from concord.access.policy import get_for, needs_two_factor
from concord.accounts.models import ApiToken, User


def token_list(*, actor: User) -> QuerySet[ApiToken]:
    """The actor's tokens, newest first (filtered by filters.TokenFilter, read in pages)."""
    return ApiToken.objects.restrict(actor).order_by("-created_at", "-pk")


def token_get(*, actor: User, pk: int) -> ApiToken:
    return get_for(actor, ApiToken, pk=pk).obj


def my_memberships(*, actor: User) -> QuerySet[Membership]:
    """The actor's own memberships, with their organisations."""
    return Membership.objects.restrict(actor).filter(user_id=actor.pk).select_related("organisation")


def two_factor_on(*, actor: User) -> bool:
    """Whether the person signs in with a second factor (a confirmed authenticator app)."""
    return bool(TOTPDevice.objects.devices_for_user(actor, confirmed=True).exists())


def backup_codes_left(*, actor: User) -> int:
    return int(StaticToken.objects.filter(device__user=actor).count())


def two_factor_missing(*, actor: User) -> bool:
    """An organisation of the person requires two-factor sign-in and they have not set it up."""
    return needs_two_factor(actor) and not two_factor_on(actor=actor)


def signing_in(*, pk: int) -> User | None:
    """The person halfway through signing in (the password was right; the code is asked next)."""
    return User.objects.filter(pk=pk, is_active=True).first()
