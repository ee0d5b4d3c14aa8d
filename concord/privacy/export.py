"""The export of one organisation's own data: a ZIP of JSON and CSV (docs/privacy.md).

Everything is read as a member of that organisation alone would read it
(`access.policy.organisation_reader`): each model's scoped manager, `restrict(reader)`, decides
what is in it — shared records of its partnerships and its own internal ones, never another
organisation's internal records — so the export follows the access rules rather than a copy of
them. Rows are read in chunks (`iterator`) and written straight into the ZIP (a CSV through a
temporary file beside it), so memory stays bounded whatever the size of the organisation.

The ZIP holds `manifest.json` (what, when, by whom, how many rows, the schema version),
`README.txt` (what each file holds), one `<part>.json` per kind of record (parts.PARTS) and a
`<part>.csv` for the list-like ones, `links/<model>_<field>.json|csv` for many-to-many links,
`people.json|csv` (the people the records name: members with their address, others by name) and
`audit/partnership-<id>.jsonl` (the partnership's audit chains the organisation reads, as
`GET …/audit/export` gives them: docs/audit.md verifies them offline).
"""

import csv
import datetime
import decimal
import io
import json
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from concord.access.models import Membership
from concord.access.policy import organisation_reader
from concord.accounts.models import User
from concord.audit.selectors import chain_export
from concord.organisations.models import Organisation
from concord.partnerships.models import Partnership
from concord.privacy.parts import PARTS, Part

if TYPE_CHECKING:
    from django.db.models import Model

SCHEMA_VERSION = 1
CHUNK = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run (CSV injection)


def plain(value: Any) -> Any:
    """A field value as JSON."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | uuid.UUID):
        return value.isoformat() if not isinstance(value, uuid.UUID) else str(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _cell(value: Any) -> Any:
    """A JSON value as a CSV cell: nested values as JSON text, text that a spreadsheet would run
    as a formula with an apostrophe in front."""
    if value is None:
        return ""
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _fields(model: "type[Model]") -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


def _people_fields(model: "type[Model]") -> list[str]:
    """The columns of `model` that name a person (their id)."""
    return [
        f.attname
        for f in _fields(model)
        if f.is_relation
        and f.related_model is not None
        and f.related_model._meta.label == settings.AUTH_USER_MODEL
    ]


class _Writer:
    """Writes the parts into an open ZIP and keeps count."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.counts: dict[str, int] = {}
        self.people: set[int] = set()

    def rows(self, name: str, columns: list[str], rows: Iterable[dict[str, Any]], *, with_csv: bool) -> None:
        """`name`.json (an array of objects) and, if asked, `name`.csv (one line per row)."""
        count = 0
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
            table = csv.writer(spool)
            table.writerow(columns)
            with self.archive.open(f"{name}.json", "w") as raw, io.TextIOWrapper(raw, "utf-8") as out:
                out.write("[")
                for row in rows:
                    out.write(
                        ("," if count else "") + "\n" + json.dumps(row, ensure_ascii=False, sort_keys=True)
                    )
                    if with_csv:
                        table.writerow([_cell(row.get(c)) for c in columns])
                    count += 1
                out.write("\n]\n")
            if with_csv:
                spool.seek(0)
                with (
                    self.archive.open(f"{name}.csv", "w") as raw,
                    io.TextIOWrapper(raw, "utf-8", newline="") as out,
                ):
                    shutil.copyfileobj(spool, out)
        self.counts[name] = count

    def part(self, part: Part, reader: Any) -> None:
        model: Any = part.model
        columns = [f.attname for f in _fields(model)]
        people = _people_fields(model)
        rows = model.objects.restrict(reader).order_by("pk").iterator(chunk_size=CHUNK)
        self.rows(part.name, columns, self._tracked(rows, columns, people), with_csv=part.csv)
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                self._links(model, field, reader)

    def _tracked(
        self, rows: Iterator[Any], columns: list[str], people: list[str]
    ) -> Iterator[dict[str, Any]]:
        for obj in rows:
            row = {c: plain(getattr(obj, c)) for c in columns}
            self.people.update(row[p] for p in people if row[p] is not None)
            yield row

    def _links(self, model: Any, field: Any, reader: Any) -> None:
        """A many-to-many field as (from, to) pairs, both ends read in the reader's scope (a goal
        linked to a plan and since made internal by the other side is left out)."""
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        pairs = (
            through.objects.filter(
                **{
                    f"{source}__in": model.objects.restrict(reader).values("pk"),
                    f"{target}__in": field.related_model.objects.restrict(reader).values("pk"),
                }
            )
            .order_by("pk")
            .values_list(f"{source}_id", f"{target}_id")
        )
        name = f"links/{model._meta.model_name}_{field.name}"
        columns = [f"{source}_id", f"{target}_id"]
        self.rows(
            name,
            columns,
            (dict(zip(columns, pair, strict=True)) for pair in pairs.iterator(CHUNK)),
            with_csv=True,
        )

    def people_part(self, organisation: Organisation, reader: Any) -> None:
        """The people the records name: the organisation's members with their address, everyone
        else (the partner's staff on shared records) by name only, as the pages show them."""
        own = set(
            Membership.objects.restrict(reader)
            .filter(organisation=organisation)
            .values_list("user_id", flat=True)
        )
        ids = sorted(self.people | own)

        def rows() -> Iterator[dict[str, Any]]:
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                for pk, name, email in (
                    User.objects.filter(pk__in=chunk).order_by("pk").values_list("pk", "full_name", "email")
                ):
                    yield {"id": pk, "name": name, "email": email if pk in own else None}

        self.rows("people", ["id", "name", "email"], rows(), with_csv=True)

    def audit(self, reader: Any) -> None:
        """Each partnership's audit chains the organisation reads (the shared one and its own)."""
        for partnership in Partnership.objects.restrict(reader).order_by("pk").iterator(chunk_size=CHUNK):
            name = f"audit/partnership-{partnership.pk}.jsonl"
            with self.archive.open(name, "w") as raw, io.TextIOWrapper(raw, "utf-8") as out:
                lines = 0
                for line in chain_export(actor=reader, partnership=partnership):
                    out.write(line)
                    lines += 1
            self.counts[name.removesuffix(".jsonl")] = lines


def organisation_export(*, actor: User | None, organisation: Organisation, out: IO[bytes]) -> dict[str, Any]:
    """Write `organisation`'s export as a ZIP to `out` (a file opened for binary writing, seekable);
    returns the manifest. Its admins only (`actor` None: the operator's command)."""
    reader = organisation_reader(actor, organisation)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        writer = _Writer(archive)
        for part in PARTS:
            writer.part(part, reader)
        writer.people_part(organisation, reader)
        writer.audit(reader)
        manifest = _manifest(actor, organisation, writer.counts)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True))
        archive.writestr("README.txt", readme(manifest))
    return manifest


def _manifest(actor: User | None, organisation: Organisation, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "format": "concord-organisation-export",
        "schema_version": SCHEMA_VERSION,
        "organisation": {"id": organisation.pk, "name": organisation.name},
        "created_at": timezone.now().isoformat(),
        "created_by": {"id": actor.pk, "name": actor.full_name}
        if actor
        else {"id": None, "name": "the operator"},
        "counts": counts,
    }


README = """\
Concord: the data of {name} (organisation {id}), exported {when}
by {who}. Schema version {version}.

Everything here is what a member of {name} may read in Concord: its own records, the shared
records of the partnerships it takes part in, and nothing internal to any other organisation.
Each kind of record is a JSON file (an array of objects, one per row, with every stored field:
ids of related records end in _id) and, for lists, a CSV file with the same columns (nested values
as JSON text; text starting with = + - @ has an apostrophe in front so a spreadsheet shows it
rather than running it). Times are ISO 8601 in UTC.

manifest.json: what this is, when and by whom it was made, and how many rows each file holds.
people.json, people.csv: the people the records name (the ids in created_by_id, user_id, ...):
  members of {name} with their e-mail address, everyone else by name only.
{parts}
links/<model>_<field>.json, .csv: many-to-many links between records (e.g. which goals an action
  plan works towards), one pair of ids a row.
audit/partnership-<id>.jsonl: the partnership's audit chains that {name} reads (the shared one and
  its own), one JSON line per event; docs/audit.md in Concord gives the algorithm that verifies
  them offline.
"""


def readme(manifest: dict[str, Any]) -> str:
    parts = "\n".join(f"{p.name}.json{', .csv' if p.csv else ''}: {p.holds}" for p in PARTS)
    return README.format(
        name=manifest["organisation"]["name"],
        id=manifest["organisation"]["id"],
        when=manifest["created_at"],
        who=manifest["created_by"]["name"],
        version=manifest["schema_version"],
        parts=parts,
    )
