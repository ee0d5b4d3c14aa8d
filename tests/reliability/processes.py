"""Real Concord processes for the fault tests: a server (gunicorn) or a command (the worker, the
daily entry point) on the same data as the test, and reads of what they committed.

On PostgreSQL the processes use the test database itself (the fault tests are transactional, so
they see the committed world and the test sees what they commit; the test empties it after). On
SQLite they use a file copy of the in-memory test database, taken with SQLite's backup API at the
start of the test: the world, the tokens and their secrets, in a few milliseconds.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connection

import concord
from tests.reliability.race import wait_for

ROOT = Path(concord.__file__).resolve().parent.parent
MANAGE = [sys.executable, "-m", "concord.manage"]


def postgres() -> bool:
    return connection.vendor == "postgresql"


def environment(var: Path, **extra: str) -> dict[str, str]:
    """The environment of a Concord process on the test's data, with `var` as its CONCORD_VAR_DIR."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CONCORD_") and k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(CONCORD_VAR_DIR=str(var), PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]))
    if postgres():
        s = connection.settings_dict
        who = f"{quote(s['USER'] or '')}:{quote(s['PASSWORD'] or '')}"
        env["DATABASE_URL"] = f"postgres://{who}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
    else:
        connection.ensure_connection()
        with sqlite3.connect(var / "concord.sqlite3") as copy:
            connection.connection.backup(copy)
        copy.close()
    env.update(extra)
    return env


def rows(var: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """What the processes committed (`%s` placeholders)."""
    if postgres():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
    with sqlite3.connect(var / "concord.sqlite3", timeout=20) as db:
        found = db.execute(sql.replace("%s", "?"), params).fetchall()
    db.close()
    return found


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """A management command (without the system checks: they import every URL, seconds a start)."""
    done = subprocess.run(
        [*MANAGE, *args, "--skip-checks"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def start(env: dict[str, str], command: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def held(marker: Path) -> int:
    """Wait until a process holds at the fault point named with `marker`; its process id."""
    assert wait_for(lambda: marker.exists() and marker.read_text().strip() != "", timeout=60), "never held"
    return int(marker.read_text())


def request(url: str, token: str, data: bytes | None = None, kind: str = "") -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {token}"} | ({"Content-Type": kind} if kind else {})
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, headers), timeout=60) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()


def answers(url: str, token: str) -> bool:
    try:
        return request(url, token)[0] == 200
    except OSError:
        return False


def multipart(fields: dict[str, str], name: str, content: bytes) -> tuple[bytes, str]:
    boundary = "concord-fault-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: text/csv\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
