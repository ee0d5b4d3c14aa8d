"""Changing a password signs the person out everywhere else; resetting it signs them out everywhere.

Django keeps a hash of the password in each session and drops a session whose hash no longer
matches; these tests hold the pages to it through the real sign-in and password pages."""

import re

from django.core import mail
from django.test import Client

from tests.accounts.two_factor import sign_in, signed_in
from tests.world import PASSWORD, World

NEW = "another-long-passphrase-9"


def _still_in(client: Client) -> bool:
    return client.get("/").status_code == 200


def test_changing_the_password_signs_out_every_other_session(world: World) -> None:
    email = world.user("supplier_lead").email
    here, laptop, phone = (sign_in(email, ip=f"203.0.113.{i}") for i in (31, 32, 33))
    assert all(signed_in(c) and _still_in(c) for c in (here, laptop, phone))
    answer = here.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert answer.status_code == 302 and answer["Location"] == "/account/password/changed/"
    assert _still_in(here)  # the session that changed it stays signed in
    for other in (laptop, phone):
        assert other.get("/")["Location"].startswith("/account/login/")
        assert not signed_in(other)
    assert signed_in(sign_in(email, NEW)) and not signed_in(sign_in(email, PASSWORD))


def test_a_wrong_old_password_changes_nothing(world: World) -> None:
    email = world.user("supplier_lead").email
    here, other = sign_in(email), sign_in(email)
    answer = here.post(
        "/account/password/", {"old_password": "nope", "new_password1": NEW, "new_password2": NEW}
    )
    assert answer.status_code == 200 and "old password was entered incorrectly" in answer.content.decode()
    assert _still_in(other)


def test_resetting_the_password_signs_out_every_session(world: World) -> None:
    email = world.user("buyer_viewer").email
    laptop, phone = sign_in(email, ip="203.0.113.41"), sign_in(email, ip="203.0.113.42")
    assert _still_in(laptop) and _still_in(phone)
    mail.outbox.clear()
    Client().post("/account/password-reset/", {"email": email})
    link = re.search(r"http://[^/]+(/account/password-reset/[^\s]+/)", mail.outbox[0].body)
    assert link
    visitor = Client()
    form = visitor.get(link.group(1), follow=True)
    assert form.status_code == 200 and "Choose a new password" in form.content.decode()
    done = visitor.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/account/password-reset/done/"
    assert not signed_in(visitor)  # resetting does not sign in (a second factor would be skipped)
    for client in (laptop, phone):
        assert client.get("/")["Location"].startswith("/account/login/") and not signed_in(client)
    assert signed_in(sign_in(email, NEW))
