"""Concord as production runs it, for the load runs: collected static files, gunicorn with several
workers, DEBUG off, the real settings, behind a (pretended) TLS-terminating proxy.

Every setting comes from the environment, as in production (docs/configuration.md). The bench
sets only what a deployment would plus two things a load test needs, both recorded in the results:
CONCORD_BENCH (mounts the bare view, config/bench.py) and CONCORD_API_RATE=off (otherwise the
token's 300 calls a minute would answer 429 after a fraction of a second of load).
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2  # one per core on the 2-core machine the figures come from
# Requests reach gunicorn as from a proxy that terminated TLS (CONCORD_BEHIND_PROXY): HTTPS stays
# on (secure cookies, HSTS, no redirect loop) as in production.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


# The shared cache every app process uses, as docs/deployment.md sets up production (Redis): sessions
# (`cached_db`) and the pages kept per reader (core.pagecache) live there. Set by `shared_cache`.
CACHE_URL = ""


def environment(*, database_url: str, var: Path) -> dict[str, str]:
    """A production process's environment on the given database."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("CONCORD_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
        DATABASE_URL=database_url,
        CONCORD_DEBUG="false",
        CONCORD_SECRET_KEY=secrets.token_urlsafe(40),
        CONCORD_VAR_DIR=str(var),
        CONCORD_BEHIND_PROXY="true",
        CONCORD_TASKS="immediate",
        CONCORD_EMAIL="file",
        CONCORD_DB_CONN_MAX_AGE="60",  # persistent connections, as a deployment sets them
        CONCORD_LOG_LEVEL="WARNING",
        CONCORD_BENCH="true",
        CONCORD_API_RATE="off",
    )
    if CACHE_URL:
        env["CONCORD_CACHE_URL"] = CACHE_URL
    return env


def shared_cache(log: Path) -> subprocess.Popen[bytes]:
    """A throw-away Redis on a free port (no persistence); sets CACHE_URL for every environment."""
    global CACHE_URL
    if not shutil.which("redis-server"):
        raise SystemExit("make bench needs redis-server (Debian: apt-get install redis-server)")
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    with log.open("ab") as out:
        process = subprocess.Popen(command, stdout=out, stderr=out)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            CACHE_URL = f"redis://127.0.0.1:{port}/0"
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"redis-server did not start: see {log}")


def manage(env: dict[str, str], *args: str, log: Path | None = None) -> None:
    """A `concord` management command in its own process; stops the bench if it fails."""
    out = log.open("a") if log else subprocess.DEVNULL
    done = subprocess.run(
        [sys.executable, "-m", "concord.manage", *args],
        env=env,
        cwd=ROOT,
        stdout=out,
        stderr=out,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"concord {' '.join(args)} failed" + (f": see {log}" if log else ""))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        """The gunicorn worker processes (children of the master)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return sorted(found)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start(env: dict[str, str], log: Path) -> Server:
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "concord.config.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--timeout", "120",
    ]  # fmt: skip
    with log.open("ab") as out:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=out)
    server = Server(process, port)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start: see {log}")
        try:
            if request(server.port, "/account/login/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise SystemExit(f"gunicorn did not answer within 60 s: see {log}")


def request(
    port: int, path: str, *, headers: dict[str, str] | None = None, body: str | None = None
) -> tuple[int, dict[str, str], str, list[str]]:
    """One request as the proxy would pass it: status, headers, text, Set-Cookie values."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    sent = {**PROXY_HEADERS, **(headers or {})}
    if body is not None:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request("POST" if body is not None else "GET", path, body=body, headers=sent)
    answer = connection.getresponse()
    text = answer.read().decode("utf-8", "replace")
    cookies = answer.headers.get_all("Set-Cookie") or []
    connection.close()
    return answer.status, dict(answer.headers), text, cookies


def _cookie(cookies: list[str], name: str) -> str:
    for cookie in cookies:
        if cookie.startswith(f"{name}="):
            return cookie.split(";", 1)[0].split("=", 1)[1]
    raise SystemExit(f"no {name} cookie in the answer")


def sign_in(port: int, email: str, password: str) -> str:
    """Post the sign-in form as a browser would; the session cookie ("sessionid=…")."""
    status, _, page, cookies = request(port, "/account/login/")
    csrf = _cookie(cookies, "csrftoken")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None:
        raise SystemExit("the sign-in page has no form")
    form = urlencode({"username": email, "password": password, "csrfmiddlewaretoken": token.group(1)})
    origin = {"Origin": f"https://127.0.0.1:{port}", "Cookie": f"csrftoken={csrf}"}
    status, _, _, cookies = request(port, "/account/login/", headers=origin, body=form)
    if status != 302:
        raise SystemExit(f"signing in as {email} answered {status}, not a redirect")
    # Both cookies a browser keeps after signing in: the session, and the CSRF secret signing in
    # rotated (the forms of every page are made from it).
    return f"sessionid={_cookie(cookies, 'sessionid')}; csrftoken={_cookie(cookies, 'csrftoken')}"


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0
