"""Sign-in is throttled: repeated failures pause signing in for the account and for the address."""

import datetime
from typing import Any

from axes.models import AccessAttempt
from django.test import Client

from tests.world import PASSWORD, World

LOGIN = "/account/login/"


def _try(email: str, password: str, ip: str = "203.0.113.7") -> Any:
    return Client(REMOTE_ADDR=ip).post(LOGIN, {"username": email, "password": password})


def test_five_failures_pause_the_account_even_for_the_right_password(world: World) -> None:
    email = world.user("supplier_lead").email
    for _ in range(4):
        assert _try(email, "wrong-password").status_code == 200  # the form again, with its error
    assert _try(email, "wrong-password").status_code == 429  # the fifth failure pauses
    paused = _try(email, PASSWORD)
    assert paused.status_code == 429 and "Sign-in paused" in paused.content.decode()
    assert "_auth_user_id" not in paused.wsgi_request.session
    # From another address the account stays paused: the count is per account too.
    assert _try(email, PASSWORD, ip="198.51.100.1").status_code == 429
    # Once the pause is over, the right password works again.
    AccessAttempt.objects.update(attempt_time=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert _try(email, PASSWORD).status_code == 302


def test_failures_from_one_address_pause_that_address_for_every_account(world: World) -> None:
    for i in range(5):
        _try(f"guess{i}@buyer.test", "wrong-password", ip="192.0.2.50")
    assert _try(world.user("buyer_lead").email, PASSWORD, ip="192.0.2.50").status_code == 429
    assert _try(world.user("buyer_lead").email, PASSWORD, ip="192.0.2.51").status_code == 302


def test_a_successful_sign_in_resets_the_count(world: World) -> None:
    email = world.user("buyer_viewer").email
    for _ in range(4):
        _try(email, "wrong-password")
    assert _try(email, PASSWORD).status_code == 302
    for _ in range(4):
        _try(email, "wrong-password")
    assert _try(email, PASSWORD).status_code == 302  # four, not eight, failures in a row


def test_the_same_account_written_differently_is_counted_once(world: World) -> None:
    for spelling in ("Lead@Supplier.test", " lead@supplier.test", "LEAD@SUPPLIER.TEST", "lead@supplier.test"):
        _try(spelling, "wrong-password", ip="198.51.100.9")
    assert _try("Lead@supplier.Test", "wrong-password", ip="198.51.100.10").status_code == 429
