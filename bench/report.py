"""The bench's judgement and its Markdown: each figure against its target, absolute numbers beside.

A benchmark never fails the build: a figure below its target is reported as a miss, not raised.
"""

import itertools
import os
import platform
from typing import Any

# Issue 12's targets: the least share of the bare view's throughput a page keeps.
RATIO_TARGETS = {"portfolio": 0.2, "page": 0.2, "api": 0.3}
SCALING_TARGET = 1.1  # large ÷ medium, in time per request relative to the bare view
MEMORY_TARGET_MB = 300
IMPORT_TARGET = 0.3


def machine(database_url: str) -> dict[str, Any]:
    import django
    import psycopg

    with psycopg.connect(database_url) as db:
        row = db.execute("SHOW server_version").fetchone()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
        "",
    )
    memory = next((line.split()[1] for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), "0")
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(int(memory) / 1024 / 1024, 1),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": row[0] if row else "",
    }


def _lines(path: str) -> list[str]:
    try:
        with open(path) as f:
            return f.read().splitlines()
    except OSError:
        return []


def config(args: Any, workers: int) -> dict[str, Any]:
    return {
        "scales": args.scales,
        "generator": "concord generate",
        "server": f"gunicorn, {workers} sync workers, DEBUG off, CONCORD_TASKS=immediate, "
        "CONCORD_DB_CONN_MAX_AGE=60, behind a TLS proxy (X-Forwarded-Proto), CONCORD_API_RATE=off",
        "wrk": f"-t{args.threads} -c{args.connections} -d{args.seconds}s, {args.passes} passes, "
        "each target between two runs of the bare view",
        "in_process_requests": args.requests,
    }


def _target(name: str, kinds: dict[str, str]) -> float:
    return RATIO_TARGETS[kinds[name]]


def summarise(results: dict[str, Any]) -> dict[str, Any]:
    scales = results["scales"]
    misses: list[str] = []
    for scale, data in scales.items():
        for name, figures in data["load"]["targets"].items():
            target = _target(name, data["kinds"])
            figures["target"] = target
            figures["pass"] = figures["ratio"] is not None and figures["ratio"] >= target
            if not figures["pass"]:
                misses.append(f"{scale} {name}: {figures['ratio']} < {target}")
        peak = max(data["load"]["workers_peak_mb"].values(), default=0.0)
        data["load"]["peak_mb"] = peak
        if peak > MEMORY_TARGET_MB:
            misses.append(f"{scale} worker memory: {peak} MB > {MEMORY_TARGET_MB} MB")
    scaling = _scaling(scales)
    for name, figures in scaling.items():
        if figures.get("large/medium", 0) > SCALING_TARGET:
            misses.append(f"{name}: large/medium {figures['large/medium']} > {SCALING_TARGET}")
        if not figures["queries_equal"]:
            misses.append(f"{name}: query count grows with the portfolio {figures['queries']}")
    imported = results.get("import", {})
    if imported.get("status") == "measured" and imported.get("ratio", 0) < IMPORT_TARGET:
        misses.append(f"import: {imported['ratio']} < {IMPORT_TARGET}")
    return {"scaling": scaling, "misses": misses}


def _scaling(scales: dict[str, Any]) -> dict[str, Any]:
    """Per URL: the query count at every scale, and how much slower relative to the bare view it
    got from one scale to the next (the throughput ratio at the smaller ÷ at the larger)."""
    names = list(scales)
    found: dict[str, Any] = {}
    for name in scales[names[0]]["load"]["targets"] if names else []:
        queries = {s: scales[s]["in_process"][name]["queries"] for s in names}
        figures: dict[str, Any] = {"queries": queries, "queries_equal": len(set(queries.values())) == 1}
        for smaller, larger in itertools.pairwise(names):
            low = scales[smaller]["load"]["targets"][name]["ratio"]
            high = scales[larger]["load"]["targets"][name]["ratio"]
            figures[f"{larger}/{smaller}"] = round(low / high, 3) if low and high else None
        found[name] = figures
    return found


def _mark(ok: bool) -> str:
    return "pass" if ok else "**miss**"


def _scale_table(scale: str, data: dict[str, Any]) -> list[str]:
    load = data["load"]
    bare = load["bare"]
    rows = [
        f"**{scale}** (bare view: {bare['rps_mean']} req/s, {bare['rps_min']}–{bare['rps_max']} over "
        f"{bare['runs']} runs, p50 {bare['p50_ms']} ms, p99 {bare['p99_ms']} ms; "
        f"data generated in {data['generate_s']} s)",
        "",
        "| URL | ratio to bare | target | req/s (bare) | p50 / p99 ms | queries "
        "| made anew: server ms = SQL + templates + rest | made anew ÷ bare |",
        "|---|---|---|---|---|---|---|---|",
    ]
    b = data.get("in_process_bare")
    for name, f in load["targets"].items():
        p = data["in_process"][name]
        anew = f"{b['total_ms'] / p['total_ms']:.3f}" if b and p["total_ms"] else "—"
        rows.append(
            f"| {name} `{data['urls'][name]}` | {f['ratio']:.3f} | ≥ {f['target']} {_mark(f['pass'])} "
            f"| {f['rps']} ({f['bare_rps']}) | {f['p50_ms']} / {f['p99_ms']} | {p['queries']} "
            f"| {p['total_ms']:.1f} = {p['sql_ms']:.1f} + {p['template_ms']:.1f} + {p['other_ms']:.1f} "
            f"| {anew} |"
        )
    if b:
        split = f"{b['sql_ms']:.1f} SQL + {b['template_ms']:.1f} templates + {b['other_ms']:.1f} rest"
        rows += ["", f"The bare view in-process: {b['queries']} queries, {b['total_ms']:.1f} ms = {split}."]
    peaks = ", ".join(f"{mb} MB" for mb in load["workers_peak_mb"].values())
    within = _mark(load["peak_mb"] <= MEMORY_TARGET_MB)
    rows += [
        "",
        f"Worker peak memory after the load (VmHWM): {peaks} (target ≤ {MEMORY_TARGET_MB} MB: {within}).",
        "",
    ]
    return rows


def _scaling_table(results: dict[str, Any]) -> list[str]:
    scales = list(results["scales"])
    pairs = [f"{b}/{a}" for a, b in itertools.pairwise(scales)]
    rows = [
        "Scaling: queries per request at each scale, and time per request relative to the bare view "
        f"at the larger scale ÷ at the smaller (target for large/medium ≤ {SCALING_TARGET}):",
        "",
        "| URL | queries (" + " / ".join(scales) + ") | " + " | ".join(pairs) + " |",
        "|---|---|" + "---|" * len(pairs),
    ]
    for name, f in results["summary"]["scaling"].items():
        counts = " / ".join(str(f["queries"][s]) for s in scales)
        same = "" if f["queries_equal"] else " **grows**"
        rows.append(f"| {name} | {counts}{same} | " + " | ".join(str(f.get(p)) for p in pairs) + " |")
    return [*rows, ""]


def markdown(results: dict[str, Any], filename: str) -> str:
    m, c, s = results["machine"], results["config"], results["startup"]
    lines = [
        f"### {results['started'][:16].replace('T', ' ')} UTC — {', '.join(c['scales'])} "
        f"(`bench/results/{filename}`)",
        "",
        f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB, load average at the start "
        f"{', '.join(f'{x:.2f}' for x in m['load_average'])}; PostgreSQL {m['postgresql']}, "
        f"Python {m['python']}, Django {m['django']}. Server: {c['server']}. wrk {c['wrk']}. "
        f"Data: {c['generator']}, seed 1. "
        f"In-process figures: mean of {c['in_process_requests']} requests.",
        "",
        f'Start-up: `concord check` {s["concord_check_s"]} s ÷ `python -c "import django"` '
        f"{s['import_django_s']} s = **{s['ratio']}×** (medians of {s['runs']}).",
        "",
    ]
    for scale, data in results["scales"].items():
        lines += _scale_table(scale, data)
    if len(results["scales"]) > 1:
        lines += _scaling_table(results)
    lines += [_fitting_line(results.get("fitting", {})), ""]
    lines += [_import_line(results.get("import", {})), ""]
    misses = results["summary"]["misses"]
    lines += ["Misses: " + ("; ".join(misses) if misses else "none") + ".", ""]
    return "\n".join(lines)


def _fitting_line(fitting: dict[str, Any]) -> str:
    if fitting.get("status") != "measured":
        return f"Fit engine (issue 17): {fitting.get('status', 'not measured')} — {fitting.get('why', '')}."
    return (
        f"Fit engine (issue 17): {fitting['offerings']:,} offerings ranked for one customer in "
        f"{fitting['median_ms']} ms (median; best {fitting['best_ms']} ms), {fitting['queries']} queries, "
        f"a short list of {fitting['short_list']}."
    )


def _import_line(imported: dict[str, Any]) -> str:
    if imported.get("status") != "measured":
        return f"Import (item 4): {imported.get('status', 'not measured')} — {imported.get('why', '')}."
    return (
        f"Import (item 4): {imported['rows']:,} rows, importer {imported['import_rows_per_s']:,.0f} rows/s ÷ "
        f"COPY {imported['copy_rows_per_s']:,.0f} rows/s = **{imported['ratio']:.2f}** "
        f"(target ≥ {IMPORT_TARGET}: {_mark(imported['ratio'] >= IMPORT_TARGET)}), "
        f"peak {imported['peak_mb']} MB."
    )


HISTORY = "\n## History"


def add_to_docs(text: str, run: str) -> str:
    """docs/benchmarks.md with the run added at the end of the runs, before the history."""
    at = text.find(HISTORY)
    if at < 0:
        return text.rstrip("\n") + "\n\n" + run
    return text[:at].rstrip("\n") + "\n\n" + run + "\n" + text[at:]
