"""The daily schedule: later capabilities register reminder jobs here with @daily.

`concord daily` (run it from cron or a systemd timer once a day) enqueues `run_daily` on the task
backend: inline with the default immediate backend, or on the database worker (`concord db_worker`)
when CONCORD_TASKS=database. Every job must be idempotent: running the day twice sends nothing twice.
"""

import datetime
import logging
from collections.abc import Callable

from django.tasks import task
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
