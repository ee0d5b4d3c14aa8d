"""Backup and restore of a whole Concord: every row and every uploaded file, in one ZIP.

The rows are Django's own serialisation (JSON with natural keys for content types and users'
permissions), so a backup taken on SQLite restores on PostgreSQL and the other way round — the
way to move the embedded database to a real server. Content types, permissions and sessions are
left out: migrations recreate the first two, and sessions are not data.

- `write(path)` writes `manifest.json` (format, when, Concord's migrations, how many rows per
  model), `data.json` and `media/…` into the ZIP, streaming rows model by model.
- `restore(path)` refuses a database that already holds Concord data (nothing is ever merged or
  overwritten), checks the backup's migrations against this installation's, then loads every row
  in one transaction — all or nothing — and copies the files back.
"""

import datetime
import json
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
CHUNK = 2000  # rows serialised at a time: a backup streams, whatever the size of a table
LEFT_OUT = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}


class BackupError(Exception):
    """A backup that cannot be restored here, with the reason."""


def _models() -> list[Any]:
    """Every model whose rows are data, in an order that loads (dependencies first)."""
    found = [m for m in apps.get_models() if m._meta.label_lower not in LEFT_OUT and not m._meta.proxy]
    return serializers.sort_dependencies([(None, found)], allow_cycles=True)


def _migrations() -> list[str]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied if app in _our_apps())


def _our_apps() -> set[str]:
    return {config.label for config in apps.get_app_configs() if config.name.startswith("concord.")}


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def write(path: Path) -> dict[str, int]:
    """Write a backup to `path`; returns the rows per model."""
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data.json"
        with data.open("w", encoding="utf-8") as out:
            out.write("[")
            written = 0
            for model in _models():
                counts[model._meta.label_lower] = 0
                for chunk in _chunks(model._base_manager.order_by("pk").iterator(chunk_size=CHUNK)):
                    text = serializers.serialize("json", chunk, use_natural_foreign_keys=True)
                    out.write(("," if written else "") + text.strip()[1:-1].strip())
                    written += len(chunk)
                    counts[model._meta.label_lower] += len(chunk)
            out.write("]")
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": connection.vendor,
            "migrations": _migrations(),
            "rows": counts,
        }
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
            archive.write(data, "data.json")
            media = _media_root()
            if media.is_dir():
                for file in sorted(p for p in media.rglob("*") if p.is_file()):
                    archive.write(file, f"media/{file.relative_to(media).as_posix()}")
    return counts


def _chunks(rows: Any) -> Any:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _holds_data() -> bool:
    return any(m._base_manager.exists() for m in _models() if m._meta.app_label in _our_apps())


def restore(path: Path) -> dict[str, int]:
    """Load a backup into this (migrated, empty) installation; returns the rows per model."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"This is not a Concord backup of format {FORMAT}.")
        missing = set(manifest["migrations"]) - set(_migrations())
        if missing:
            raise BackupError(
                "The backup was taken by a newer Concord: upgrade this installation first "
                f"(missing migrations: {', '.join(sorted(missing)[:5])}…)."
            )
        if _holds_data():
            raise BackupError("This database already holds Concord data; restore into an empty one.")
        with tempfile.TemporaryDirectory() as scratch:
            archive.extract("data.json", scratch)
            with transaction.atomic():
                call_command("loaddata", str(Path(scratch) / "data.json"), verbosity=0)
            media = _media_root()
            for name in archive.namelist():
                if name.startswith("media/") and not name.endswith("/"):
                    target = (media / name.removeprefix("media/")).resolve()
                    if media.resolve() not in target.parents:
                        raise BackupError(f"Refusing to write outside the media folder: {name}")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(name) as source, target.open("wb") as out:
                        shutil.copyfileobj(source, out)
    counts: dict[str, int] = manifest["rows"]
    return counts
