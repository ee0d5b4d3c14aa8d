"""People's accounts."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from concord.access.policy import require_self
from concord.accounts.models import User
from concord.audit.models import AuditAction
from concord.audit.services import record, tracked_update
from concord.core.errors import ValidationFailed


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


def formats_set(*, actor: User, user: User, time_zone: str, locale: str) -> User:
    """A person's own time zone and number format (their pages show and read times and numbers so)."""
    require_self(actor, user.pk)
    changes = {"time_zone": time_zone, "locale": locale}
    person = User.objects.get(pk=user.pk)  # `user` may be a request's lazy object
    return tracked_update(actor=actor, instance=person, version=None, changes=changes)
