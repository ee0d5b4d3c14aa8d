"""`concord restore FILE.zip`: load a backup into an empty installation (migrated first)."""

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from concord.core import backup


class Command(BaseCommand):
    help = "Restore a backup into this installation, whose database must hold no Concord data yet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The ZIP file written by `concord backup`.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        try:
            counts = backup.restore(options["path"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {sum(counts.values())} rows of {len(counts)} kinds.")
