"""Run one request in several threads at once, each on its own database connection.

A barrier starts the threads together, but on a busy two-core machine that alone rarely makes
them overlap where it matters. So `race` can also hold a *gate*: the test's own connection
locks the table the threads write to in SHARE mode (reads go on, writes wait) until every thread
is waiting for a lock, and only then lets go. By then each thread has read whatever it reads
before it writes, the worst interleaving there is, every time. A service that locks the right
row first makes the others wait for that row instead (they still count as waiting), so the
gate opens either way; it only decides *when* the writes happen. PostgreSQL only.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections, transaction
from django.test import Client

TIMEOUT = 20.0  # seconds: a thread that is not done by then is a deadlock, not a slow machine


@dataclass
class Race:
    answers: list[Any]
    overlapped: bool  # every thread was waiting at the gate before it opened


def _waiting() -> int:
    """Connections to this test database (but ours) waiting for a lock now."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # pg_stat_activity is cached per transaction
        cursor.execute(
            "SELECT count(DISTINCT l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE NOT l.granted AND a.datname = current_database() AND l.pid <> pg_backend_pid()"
        )
        return int(cursor.fetchone()[0])


def wait_for(condition: Callable[[], bool], timeout: float = TIMEOUT, every: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


def race(actions: list[Callable[[], Any]], *, gate: str | None = None) -> Race:
    """Run every action in its own thread, released together; return what each returned (or the
    exception it raised), in order. `gate`: the table whose writes wait until all threads do."""
    answers: list[Any] = [None] * len(actions)
    barrier = threading.Barrier(len(actions))

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=TIMEOUT)
            answers[i] = actions[i]()
        except BaseException as exc:  # handed back to the test, which says what was expected
            answers[i] = exc
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(len(actions))]
    overlapped = False
    if gate is None:
        for thread in threads:
            thread.start()
    else:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f'LOCK TABLE "{gate}" IN SHARE MODE')
            for thread in threads:
                thread.start()
            overlapped = wait_for(lambda: _waiting() >= len(actions))
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(t.is_alive() for t in threads), "a thread is stuck (deadlock?)"
    return Race(answers, overlapped)


def api(
    client: Client, method: str, url: str, json: Any = None, **kwargs: Any
) -> Callable[[], tuple[int, Any]]:
    """One API call as a thread's action: (status, JSON body or None). `json`: the body to send."""
    if json is not None:
        kwargs.update(data=json, content_type="application/json")

    def call() -> tuple[int, Any]:
        response = getattr(client, method)(url, **kwargs)
        body = response.json() if response.get("Content-Type", "").startswith("application/json") else None
        return response.status_code, body

    return call
