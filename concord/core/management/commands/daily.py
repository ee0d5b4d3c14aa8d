from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from concord.core.schedule import run_daily


class Command(BaseCommand):
    help = "Enqueue the daily reminder jobs (run once a day from cron or a systemd timer)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="Run for this ISO date instead of today.")

    def handle(self, *args: Any, day: str | None = None, **options: Any) -> None:
        result = run_daily.enqueue(day)
        self.stdout.write(f"daily jobs enqueued as task {result.id} ({result.status})")
