import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from concord.core.schedule import requeue_stalled, run_daily


class Command(BaseCommand):
    help = (
        "Enqueue the daily reminder jobs (run once a day from cron or a systemd timer); first queue "
        "again the daily runs whose worker died (RUNNING longer than CONCORD_TASK_STALL_MINUTES)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="Run for this ISO date instead of today.")

    def handle(self, *args: Any, day: str | None = None, **options: Any) -> None:
        requeued = requeue_stalled(datetime.timedelta(minutes=settings.CONCORD_TASK_STALL_MINUTES))
        if requeued:
            self.stdout.write(f"queued again {requeued} daily run(s) whose worker stopped mid-job")
        result = run_daily.enqueue(day)
        self.stdout.write(f"daily jobs enqueued as task {result.id} ({result.status})")
