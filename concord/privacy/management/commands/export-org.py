"""`concord export-org ORGANISATION OUTPUT.zip`: everything an organisation may see, as a ZIP of
JSON and CSV (docs/privacy.md). ORGANISATION is its id or its exact name. The operator's command:
the same export its admins download from the organisation's page or the API."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from concord.core.errors import DomainError
from concord.privacy.export import organisation_export
from concord.privacy.selectors import operator_organisation


class Command(BaseCommand):
    help = "Export one organisation's own data (what its members may see) as a ZIP of JSON and CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="The organisation's id or exact name.")
        parser.add_argument("path", type=Path, help="The ZIP file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organisation = operator_organisation(options["organisation"])
        except DomainError as exc:
            raise CommandError(exc.detail) from exc
        path: Path = options["path"]
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as out:
            manifest = organisation_export(actor=None, organisation=organisation, out=out)
        partial.replace(path)  # a crash leaves no half-written ZIP under the name asked for
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Exported {organisation.name}: {rows} rows in {len(manifest['counts'])} files to {path}."
        )
