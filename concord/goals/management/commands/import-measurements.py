"""`concord import-measurements --partnership ID --as EMAIL FILE [--dry-run] [--correct-existing]`:
an operator's import of a measurement file of any size (beyond the web upload limit), streamed
through the same service and rules as the page and the API: as that person, with their rights,
all rows or none (docs/goals.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concord.core.errors import DomainError, ValidationFailed
from concord.goals import selectors, services, transfer
from concord.partnerships.selectors import partnership_get


class Command(BaseCommand):
    help = "Import measurements from a .csv or .xlsx file of any size: all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The .csv or .xlsx file (the export's columns).")
        parser.add_argument("--partnership", type=int, required=True, help="The partnership's id.")
        parser.add_argument(
            "--as", dest="actor", required=True, metavar="EMAIL", help="Import as this person."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check every row; write nothing.")
        parser.add_argument(
            "--correct-existing", action="store_true", help="Replace stored values that differ."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        try:
            actor = selectors.person_by_email(options["actor"])
            partnership = partnership_get(actor=actor, pk=options["partnership"]).obj
            sheet = transfer.open_file(path)
            run = services.measurements_plan if options["dry_run"] else services.measurements_import
            plan = run(
                actor=actor, partnership=partnership, rows=sheet, correct_existing=options["correct_existing"]
            )
        except services.ImportRefused as exc:
            self._report(exc.plan, dry_run=options["dry_run"])
            raise CommandError("Nothing was imported.") from exc
        except ValidationFailed as exc:
            raise CommandError("; ".join(m for ms in exc.errors.values() for m in ms)) from exc
        except DomainError as exc:
            raise CommandError(exc.detail or "You may not import into this partnership.") from exc
        self._report(plan, dry_run=options["dry_run"])

    def _report(self, plan: services.ImportPlan, *, dry_run: bool) -> None:
        verb = "Would import" if dry_run else "Imported"
        if plan.problem_count:
            verb = "Checked"
        self.stdout.write(
            f"{verb} {plan.total} rows: {plan.count('add')} new, {plan.count('correct')} corrected, "
            f"{plan.count('unchanged')} unchanged; {plan.problem_count} problems."
        )
        for p in plan.problems:
            self.stdout.write(f"line {p.line}, {p.column}: {p.message}")
        if plan.problem_count > len(plan.problems):
            self.stdout.write(f"… and {plan.problem_count - len(plan.problems)} more problems.")
