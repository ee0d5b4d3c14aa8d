"""Start-up cost: `concord check` against `python -c "import django"`, each the median of 5 runs.

Every management command, worker and server pays what `concord check` pays (settings, every app,
every URL and what they import); importing Django alone is the floor. Run one after the other,
alternating, so the machine's noise hits both.
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

RUNS = 5


def _wall(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def measure(env: dict[str, str], cwd: Path) -> dict[str, Any]:
    concord = str(Path(sys.executable).parent / "concord")
    check, django = [], []
    for _ in range(RUNS):
        check.append(_wall([concord, "check"], env, cwd))
        django.append(_wall([sys.executable, "-c", "import django"], env, cwd))
    check_s, django_s = statistics.median(check), statistics.median(django)
    return {
        "concord_check_s": round(check_s, 3),
        "import_django_s": round(django_s, 3),
        "ratio": round(check_s / django_s, 2),
        "runs": RUNS,
    }
