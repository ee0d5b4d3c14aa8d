"""Accounts and personal API tokens."""

import hashlib
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from concord.access.policy import require_self
from concord.accounts.models import ApiToken, User
from concord.audit.models import AuditAction
from concord.audit.services import record, tracked_create
from concord.core.errors import ValidationFailed

TOKEN_PREFIX = "cnc_"


def user_register(*, email: str, full_name: str, password: str) -> User:
    """Create an account (through an invitation or the demo). The model checks the address, the
    name and that no account has the address yet; the password validators check the password."""
    user = User(email=email.strip().lower(), full_name=full_name.strip())
    errors: dict[str, list[str]] = {}
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        errors = {field: list(messages) for field, messages in exc.message_dict.items()}
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationFailed(errors)
    user.set_password(password)
    user.save()
    record(actor=user, action=AuditAction.CREATE, instance=user, changes={"email": [None, user.email]})
    return user


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns it with the secret, which is never stored and shown only once.
    The model checks the name (given, at most 100 characters, no NUL)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=actor, name=name, prefix=secret[:12], digest=_digest(secret))
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


def token_authenticate(secret: str) -> User | None:
    """The active user a bearer secret belongs to; stamps the token's last use."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.unscoped.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.unscoped.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
