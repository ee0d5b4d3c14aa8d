"""Helpers for the two-factor tests: signing in through the real pages, and codes from an app."""

import re
from base64 import b32decode
from typing import Any

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.world import PASSWORD

LOGIN = "/account/login/"
CODE = "/account/login/code/"
SETUP = "/account/two-factor/"


def sign_in(email: str, password: str = PASSWORD, *, ip: str = "203.0.113.20", next_: str = "") -> Client:
    """A browser that has sent its email address and password (and followed nothing)."""
    client = Client(REMOTE_ADDR=ip)
    data = {"username": email, "password": password} | ({"next": next_} if next_ else {})
    client.last = client.post(LOGIN, data)  # type: ignore[attr-defined]
    return client


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def app_code(key_hex: str, *, ahead: int = 0) -> str:
    """What an authenticator app holding the secret shows now (or `ahead` steps later)."""
    totp = TOTP(bytes.fromhex(key_hex))
    totp.time = totp.time + 30 * ahead
    return f"{totp.token():06d}"


def device_code(user: Any) -> str:
    """A code the person's app shows now that the device will accept: the replay guard (a code's
    time step may be used once) is reset, so a test may sign in several times within 30 seconds."""
    TOTPDevice.objects.filter(user=user).update(last_t=-1, drift=0, throttling_failure_count=0)
    return app_code(TOTPDevice.objects.get(user=user).key)


def enrol(client: Client) -> list[str]:
    """Set two-factor sign-in up through the page, as a person with their app would."""
    page = client.get(SETUP).content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page)
    assert secret, page
    key = b32decode(secret.group(1).replace(" ", "")).hex()
    answer = client.post(SETUP, {"code": app_code(key)})
    assert answer.status_code == 200, answer.content.decode()
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", answer.content.decode())


def backup_codes(user: Any) -> list[str]:
    return list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
