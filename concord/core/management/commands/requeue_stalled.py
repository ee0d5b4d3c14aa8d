import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from concord.core.schedule import requeue_stalled


class Command(BaseCommand):
    help = (
        "Queue again the daily runs whose worker died mid-job (still RUNNING). With one worker, run "
        "it with --older-than 0 before the worker starts; with several, keep the default."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=settings.CONCORD_TASK_STALL_MINUTES * 60,
            metavar="SECONDS",
            help="Only runs started at least this long ago (default: CONCORD_TASK_STALL_MINUTES).",
        )

    def handle(self, *args: Any, older_than: float, **options: Any) -> None:
        requeued = requeue_stalled(datetime.timedelta(seconds=max(older_than, 0)))
        self.stdout.write(f"queued again {requeued} daily run(s) whose worker stopped mid-job")
