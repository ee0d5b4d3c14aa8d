"""`make bench`: Concord's figures at portfolio scale, each a ratio measured side by side in one run.

Runs inside scripts/with-postgres.sh (DATABASE_URL names the throw-away server's database; a
database per scale is created beside it). Per scale (small, medium, large: `concord generate`):
  1. throughput of every page and API list under wrk, interleaved with the bare view served by
     the same gunicorn (figure: page req/s ÷ bare req/s), with p50/p99 latency;
  2. the SQL query count per page (in-process), compared across scales with the ratios;
  3. where each page's server time goes (SQL, templates, the rest) and a cProfile top 15;
  5. the peak memory of each gunicorn worker after the load (VmHWM).
Once: `concord check` ÷ `python -c "import django"` (start-up), and the bulk import of
measurements against a raw COPY (4) when bench/importing.py exists.
Writes bench/results/<timestamp>.json and appends a Markdown summary to docs/benchmarks.md.

    scripts/with-postgres.sh .venv/bin/python -m bench --scales "small medium"
"""

import argparse
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import load as wrk
from bench import report, server, startup
from bench.inprocess import LEAD

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SCALES = ("small", "medium", "large")
PASSWORD = "bench-passphrase-not-secret"  # the generated logins' password, on a throw-away server


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default=" ".join(SCALES), help='e.g. "small medium" (default: all three)')
    parser.add_argument("--seconds", type=int, default=5, help="each wrk run (default 5)")
    parser.add_argument("--passes", type=int, default=2, help="passes over every target (default 2)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--requests", type=int, default=20, help="in-process requests per URL (default 20)")
    parser.add_argument("--import-rows", type=int, default=1_000_000)
    parser.add_argument("--no-docs", action="store_true", help="do not append to docs/benchmarks.md")
    args = parser.parse_args()
    args.scales = [s for s in args.scales.replace(",", " ").split() if s]
    unknown = set(args.scales) - set(SCALES)
    if unknown:
        parser.error(f"unknown scale(s): {', '.join(sorted(unknown))}")
    return args


def _admin_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("python -m bench runs on PostgreSQL: use `make bench` (scripts/with-postgres.sh)")
    return url


def _database(admin_url: str, name: str) -> str:
    """A fresh database beside the server's own; its URL."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name


def _generate(env: dict[str, str], scale: str, log: Path) -> float:
    start = time.perf_counter()
    server.manage(env, "generate", "--scale", scale, "--seed", "1", "--password", PASSWORD,
                  "--no-progress", log=log)  # fmt: skip
    return round(time.perf_counter() - start, 1)


def _in_process(env: dict[str, str], requests: int, out: Path, log: Path) -> dict[str, Any]:
    # Where the time goes is measured for a page made anew: kept pages (core.pagecache) are off here.
    made = {**env, "CONCORD_PAGE_CACHE": "false"}
    with log.open("a") as sink:
        command = [sys.executable, "-m", "bench.inprocess", "--requests", str(requests), "--out", str(out)]
        subprocess.run(command, env=made, cwd=ROOT, stdout=sink, stderr=sink, check=True)
    found: dict[str, Any] = json.loads(out.read_text())
    return found


def _targets(measured: dict[str, Any], cookie: str) -> dict[str, dict[str, Any]]:
    """What wrk sends for each URL: the session cookie for pages, the bearer token for the API."""
    bearer = {"Authorization": f"Bearer {measured['token']}"}
    return {
        name: {**target, "headers": bearer if target["kind"] == "api" else {"Cookie": cookie}}
        for name, target in measured["urls"].items()
    }


def _check(port: int, targets: dict[str, dict[str, Any]]) -> None:
    """Every URL answers 200 with its credentials (wrk would count a redirect to sign-in as success)."""
    for name, target in targets.items():
        status = server.request(port, target["url"], headers=target["headers"])[0]
        if status != 200:
            raise SystemExit(f"{name} ({target['url']}) answered {status}, not 200")


def _under_load(env: dict[str, str], measured: dict[str, Any], load: wrk.Load, work: Path) -> dict[str, Any]:
    running = server.start(env, work / "gunicorn.log")
    try:
        cookie = server.sign_in(running.port, LEAD, PASSWORD)
        bare: dict[str, Any] = {"url": "/bench/bare/", "headers": {"Cookie": cookie}}
        targets = _targets(measured, cookie)
        _check(running.port, {"bare": bare, **targets})
        figures = wrk.interleaved(running.base, bare, targets, load, work)
        _check(running.port, {"bare": bare, **targets})  # still signed in: the figures were real pages
        figures["workers_peak_mb"] = {str(pid): server.peak_memory_mb(pid) for pid in running.workers()}
        return figures
    finally:
        running.stop()


def _scale(scale: str, args: argparse.Namespace, admin_url: str, var: Path, work: Path) -> dict[str, Any]:
    env = server.environment(database_url=_database(admin_url, f"bench_{scale}"), var=var)
    log = work / f"{scale}.log"
    print(f"== {scale}: migrate, generate (concord generate)", flush=True)
    server.manage(env, "migrate", "--noinput", log=log)
    generate_s = _generate(env, scale, log)
    print(f"== {scale}: generated in {generate_s} s; in-process profile", flush=True)
    measured = _in_process(env, args.requests, work / f"inprocess-{scale}.json", log)
    print(f"== {scale}: load (wrk)", flush=True)
    load = wrk.Load(
        threads=args.threads, connections=args.connections, seconds=args.seconds, passes=args.passes
    )
    loaded = _under_load(env, measured, load, work)
    return {
        "generate_s": generate_s,
        "partnership": measured["partnership"],
        "urls": {name: target["url"] for name, target in measured["urls"].items()},
        "kinds": {name: target["kind"] for name, target in measured["urls"].items()},
        "in_process": measured["figures"],
        "in_process_bare": measured["bare"],
        "load": loaded,
    }


IMPORT_SNIPPET = """
import json, os, sys
from pathlib import Path
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concord.config.settings")
import django
django.setup()
from bench.importing import measure
print("BENCH " + json.dumps(measure(rows=int(sys.argv[1]), workdir=Path(sys.argv[2]))))
"""


def _import(args: argparse.Namespace, admin_url: str, var: Path, work: Path) -> dict[str, Any]:
    """Item 4, measured by bench/importing.py in a process of its own."""
    env = server.environment(database_url=_database(admin_url, "bench_import"), var=var)
    server.manage(env, "migrate", "--noinput", log=work / "import.log")
    print(f"== import: {args.import_rows:,} rows", flush=True)
    command = [sys.executable, "-c", IMPORT_SNIPPET, str(args.import_rows), str(work)]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    (work / "import.log").write_text(done.stdout + done.stderr)
    line = [x for x in done.stdout.splitlines() if x.startswith("BENCH ")]
    if done.returncode != 0 or not line:
        return {"status": "failed", "why": (done.stderr or done.stdout)[-2000:]}
    return {"status": "measured", **json.loads(line[-1].removeprefix("BENCH "))}


def _fitting(admin_url: str, var: Path, work: Path, scale: str) -> dict[str, Any]:
    """Issue 17: the fit engine ranking 100,000 offerings for one customer (bench/fitting.py), on
    the first scale's generated data, in a process of its own."""
    env = server.environment(database_url=admin_url.rsplit("/", 1)[0] + f"/bench_{scale}", var=var)
    print("== fitting: 100,000 offerings", flush=True)
    command = [sys.executable, "-m", "bench.fitting", "--offerings", "100000"]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    (work / "fitting.log").write_text(done.stdout + done.stderr)
    lines = [x for x in done.stdout.splitlines() if x.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"status": "failed", "why": (done.stderr or done.stdout)[-2000:]}
    return {"status": "measured", **json.loads(lines[-1])}


def _stop_on_term(signum: int, frame: object) -> None:
    """with-postgres.sh stops the bench with SIGTERM: unwind, so gunicorn is stopped too."""
    raise SystemExit(143)


def main() -> None:
    signal.signal(signal.SIGTERM, _stop_on_term)
    args = _arguments()
    admin_url = _admin_url()
    work = Path(tempfile.mkdtemp(prefix="concord-bench-"))
    try:
        _run(args, admin_url, work)
    except BaseException:
        print(f"== make bench stopped; the logs are in {work}", file=sys.stderr)
        raise
    shutil.rmtree(work, ignore_errors=True)


def _run(args: argparse.Namespace, admin_url: str, work: Path) -> None:
    var = work / "var"
    started = datetime.datetime.now(datetime.UTC)
    cache = server.shared_cache(work / "redis.log")
    try:
        _measure_all(args, admin_url, work, var, started)
    finally:
        cache.terminate()
        cache.wait()


def _measure_all(
    args: argparse.Namespace, admin_url: str, work: Path, var: Path, started: datetime.datetime
) -> None:
    env = server.environment(database_url=admin_url, var=var)
    server.manage(env, "collectstatic", "--noinput", log=work / "collectstatic.log")
    results: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "machine": report.machine(admin_url),
        "config": report.config(args, server.WORKERS),
        "startup": startup.measure(env, ROOT),
        "scales": {},
    }
    print(f"== start-up: {results['startup']}", flush=True)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{started:%Y%m%dT%H%M%SZ}.json"
    for scale in args.scales:
        results["scales"][scale] = _scale(scale, args, admin_url, var, work)
        out.write_text(json.dumps(results, indent=2))  # a run cut short keeps the scales it finished
    if args.scales:
        results["fitting"] = _fitting(admin_url, var, work, args.scales[0])
    results["import"] = _import(args, admin_url, var, work)
    results["summary"] = report.summarise(results)
    results["finished"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    out.write_text(json.dumps(results, indent=2))
    table = report.markdown(results, out.name)
    if not args.no_docs:
        docs = ROOT / "docs" / "benchmarks.md"
        docs.write_text(report.add_to_docs(docs.read_text(), table))
    print(table)
    print(f"== results: {out}")


if __name__ == "__main__":
    main()
