"""The daily schedule: later capabilities register reminder jobs here with @daily.

`concord daily` (run it from cron or a systemd timer once a day) enqueues `run_daily` on the task
backend: inline with the default immediate backend, or on the database worker (`concord db_worker`)
when CONCORD_TASKS=database. Every job must be idempotent: running the day twice sends nothing twice.

A worker that dies in the middle of a job (killed, out of memory, a power cut) never marks it
finished, and django-tasks-db does not retry it: the job stays RUNNING for ever. `requeue_stalled`
puts such daily runs back in the queue; `concord daily` does it for runs stalled longer than
CONCORD_TASK_STALL_MINUTES, `concord requeue_stalled` on demand (e.g. before the worker starts).
Running a daily run again is safe because its jobs are idempotent: what the dead run did is not
done twice, what it had not done yet is done now.
"""

import datetime
import logging
from collections.abc import Callable

from django.tasks import TaskResultStatus, task
from django.utils import timezone

log = logging.getLogger(__name__)
DailyJob = Callable[[datetime.date], int]
_JOBS: dict[str, DailyJob] = {}


def daily(func: DailyJob) -> DailyJob:
    """Register `func(day) -> number of things done` to run once a day."""
    _JOBS[f"{func.__module__}.{func.__qualname__}"] = func
    return func


def jobs() -> dict[str, DailyJob]:
    return dict(_JOBS)


@task()
def run_daily(day: str | None = None) -> dict[str, int]:
    """Run every registered daily job for `day` (ISO date, default today); returns counts."""
    when = datetime.date.fromisoformat(day) if day else timezone.localdate()
    results: dict[str, int] = {}
    for name, job in sorted(_JOBS.items()):
        results[name] = job(when)
        log.info("daily job %s for %s: %s", name, when, results[name])
    return results


def requeue_stalled(older_than: datetime.timedelta) -> int:
    """Queue again every daily run that has been RUNNING for longer than `older_than` (its worker
    died); returns how many. Only daily runs: they are idempotent, so running one twice is safe.
    With several workers, choose `older_than` longer than the longest daily run."""
    from django_tasks_db.models import DBTaskResult  # the database backend's queue (an installed app)

    stalled = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING,
        task_path=run_daily.module_path,
        started_at__lte=timezone.now() - older_than,
    )
    requeued = stalled.update(status=TaskResultStatus.READY, started_at=None)
    if requeued:
        log.warning("requeued %s daily run(s) whose worker stopped mid-job", requeued)
    return requeued
