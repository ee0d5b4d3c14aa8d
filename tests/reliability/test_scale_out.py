"""Scale-out on PostgreSQL with real processes: two app servers (gunicorn, DEBUG off, behind a
pretend TLS proxy) on one database share sign-ins and see each other's writes at once; two task
workers (`db_worker`) drain one queue and run every job exactly once. docs/deployment.md is the
set-up these prove.

The servers are started once per module, once with sessions in the database and once, when
`redis-server` is installed, with Redis as the shared cache (`cached_db` sessions); the static
files are collected once, as in production. That is most of the module's time (30–50 s on a busy
2-core machine); each test then takes a few seconds. SQLite is skipped: it is the single-process
embedded database, not a scale-out set-up.
"""

import gzip
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import global_settings
from django.db import connection
from django.test import override_settings

from tests.reliability import jobs, web
from tests.reliability import processes as p
from tests.reliability.race import wait_for
from tests.reliability.web import Browser, get
from tests.world import PASSWORD, World

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL only: scale-out is several processes on one database server (make test runs it)",
    ),
    pytest.mark.django_db(transaction=True),
]
JOBS = 40
PRODUCTION_HASHERS = global_settings.PASSWORD_HASHERS  # Concord keeps Django's
# DEBUG off (a secret key is set), HTTPS on, behind a TLS proxy: tests/reliability/web.py is it.
PRODUCTION = {"CONCORD_SECRET_KEY": "scale-out-test-key", "CONCORD_BEHIND_PROXY": "true"}


def _gunicorn(env: dict[str, str], folder: Path, name: str) -> tuple[str, subprocess.Popen[bytes]]:
    """`gunicorn --bind 127.0.0.1:PORT --workers 1 concord.config.wsgi`, as in production; its base URL."""
    bind = f"127.0.0.1:{p.free_port()}"
    command = [sys.executable, "-m", "gunicorn", "--bind", bind, "--workers", "1", "concord.config.wsgi"]
    return f"http://{bind}", p.start(env, command, folder / f"{name}.log")


@dataclass(frozen=True)
class Servers:
    one: str
    two: str
    cache: str  # CONCORD_CACHE_URL, "" for each process's own memory


@pytest.fixture(scope="module")
def var(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app servers' CONCORD_VAR_DIR, with the static files collected as in production (once)."""
    folder = tmp_path_factory.mktemp("var")
    p.manage(p.environment(folder, **PRODUCTION), "collectstatic", "--noinput")
    return folder


@pytest.fixture(scope="module", params=["database sessions", "redis cache"])
def servers(request: pytest.FixtureRequest, var: Path) -> Iterator[Servers]:
    """Two app servers on the test database, DEBUG off, as docs/deployment.md sets them up."""
    extra = dict(PRODUCTION)
    started: list[subprocess.Popen[bytes]] = []
    if request.param == "redis cache":
        if not shutil.which("redis-server"):
            pytest.skip("redis-server is not installed (Debian: apt-get install redis-server)")
        port = p.free_port()
        redis = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        started.append(p.start(dict(os.environ), redis, var / "redis.log"))
        extra["CONCORD_CACHE_URL"] = f"redis://127.0.0.1:{port}/0"
    env = p.environment(var, **extra)
    try:
        bases = []
        for name in ("one", "two"):
            base, server = _gunicorn(env, var, f"{name}-{request.param}")
            bases.append(base)
            started.append(server)
        for base in bases:
            assert wait_for(lambda b=base: get(b, "/health")[0] == 200, timeout=60), f"{base} did not start"
        yield Servers(bases[0], bases[1], extra.get("CONCORD_CACHE_URL", ""))
    finally:
        for process in reversed(started):
            p.stop(process)


def _person(world: World, persona: str) -> str:
    """The persona's email, their password hashed as in production (the suite hashes with MD5 for
    speed, which the servers' settings do not accept)."""
    user = world.user(persona)
    with override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS):
        user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return str(user.email)


def test_signed_in_through_one_server_is_signed_in_through_the_other(world: World, servers: Servers) -> None:
    email = _person(world, "buyer_lead")
    browser = Browser()
    assert browser.sign_in(servers.one, email, PASSWORD) == 302
    status, body = browser.call(servers.two, "GET", "/api/v1/me")
    assert status == 200 and email in body, body
    assert browser.call(servers.two, "GET", "/")[0] == 200  # the portfolio, not the sign-in page
    kept = Browser()
    kept.cookies = dict(browser.cookies)  # the same cookie, kept (another tab, a copied cookie)
    assert browser.call(servers.two, "POST", "/account/logout/")[0] == 302
    assert "sessionid" not in browser.cookies
    assert kept.call(servers.one, "GET", "/api/v1/me")[0] == 401  # the session ended everywhere


def test_losing_the_shared_cache_signs_no_one_out(world: World, servers: Servers) -> None:
    if not servers.cache:
        pytest.skip("sessions are in the database only: there is no cache to lose")
    import redis

    browser = Browser()
    assert browser.sign_in(servers.one, _person(world, "buyer_lead"), PASSWORD) == 302
    cache = redis.Redis.from_url(servers.cache)
    assert any(b"session" in key for key in cache.keys("*"))  # cached_db: read from Redis
    cache.flushall()  # Redis restarted, evicted, replaced
    assert browser.call(servers.two, "GET", "/api/v1/me")[0] == 200  # still signed in: the database


def test_a_write_through_one_server_is_seen_through_the_other_at_once(world: World, servers: Servers) -> None:
    one, two = servers.one, servers.two
    browser = Browser()
    assert browser.sign_in(one, _person(world, "supplier_lead"), PASSWORD) == 302
    notes = f"/api/v1/partnerships/{world.partnership.pk}/notes"
    page = f"/partnerships/{world.partnership.pk}/"
    # With Redis the page is kept for this reader (core.pagecache) by server two ...
    assert browser.call(two, "GET", page)[0] == 200
    assert browser.call(two, "GET", page)[0] == 200
    status, body = browser.call(
        one,
        "POST",
        notes,
        {"title": "Posted through one", "body": "Seen through two.", "visibility": "shared"},
    )
    assert status == 201, body
    status, body = browser.call(two, "GET", notes + "?q=Posted+through+one")
    assert status == 200 and "Seen through two." in body, body
    # ... and the write through server one retired it
    status, body = browser.call(two, "GET", page)
    assert status == 200 and "Seen through two." in body


def test_a_server_cut_off_from_the_database_says_so_on_its_health_check(tmp_path: Path) -> None:
    env = p.environment(
        tmp_path,
        **PRODUCTION,
        DATABASE_URL=f"postgres://nobody@127.0.0.1:{p.free_port()}/none",
    )
    base, server = _gunicorn(env, tmp_path, "cut-off")
    try:
        assert wait_for(lambda: get(base, "/health")[0] != 0, timeout=60), "server did not start"
        assert get(base, "/health") == (503, "database unavailable\n")
    finally:
        p.stop(server)


def test_two_workers_drain_one_queue_and_run_every_job_exactly_once(world: World, tmp_path: Path) -> None:
    from django_tasks_db.backend import DatabaseBackend

    ran = tmp_path / "ran"
    ran.mkdir()
    queue = DatabaseBackend("default", {})
    for job in range(JOBS):
        queue.enqueue(jobs.record, (job, str(ran)), {})
    env = p.environment(tmp_path, CONCORD_TASKS="database")
    command = [*p.MANAGE, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--skip-checks"]
    workers = [p.start(env, command, tmp_path / f"worker{n}.log") for n in (1, 2)]
    try:
        assert [w.wait(120) for w in workers] == [0, 0]
    finally:
        for worker in workers:
            p.stop(worker)
    runs = jobs.runs(ran)
    assert Counter(job for job, _ in runs) == Counter(range(JOBS))  # each once, none lost
    assert {pid for _, pid in runs} == {w.pid for w in workers}  # both took jobs, at the same time
    statuses = p.rows(
        tmp_path, "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
    )
    assert statuses == [("SUCCESSFUL", JOBS)]


def test_static_files_are_served_compressed_cache_busted_and_cached_for_good(servers: Servers) -> None:
    status, page = Browser().call(servers.one, "GET", "/account/login/")
    assert status == 200
    [css] = re.findall(r'href="(/static/concord/concord\.[0-9a-f]{12}\.css)"', page)  # hashed name
    status, headers, body = web.request(
        servers.two, "GET", css, headers=web.PROXY | {"Accept-Encoding": "gzip"}
    )
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    status, headers, plain = web.request(servers.two, "GET", css, headers=web.PROXY)
    assert status == 200 and "Content-Encoding" not in headers and plain == gzip.decompress(body)
    assert b".flash" in plain  # Concord's stylesheet
    assert len(body) < len(plain) / 2
    # The unhashed name still answers, but briefly cached: only a hashed name may be kept for good.
    status, headers, _ = web.request(servers.two, "GET", "/static/concord/concord.css", headers=web.PROXY)
    assert status == 200 and "immutable" not in headers["Cache-Control"]
    # What browsers ask for at the root (settings.WHITENOISE_ROOT) is a file too, not a 404 page.
    status, headers, icon = web.request(servers.two, "GET", "/favicon.ico", headers=web.PROXY)
    assert status == 200 and icon[:4] == b"\x00\x00\x01\x00"
