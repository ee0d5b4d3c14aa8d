"""`concord backup FILE.zip`: every row and uploaded file of this Concord in one ZIP."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from concord.core import backup


class Command(BaseCommand):
    help = "Write a backup (database rows and uploaded files) to a ZIP file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The ZIP file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = backup.write(options["path"])
        self.stdout.write(
            f"Backed up {sum(counts.values())} rows of {len(counts)} kinds to {options['path']}."
        )
