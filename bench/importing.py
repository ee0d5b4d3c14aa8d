"""Issue 12, item 4: the bulk import of measurements against a raw PostgreSQL COPY of the same file.

`measure(rows=..., workdir=...)` runs in a process where Django is set up on PostgreSQL
(DATABASE_URL). It creates, through the services, a partnership with GOALS goals, writes a
deterministic CSV of `rows` measurements for them (rows / GOALS dates per goal, one a day, in the
order a system export gives them: date by date, every goal for each date), then times

- a raw `COPY ... FROM STDIN (FORMAT csv, HEADER)` of that file into a bare temporary table with
  the same columns and no constraints — the fastest PostgreSQL reads that file;
- Concord's importer (`concord.goals.services.measurements_import` on `transfer.open_file`, not a
  dry run) in a child process, which reports its own time and its peak memory: how far the
  resident high-water mark (VmHWM, reset just before the import) rose above the resident size
  just before it;
- the ceiling for any importer into this schema: the same rows, rendered beforehand, COPied
  straight into the measurements table (its indexes, its foreign keys checked), rolled back.

Figures: {"rows", "copy_s", "copy_rows_per_s", "import_s", "import_rows_per_s", "ratio",
"peak_mb"}; ratio = import rows/s ÷ COPY rows/s (target >= 0.3). Run alone on a throw-away server:

    scripts/with-postgres.sh .venv/bin/python -m bench.importing --rows 100000
"""

import argparse
import csv
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

GOALS = 1_000
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-import-password-1"


def measure(*, rows: int = 1_000_000, workdir: Path) -> dict[str, Any]:
    workdir.mkdir(parents=True, exist_ok=True)
    email, partnership_id, goal_ids = _partnership(goals=min(GOALS, rows))
    path = workdir / f"measurements-{rows}.csv"
    _write_csv(path, goal_ids, rows)
    copy_s = _copy_seconds(path)
    table_s = _table_copy_seconds(path, email)
    child = _import_in_child(path, partnership_id, email)
    import_s = child["import_s"]
    return {
        "rows": rows,
        "copy_s": round(copy_s, 3),
        "copy_rows_per_s": round(rows / copy_s),
        "import_s": round(import_s, 3),
        "import_rows_per_s": round(rows / import_s),
        "ratio": round(copy_s / import_s, 3),
        "peak_mb": child["peak_mb"],
        "rss_before_mb": child["rss_before_mb"],
        "rss_peak_mb": child["rss_peak_mb"],
        # The ceiling for any importer: the same rows, already rendered, COPied straight into the
        # measurements table (its indexes and foreign keys, then committed... and rolled back).
        "table_copy_s": round(table_s, 3),
        "table_ratio": round(copy_s / table_s, 3),
        "memory": "VmHWM growth of the importing child process over its resident size before",
    }


def _partnership(*, goals: int) -> tuple[str, int, list[int]]:
    """A buyer with a partnership of `goals` goals, made through the services (a fresh one for each
    call, so measurements start empty)."""
    from concord.accounts.services import user_register
    from concord.goals.services import goal_create
    from concord.organisations.services import organisation_create
    from concord.partnerships.services import partnership_create

    stamp = time.strftime("%Y%m%d%H%M%S") + f"{time.perf_counter_ns() % 1000:03d}"
    email = f"importer-{stamp}@bench.example"
    lead = user_register(email=email, full_name="Bench Importer", password=PASSWORD)
    buyer = organisation_create(actor=lead, name=f"Import bench {stamp}", kind="buyer")
    partnership = partnership_create(actor=lead, buyer=buyer, name=f"Import bench {stamp}")
    start = datetime.date(2020, 1, 1)
    ids = [
        goal_create(actor=lead, partnership=partnership, title=f"KPI {n:04d}", start_date=start).pk
        for n in range(goals)
    ]
    return email, partnership.pk, ids


def _write_csv(path: Path, goal_ids: list[int], rows: int) -> None:
    """Deterministic: the same rows, goals and values for the same `rows`."""
    first = datetime.date(2021, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["goal_id", "date", "value", "note"])
        written, day = 0, 0
        while written < rows:
            date = (first + datetime.timedelta(days=day)).isoformat()
            for n, goal_id in enumerate(goal_ids[: rows - written]):
                writer.writerow([goal_id, date, f"{(n * 7 + day * 13) % 1000 / 10:.1f}", ""])
            written += min(len(goal_ids), rows - written)
            day += 1


def _copy_seconds(path: Path) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        raw: Any = cursor.cursor
        raw.execute(
            "CREATE TEMP TABLE bench_bare"
            " (goal_id bigint, date date, value numeric(18, 4), note varchar(500))"
        )
        started = time.perf_counter()
        with path.open("rb") as source, raw.copy("COPY bench_bare FROM STDIN (FORMAT csv, HEADER)") as copy:
            while chunk := source.read(1 << 20):
                copy.write(chunk)
        seconds = time.perf_counter() - started
        raw.execute("DROP TABLE bench_bare")
    return seconds


def _table_copy_seconds(path: Path, email: str) -> float:
    """COPY of the file's rows, rendered beforehand (not timed), into the measurements table in
    batches sorted as the importer sorts them, with the deferred foreign keys checked; rolled back."""
    from django.db import connection, transaction

    from concord.goals.models import Measurement
    from concord.goals.selectors import person_by_email

    actor = person_by_email(email).pk
    tail = f"\t{actor}\t2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\t1\n"
    with path.open(newline="", encoding="utf-8") as source:
        rows = list(csv.reader(source))[1:]
    batches = [
        sorted(rows[i : i + 50_000], key=lambda r: (int(r[0]), r[1])) for i in range(0, len(rows), 50_000)
    ]
    texts = ["".join(f"{g}\t{d}\t{v}\t{n}{tail}" for g, d, v, n in b).encode() for b in batches]
    columns = "goal_id, measured_on, value, note, entered_by_id, created_at, updated_at, version"
    with transaction.atomic(), connection.cursor() as cursor:
        raw: Any = cursor.cursor
        started = time.perf_counter()
        for text in texts:
            with raw.copy(f"COPY {Measurement._meta.db_table} ({columns}) FROM STDIN") as copy:
                copy.write(text)
        raw.execute("SET CONSTRAINTS ALL IMMEDIATE")  # what the commit would check
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def _import_in_child(path: Path, partnership_id: int, email: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    args = [sys.executable, "-m", "bench.importing", "--child", str(path), str(partnership_id), email]
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"the import failed:\n{done.stdout}\n{done.stderr}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def _child(path: Path, partnership_id: int, email: str) -> None:
    """Import the file as `email` (in a process of its own, so its memory is the import's)."""
    _setup(migrate=False)
    from concord.goals import selectors, services, transfer
    from concord.partnerships.selectors import partnership_get

    actor = selectors.person_by_email(email)
    partnership = partnership_get(actor=actor, pk=partnership_id).obj
    before = _reset_high_water_mark()
    started = time.perf_counter()
    plan = services.measurements_import(actor=actor, partnership=partnership, rows=transfer.open_file(path))
    seconds = time.perf_counter() - started
    peak = _status_mb("VmHWM") - before
    print(
        json.dumps(
            {
                "import_s": seconds,
                "peak_mb": round(peak, 1),
                "rss_before_mb": round(before, 1),
                "rss_peak_mb": round(before + peak, 1),
                "added": plan.count("add"),
            }
        )
    )


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (kB)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _reset_high_water_mark() -> float:
    """The resident size now, with the high-water mark (VmHWM) reset to it. ru_maxrss would not
    do: Linux keeps it across exec, so a child reports its parent's peak."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_mb("VmRSS")


def _setup(*, migrate: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concord.config.settings")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Run on PostgreSQL: scripts/with-postgres.sh .venv/bin/python -m bench.importing")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench-import")
    parser.add_argument("--child", nargs=3, metavar=("FILE", "PARTNERSHIP", "EMAIL"))
    options = parser.parse_args()
    if options.child:
        file, partnership, email = options.child
        _child(Path(file), int(partnership), email)
        return
    _setup(migrate=True)
    print(json.dumps(measure(rows=options.rows, workdir=options.workdir), indent=2))


if __name__ == "__main__":
    main()
