"""Throughput at fixed concurrency with wrk, each target interleaved with the bare view.

One pass runs bare, target 1, bare, target 2, …, bare: every target sits between two runs of the
bare view, so whatever else the shared machine does at that moment hits both. A target's figure
is its requests per second divided by the mean of its two neighbouring bare runs, averaged over
the passes; the absolute numbers and wrk's latency percentiles are kept beside it.
"""

import json
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.server import PROXY_HEADERS

# wrk's summary as one JSON line (its own text output rounds the percentiles).
REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "non_2xx_3xx": %d, "socket_errors": %d, '
    .. '"p50_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


@dataclass
class Load:
    """How hard and how long: wrk -t THREADS -c CONNECTIONS -d SECONDS, PASSES times."""

    threads: int = 2
    connections: int = 8
    seconds: int = 5
    passes: int = 2


def wrk_path() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk not found: `make bench` installs it (Debian: apt-get install wrk)")
    return found


def run(url: str, headers: dict[str, str], load: Load, script: Path) -> dict[str, Any]:
    """One wrk run against one URL: requests/s, latency percentiles, errors."""
    command = [wrk_path(), "-t", str(load.threads), "-c", str(load.connections), "-d", f"{load.seconds}s",
               "--timeout", "60s", "--latency", "-s", str(script)]  # fmt: skip
    for name, value in {**PROXY_HEADERS, **headers}.items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("BENCH "))
    figures: dict[str, Any] = json.loads(line.removeprefix("BENCH "))
    figures["rps"] = round(figures["requests"] / (figures["duration_us"] / 1e6), 2)
    return figures


def interleaved(
    base: str, bare: dict[str, Any], targets: dict[str, dict[str, Any]], load: Load, workdir: Path
) -> dict[str, Any]:
    """Every target between two bare runs, PASSES times. `bare` and each target: url + headers."""
    script = workdir / "report.lua"
    script.write_text(REPORT_LUA)
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
    bares: list[dict[str, Any]] = []
    for _ in range(load.passes):
        before = run(base + bare["url"], bare["headers"], load, script)
        bares.append(before)
        for name, target in targets.items():
            figures = run(base + target["url"], target["headers"], load, script)
            after = run(base + bare["url"], bare["headers"], load, script)
            bares.append(after)
            figures["bare_rps"] = round((before["rps"] + after["rps"]) / 2, 2)
            runs[name].append(figures)
            before = after
    return {"bare": _bare_summary(bares), "targets": {name: _summary(r) for name, r in runs.items()}}


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    ratios = [r["rps"] / r["bare_rps"] for r in runs if r["bare_rps"]]
    return {
        "ratio": round(statistics.mean(ratios), 4) if ratios else None,
        "rps": round(statistics.mean(r["rps"] for r in runs), 2),
        "bare_rps": round(statistics.mean(r["bare_rps"] for r in runs), 2),
        "p50_ms": round(statistics.median(r["p50_ms"] for r in runs), 2),
        "p99_ms": round(statistics.median(r["p99_ms"] for r in runs), 2),
        "errors": sum(r["non_2xx_3xx"] + r["socket_errors"] for r in runs),
        "runs": runs,
    }


def _bare_summary(bares: list[dict[str, Any]]) -> dict[str, Any]:
    rps = [b["rps"] for b in bares]
    return {
        "rps_mean": round(statistics.mean(rps), 2),
        "rps_min": min(rps),
        "rps_max": max(rps),
        "p50_ms": round(statistics.median(b["p50_ms"] for b in bares), 2),
        "p99_ms": round(statistics.median(b["p99_ms"] for b in bares), 2),
        "runs": len(bares),
    }
