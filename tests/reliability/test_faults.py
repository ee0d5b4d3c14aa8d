"""Faults: real processes killed with SIGKILL at a chosen point, then started again.

The point is a fault hold (concord.core.faults): the process writes its id to a marker file when
it gets there and waits; the test kills it at once. No sleep decides where the kill lands. Both
tests run on the suite's database: a file copy of it on SQLite, the test database on PostgreSQL.
"""

import csv
import datetime
import io
import json
import os
import re
import signal
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.reliability import processes as p
from tests.reliability.race import wait_for
from tests.world import World

pytestmark = pytest.mark.django_db(transaction=True)
ROWS = 500


def _sheet(goal_id: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["goal_id", "date", "value"])
    first = datetime.date(2024, 1, 1)
    for n in range(ROWS):
        writer.writerow([goal_id, (first + datetime.timedelta(days=n)).isoformat(), 90 + n % 9])
    return out.getvalue().encode()


def _values(var: Path, goal_id: int) -> int:
    return int(p.rows(var, "SELECT count(*) FROM goals_measurement WHERE goal_id = %s", goal_id)[0][0])


def test_a_server_killed_in_the_middle_of_an_import_leaves_none_of_its_rows(
    world: World, tmp_path: Path
) -> None:
    marker = tmp_path / "held"
    env = p.environment(tmp_path, CONCORD_FAULT_HOLD=f"measurements_import:{marker}")
    base = f"http://127.0.0.1:{p.free_port()}"
    server = p.start(
        env,
        [sys.executable, "-m", "gunicorn", "--bind", base.removeprefix("http://"), "--workers", "1",
         "--threads", "2", "--timeout", "120", "concord.config.wsgi"],
        tmp_path / "server.log",
    )  # fmt: skip
    token, goal = world.lead_secret, world.goal_shared.pk
    try:
        assert wait_for(lambda: p.answers(f"{base}/api/v1/me", token), timeout=60), "server did not start"
        before = _values(tmp_path, goal)
        body, kind = p.multipart({"dry_run": "false"}, "values.csv", _sheet(goal))
        url = f"{base}/api/v1/partnerships/{world.partnership.pk}/measurements/import"
        sent: dict[str, Any] = {}

        def send() -> None:
            try:
                sent["answer"] = p.request(url, token, body, kind)
            except OSError as exc:  # the connection dies with the process
                sent["error"] = exc

        thread = threading.Thread(target=send, daemon=True)
        thread.start()
        worker = p.held(marker)  # the rows are written in the import's transaction, not committed
        assert worker != server.pid  # gunicorn's worker process, the one serving the import
        assert _values(tmp_path, goal) == before  # nobody else sees them meanwhile
        os.kill(worker, signal.SIGKILL)
        thread.join(60)
        assert "error" in sent, sent  # no answer: the process died mid-request

        assert wait_for(lambda: p.answers(f"{base}/api/v1/me", token), timeout=60), "no new worker"
        assert _values(tmp_path, goal) == before  # none of the rows
        audited = "SELECT count(*) FROM audit_auditevent WHERE reason = %s"
        assert p.rows(tmp_path, audited, "Imported from a spreadsheet.") == [(0,)]

        status, answer = p.request(url, token, body, kind)  # sent again: all of them
        assert status == 200 and json.loads(answer)["added"] == ROWS, answer[:500]
        assert _values(tmp_path, goal) == before + ROWS
    finally:
        p.stop(server)


def _mails(var: Path) -> Counter[str]:
    """Recipients of the messages the file mail backend wrote, one count per message."""
    folder = var / "mail"
    found: Counter[str] = Counter()
    for path in folder.glob("*") if folder.exists() else []:
        found.update(re.findall(r"^To: (.+)$", path.read_text(), re.MULTILINE))
    return found


def _task(var: Path) -> tuple[str, Any]:
    [(status, value)] = p.rows(var, "SELECT status, return_value FROM django_tasks_database_dbtaskresult")
    return status, json.loads(value) if isinstance(value, str) else value


def test_a_worker_killed_in_the_middle_of_the_daily_job_is_retried_and_sends_everything_once(
    world: World, tmp_path: Path
) -> None:
    marker = tmp_path / "held"
    env = p.environment(tmp_path, CONCORD_TASKS="database", CONCORD_EMAIL="file")
    # A day with something for several people: a commitment due, a plan not reviewed, a demand waiting.
    day = (timezone.localdate() + datetime.timedelta(days=29)).isoformat()
    p.manage(env, "daily", "--day", day)
    worker_command = [*p.MANAGE, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--skip-checks"]
    worker = p.start(
        env | {"CONCORD_FAULT_HOLD": f"digest_sent:{marker}"}, worker_command, tmp_path / "w1.log"
    )
    try:
        assert p.held(marker) == worker.pid  # one digest sent and recorded, the others not yet
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
    finally:
        p.stop(worker)
    assert _task(tmp_path)[0] == "RUNNING"  # django-tasks-db will never pick it up again by itself
    assert sum(_mails(tmp_path).values()) == 1
    reminders = p.rows(tmp_path, "SELECT user_id, key FROM notifications_notification ORDER BY id")

    requeued = p.manage(env, "requeue_stalled", "--older-than", "0")  # one worker: it is gone
    assert "queued again 1 daily run" in requeued.stdout
    again = p.start(env, worker_command, tmp_path / "w2.log")
    try:
        assert again.wait(60) == 0
    finally:
        p.stop(again)

    status, result = _task(tmp_path)
    assert status == "SUCCESSFUL"
    assert result["concord.notifications.tasks.a_reminders"] == 0  # the first run made them all
    digests = p.rows(
        tmp_path, "SELECT u.email FROM notifications_digestsent d JOIN accounts_user u ON u.id = d.user_id"
    )
    assert len(digests) >= 2 and result["concord.notifications.tasks.b_digest"] == len(digests) - 1
    assert _mails(tmp_path) == Counter(email for (email,) in digests)  # each person once
    assert p.rows(tmp_path, "SELECT user_id, key FROM notifications_notification ORDER BY id") == reminders
