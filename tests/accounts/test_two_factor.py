"""Two-factor sign-in through the real pages: set it up, sign in with a code, wrong codes, backup
codes, and what a person can do before and after the second step."""

from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from concord.accounts.services import BACKUP_CODES
from concord.audit.models import AuditEvent
from tests.accounts.two_factor import (
    CODE,
    LOGIN,
    SETUP,
    app_code,
    backup_codes,
    device_code,
    enrol,
    sign_in,
    signed_in,
)
from tests.world import World


@pytest.fixture(autouse=True)
def _no_device_back_off(settings: Any) -> None:
    """django-otp makes a device wait 1, 2, 4 … seconds after each wrong code; these tests type
    codes faster than that (test_a_device_slows_guessing_down checks the back-off itself)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _with_two_factor(world: World, persona: str = "buyer_lead") -> tuple[Any, list[str]]:
    user = world.user(persona)
    client = sign_in(user.email)
    assert signed_in(client)
    return user, enrol(client)


def test_setting_it_up_shows_the_secret_and_asks_for_a_code(world: World, client_for: Any) -> None:
    user = world.user("buyer_lead")
    client = client_for("buyer_lead")
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="totp-secret"' in html and "otpauth://totp/Concord%3Alead%40buyer.test?secret=" in html
    wrong = client.post(SETUP, {"code": "000000"})
    assert wrong.status_code == 422 and "That code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()  # nothing half-made is stored
    # The same secret is shown until it is confirmed (the app may already hold it).
    assert client.get(SETUP).content.decode().count(html.split('id="totp-secret">')[1][:20]) == 1
    codes = enrol(client)
    assert len(codes) == BACKUP_CODES == len(set(codes))
    assert TOTPDevice.objects.get(user=user).confirmed
    assert sorted(backup_codes(user)) == sorted(codes)
    # Shown once: the page now says two-factor is on and how many codes are left, not the codes.
    after = client.get(SETUP).content.decode()
    assert "10 unused backup codes" in after and codes[0] not in after
    # The person's history says it happened, without a secret.
    event = AuditEvent.unscoped.filter(object_id=user.pk, changes__has_key="two_factor").get()
    assert event.changes == {"two_factor": [False, True]}


def test_the_password_alone_no_longer_signs_in(world: World) -> None:
    user, _ = _with_two_factor(world)
    client = sign_in(user.email, next_="/organisations/")
    assert client.last.status_code == 302 and client.last["Location"] == CODE  # type: ignore[attr-defined]
    assert not signed_in(client)
    assert client.get("/").status_code == 302  # still signed out: to the sign-in page
    assert client.get("/api/v1/me").status_code == 401
    answer = client.post(CODE, {"code": device_code(user)})
    assert answer.status_code == 302 and answer["Location"] == "/organisations/"  # where they were going
    assert signed_in(client) and client.get("/").status_code == 200


def test_a_wrong_code_does_not_sign_in(world: World) -> None:
    user, _ = _with_two_factor(world)
    client = sign_in(user.email)
    right = device_code(user)
    wrong = client.post(CODE, {"code": "123456" if right != "123456" else "654321"})
    assert wrong.status_code == 422 and "That code is not right" in wrong.content.decode()
    assert not signed_in(client)
    assert client.post(CODE, {"code": "not-a-code"}).status_code == 422
    assert client.post(CODE, {"code": right}).status_code == 302 and signed_in(client)


def test_a_code_from_someone_elses_app_does_not_work(world: World) -> None:
    user, _ = _with_two_factor(world)
    other, _ = _with_two_factor(world, "supplier_lead")
    client = sign_in(user.email)
    device_code(user)
    assert client.post(CODE, {"code": device_code(other)}).status_code == 422
    assert not signed_in(client)


def test_a_code_works_once(world: World) -> None:
    """The app's code of one 30-second step signs in once (a code seen over a shoulder is spent)."""
    user, _ = _with_two_factor(world)
    code = device_code(user)
    first = sign_in(user.email)
    assert first.post(CODE, {"code": code}).status_code == 302
    second = sign_in(user.email)
    assert second.post(CODE, {"code": code}).status_code == 422 and not signed_in(second)


def test_a_backup_code_works_once(world: World) -> None:
    user, codes = _with_two_factor(world)
    client = sign_in(user.email)
    answer = client.post(CODE, {"code": codes[3].upper()}, follow=True)  # typed in capitals
    assert signed_in(client)
    assert "You signed in with a backup code; it will not work again. 9 left." in answer.content.decode()
    assert codes[3] not in backup_codes(user)
    again = sign_in(user.email)
    assert again.post(CODE, {"code": codes[3]}).status_code == 422 and not signed_in(again)
    assert again.post(CODE, {"code": codes[4]}).status_code == 302 and signed_in(again)


def test_new_backup_codes_replace_the_old(world: World) -> None:
    user, old = _with_two_factor(world)
    client = Client()
    client.force_login(user)
    answer = client.post("/account/two-factor/backup-codes/")
    assert answer.status_code == 200
    new = backup_codes(user)
    assert len(new) == BACKUP_CODES and not set(new) & set(old)
    assert all(code in answer.content.decode() for code in new)
    stale = sign_in(user.email)
    assert stale.post(CODE, {"code": old[0]}).status_code == 422


def test_the_code_step_needs_the_password_first(world: World) -> None:
    user, _ = _with_two_factor(world)
    client = Client()
    answer = client.post(CODE, {"code": device_code(user)})
    assert answer.status_code == 302 and answer["Location"] == LOGIN
    assert not signed_in(client)


def test_the_code_step_waits_ten_minutes(world: World) -> None:
    user, _ = _with_two_factor(world)
    client = sign_in(user.email)
    session = client.session
    session["concord_signin_pending"]["until"] -= 11 * 60
    session.save()
    answer = client.post(CODE, {"code": device_code(user)})
    assert answer.status_code == 302 and answer["Location"] == LOGIN and not signed_in(client)


def test_wrong_codes_pause_signing_in_like_wrong_passwords(world: World) -> None:
    """The code step is throttled by the same counts as the password: five failures in a row for
    the account (or the address) pause it, whichever step they happened at."""
    user, _ = _with_two_factor(world)
    client = sign_in(user.email, ip="198.51.100.77")
    for _ in range(4):
        assert client.post(CODE, {"code": "000001"}).status_code == 422
    paused = client.post(CODE, {"code": "000002"})
    assert paused.status_code == 429 and "Sign-in paused" in paused.content.decode()
    # Now even the right code is refused, and so is the right password from elsewhere.
    assert client.post(CODE, {"code": device_code(user)}).status_code == 429 and not signed_in(client)
    assert sign_in(user.email, ip="192.0.2.99").last.status_code == 429  # type: ignore[attr-defined]


def test_wrong_passwords_and_wrong_codes_add_up(world: World) -> None:
    user, _ = _with_two_factor(world)
    for _ in range(3):
        assert sign_in(user.email, "wrong-password").last.status_code == 200  # type: ignore[attr-defined]
    client = sign_in(user.email)  # the right password: not a success until the code
    assert client.post(CODE, {"code": "000003"}).status_code == 422
    assert client.post(CODE, {"code": "000004"}).status_code == 429


def test_signing_in_with_the_code_resets_the_count(world: World) -> None:
    user, _ = _with_two_factor(world)
    client = sign_in(user.email)
    for _ in range(4):
        client.post(CODE, {"code": "000005"})
    assert client.post(CODE, {"code": device_code(user)}).status_code == 302
    again = sign_in(user.email)
    for _ in range(4):
        assert again.post(CODE, {"code": "000006"}).status_code == 422  # four, not eight, in a row


def test_a_device_slows_guessing_down(world: World, settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    user, _ = _with_two_factor(world)
    client = sign_in(user.email)
    TOTPDevice.objects.filter(user=user).update(last_t=-1, drift=0)
    assert client.post(CODE, {"code": "000007"}).status_code == 422
    answer = client.post(CODE, {"code": app_code(TOTPDevice.objects.get(user=user).key)})
    assert answer.status_code == 422 and "Too many wrong codes: wait" in answer.content.decode()
    assert not signed_in(client)


def test_turning_it_off_needs_a_code(world: World) -> None:
    user, _ = _with_two_factor(world)
    client = Client()
    client.force_login(user)
    assert client.post("/account/two-factor/turn-off/", {"code": "000008"}).status_code == 422
    assert TOTPDevice.objects.filter(user=user).exists()
    answer = client.post("/account/two-factor/turn-off/", {"code": device_code(user)})
    assert answer.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists() and not backup_codes(user)
    assert signed_in(sign_in(user.email))  # the password alone again


def test_the_set_up_address_is_also_a_qr_code_of_that_address(world: World, client_for: Any) -> None:
    """The phone's camera reads the same otpauth:// address the page shows as text (the QR is
    segno's encoding of exactly that address, as SVG markup without style attributes)."""
    import html as markup
    import re

    import segno

    page = client_for("buyer_lead").get(SETUP).content.decode()
    uri = markup.unescape(re.search(r'<code id="totp-uri">(.*?)</code>', page).group(1))  # type: ignore[union-attr]
    drawn = re.search(r'<figure class="qr" id="totp-qr">(<svg.*?</svg>)</figure>', page, re.S)
    assert drawn and uri.startswith("otpauth://totp/")
    expected = segno.make(uri, error="m").svg_inline(scale=4, title="QR code of the set-up address")
    assert drawn.group(1) == expected and "style=" not in drawn.group(1)
