"""Personal API tokens: created with a scope and an optional expiry, revoked, and recognised."""

import datetime
import hashlib
import secrets

from django.db.models import Q
from django.utils import timezone

from concord.access.policy import require_self
from concord.access.roles import TokenScope
from concord.accounts.models import ApiToken, User
from concord.audit.models import AuditAction
from concord.audit.services import record, tracked_create
from concord.core.errors import ValidationFailed

TOKEN_PREFIX = "cnc_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(
    *,
    actor: User,
    name: str,
    scope: str = TokenScope.READ,
    expires_on: datetime.date | None = None,
) -> tuple[ApiToken, str]:
    """Create a token; returns it with the secret, which is never stored and shown only once.
    The model checks the name (given, at most 100 characters, no NUL) and the scope; a token may
    not be born expired."""
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationFailed.single(
            "expires_on", "Choose today or a later day: a token that has already expired would never work."
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=actor,
        name=name,
        scope=scope,
        expires_on=expires_on,
        prefix=secret[:12],
        digest=_digest(secret),
    )
    tracked_create(actor=actor, instance=token)
    return token, secret


def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    require_self(actor, token.user_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=token,
            changes={"revoked_at": [None, str(token.revoked_at)]},
        )
    return token


# "Last used" tells a person which tokens are still in use; to the minute is plenty, and writing
# it on every call of a busy script would be a write per read.
LAST_USE_PRECISION = datetime.timedelta(minutes=1)


def token_authenticate(secret: str) -> ApiToken | None:
    """The working token a bearer secret names (not revoked, not expired, its person active), with
    its person; stamps its last use. Anything else is None: an unknown token, to the caller."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    unexpired = Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate())
    token = (
        ApiToken.unscoped.select_related("user")
        .filter(unexpired, digest=_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
        ApiToken.unscoped.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
