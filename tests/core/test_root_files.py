"""Files browsers ask for at the site's root (settings.WHITENOISE_ROOT): answered before any view,
so before the session, the person or the database is read."""

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.world import World


def test_the_favicon_is_answered_without_reading_the_database(
    world: World, client_for: Callable[[str], Client]
) -> None:
    client = client_for("buyer_lead")  # signed in: a view would load the session and the person
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/favicon.ico")
    assert answer.status_code == 200
    assert answer["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(answer.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an icon file
    assert len(queries) == 0
