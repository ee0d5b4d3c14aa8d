"""Two-factor sign-in (django-otp): an authenticator app (TOTP) and one-time backup codes.

A person turns it on by proving that their app holds the secret (a code from it); until then the
secret waits in their session, so no half-made device is ever stored. Backup codes are django-otp
static tokens: each works once. The person's history records what happened, never a secret.
"""

import math
import re
import time
from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from concord.access.policy import needs_two_factor
from concord.accounts.models import User
from concord.audit.models import AuditAction
from concord.audit.services import record
from concord.core.errors import Forbidden, InvalidState, ValidationFailed

BACKUP_CODES = 10
_APP_CODE = re.compile(r"^[0-9]{6}\Z")
WRONG_CODE = "That code is not right. Check the time on your phone, or use a backup code."


def new_secret() -> str:
    """A new authenticator secret (20 random bytes, hex), kept in the session until confirmed."""
    return str(random_hex(20))


def secret_text(key: str) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    text = b32encode(unhexlify(key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def setup_uri(*, user: User, key: str) -> str:
    """The otpauth:// address an authenticator app reads (the issuer is OTP_TOTP_ISSUER)."""
    return str(TOTPDevice(user=user, key=key).config_url)


def normalise(code: str) -> str:
    """People type codes with spaces or dashes, and backup codes in capitals."""
    return re.sub(r"[\s-]", "", code or "").lower()[:32]


@dataclass(frozen=True)
class CodeCheck:
    """What a code proved: the device it came from, or how long to wait before trying again."""

    device: Device | None = None
    wait: int = 0  # seconds: too many wrong codes in a row for this device (django-otp's back-off)
    backup_codes_left: int | None = None  # after a backup code was used

    @property
    def ok(self) -> bool:
        return self.device is not None


def code_check(*, user: User, code: str) -> CodeCheck:
    """Check a sign-in code: six digits against the person's app, anything else against their
    backup codes (a backup code works once). The devices are locked for the check, so one code
    never works twice, even for two requests at once."""
    code = normalise(code)
    kind = TOTPDevice if _APP_CODE.match(code) else StaticDevice
    with transaction.atomic():
        devices = [d for d in devices_for_user(user, for_verify=True) if isinstance(d, kind)]
        waits = [_wait(device) for device in devices]
        if any(waits):
            return CodeCheck(wait=max(waits))
        for device in devices:
            if device.verify_token(code):
                left = StaticToken.objects.filter(device=device).count() if kind is StaticDevice else None
                return CodeCheck(device=device, backup_codes_left=left)
    return CodeCheck()


def _wait(device: Device) -> int:
    allowed, info = device.verify_is_allowed()
    if allowed or not info or "locked_until" not in info:
        return 0
    seconds: float = (info["locked_until"] - timezone.now()).total_seconds()
    return max(1, math.ceil(seconds))


def two_factor_enrol(*, actor: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Turn two-factor sign-in on: `code` must come from an app holding `key`. Returns the device
    and the backup codes, which are shown once and never again."""
    if user_has_device(actor):
        raise InvalidState("Two-factor sign-in is already on for your account.")
    totp = TOTP(unhexlify(key))
    totp.time = time.time()
    code = normalise(code)
    if not _APP_CODE.match(code) or not totp.verify(int(code), tolerance=1):
        raise ValidationFailed.single("code", WRONG_CODE)
    with transaction.atomic():
        # The code just used may not sign in again: the device starts after its time step.
        device = TOTPDevice(
            user=actor, name="Authenticator app", key=key, confirmed=True, last_t=totp.t(), drift=totp.drift
        )
        device.full_clean()
        device.save()
        codes = _new_backup_codes(actor)
        _history(actor, two_factor=[False, True])
    return device, codes


def two_factor_backup_codes(*, actor: User) -> list[str]:
    """New backup codes in place of the old ones (which stop working); shown once."""
    if not TOTPDevice.objects.devices_for_user(actor, confirmed=True).exists():
        raise InvalidState("Turn two-factor sign-in on first.")
    with transaction.atomic():
        codes = _new_backup_codes(actor)
        _history(actor, backup_codes=["old", "new"])
    return codes


def _new_backup_codes(actor: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=actor, defaults={"name": "Backup codes"})
    StaticToken.objects.filter(device=device).delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def two_factor_disable(*, actor: User, code: str) -> None:
    """Turn two-factor sign-in off, with a current code — unless an organisation of the person
    requires it."""
    if not user_has_device(actor):
        raise InvalidState("Two-factor sign-in is not on for your account.")
    if needs_two_factor(actor):
        raise Forbidden("An organisation you belong to requires two-factor sign-in: it stays on.")
    if not code_check(user=actor, code=code).ok:
        raise ValidationFailed.single("code", WRONG_CODE)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor).delete()
        StaticDevice.objects.filter(user=actor).delete()
        _history(actor, two_factor=[True, False])


def _history(actor: User, **changes: list[Any]) -> None:
    """The person's history: what changed about their sign-in, never a secret."""
    person = User.objects.get(pk=actor.pk)  # a request's user is a lazy stand-in, not the model
    record(actor=person, action=AuditAction.UPDATE, instance=person, changes=changes)
