"""Test fixtures: the persona world is built once per test process and each test rolls back.

Building the world through the services takes most of a second; doing it for each of the ~1,600
cases was most of the suite's time. Instead it is built once, committed, right after the test
database is created (per xdist worker), and every `db` test runs inside a transaction that is
rolled back at its end (pytest-django's default). The `world` fixture hands each test a deep copy
of the Python objects, so in-memory changes (versions, cached memberships) never leak between tests.

Transactional tests (live server, browser, on_commit) truncate every table when they end; the
world's rows are put back after each of them (tests/snapshot.py; pytest-django runs them after all
`db` tests anyway).
"""

import contextlib
import copy
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.test.utils import override_settings
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

from tests import snapshot
from tests.world import World, build_world

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Property tests: no time limit per example (the machines are shared and noisy) and no example
# database left in the checkout; a failure prints the example that broke the property.
hypothesis_settings.register_profile("concord", deadline=None, database=None, print_blob=True)
hypothesis_settings.load_profile("concord")


class _Template:
    """The committed world of this test process (rebuilt after a transactional test)."""

    world: World | None = None
    rows: dict[str, Any] | None = None  # the world's rows, to put back after a transactional test


def _build(django_db_blocker: Any) -> None:
    # The world's own writes notify nobody: tests of notifications make the events they assert.
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), _unannounced():
        _Template.world = build_world()
        _Template.rows = snapshot.take()


def _restore(django_db_blocker: Any) -> None:
    """Put the world's rows back after a transactional test emptied every table."""
    assert _Template.rows is not None, "the world is built with the test database"
    with django_db_blocker.unblock():
        snapshot.restore(_Template.rows)


@contextlib.contextmanager
def _unannounced() -> Iterator[None]:
    from concord.audit.models import AuditEvent
    from concord.audit.signals import committed
    from concord.notifications.tasks import on_committed

    committed.disconnect(on_committed, sender=AuditEvent, dispatch_uid="notifications.deliver")
    try:
        yield
    finally:
        committed.connect(on_committed, sender=AuditEvent, dispatch_uid="notifications.deliver")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The test database, with the persona world committed in it once."""
    _build(django_db_blocker)


_SKIPPED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """Remember a test skipped before its fixtures ran (its database was never touched)."""
    report: pytest.TestReport = yield
    if report.when == "setup":
        item.stash[_SKIPPED] = report.skipped
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After every fixture of a transactional test is gone (its flush emptied every table), put
    the world's rows back for the tests that follow. A hook, not a fixture: pytest-django's own autouse
    fixtures set the transactional database up first, so a fixture's teardown would run too early."""
    result = yield
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    truncated = "transactional_db" in names or "live_server" in names
    # The last test of a run needs no world after it (its database is already gone by then).
    transactional = truncated or (marker and marker.kwargs.get("transaction"))
    if transactional and nextitem is not None and not item.stash.get(_SKIPPED, False):
        _restore(item.config.stash[blocking_manager_key])
    return result


@pytest.fixture
def world(db: Any) -> World:
    assert _Template.world is not None, "the world is built with the test database"
    return copy.deepcopy(_Template.world)


@pytest.fixture
def client_for(world: World) -> Any:
    """A browser-like client signed in as a persona ("anon" stays signed out)."""

    def make(persona: str) -> Client:
        client = Client()
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Password hashing is deliberately slow; tests build many accounts and need not be. The API's
    rate limit stays on, high enough for the sweeps (tests/accounts/test_api_rate.py sets it low)."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.CONCORD_API_RATE = "100000/min"
    settings.CONCORD_API_ANON_RATE = "100000/min"
