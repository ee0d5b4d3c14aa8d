"""`concord refresh-goal-statuses [--all]`: store the goals' statuses now (the daily job's pass,
or every goal with --all: after a bulk load that bypassed the services, e.g. a restore)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from concord.goals.services.stored import refresh_all, refresh_dated


class Command(BaseCommand):
    help = "Store each goal's status as of today (the daily pass; --all for every goal)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="Every goal, not only the dated ones.")

    def handle(self, *args: Any, **options: Any) -> None:
        changed = refresh_all() if options["all"] else refresh_dated()
        self.stdout.write(f"{changed} goal statuses changed.")
