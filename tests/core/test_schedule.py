"""Stalled daily runs: a run whose worker died (RUNNING for longer than the stall time) is queued
again; a run still in progress, and any other task, are left alone. (The whole story with real
processes: tests/reliability/test_faults.py.)"""

import datetime

import pytest
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from concord.core.schedule import requeue_stalled, run_daily


def _running(path: str, minutes_ago: int) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [None], "kwargs": {}},
        task_path=path,
        backend_name="default",
        run_after=now,
        started_at=now - datetime.timedelta(minutes=minutes_ago),
    )


@pytest.mark.django_db
def test_only_daily_runs_stalled_longer_than_the_stall_time_are_queued_again() -> None:
    dead = _running(run_daily.module_path, 120)
    busy = _running(run_daily.module_path, 5)
    other = _running("concord.some.other_task", 120)
    assert requeue_stalled(datetime.timedelta(minutes=60)) == 1
    for run in (dead, busy, other):
        run.refresh_from_db()
    assert (dead.status, dead.started_at) == (TaskResultStatus.READY, None)
    assert busy.status == other.status == TaskResultStatus.RUNNING
    assert requeue_stalled(datetime.timedelta(minutes=60)) == 0
