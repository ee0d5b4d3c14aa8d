"""A task for the scale-out tests only: it leaves one file per run, so the test counts how often
each job ran, and which worker ran it.

Each run waits (at most WAIT seconds) until runs from two different worker processes have started:
the first worker to take a job holds it until the second has taken another, so the two workers are
proven to drain the queue at the same time, not one after the other.
"""

import os
import time
import uuid
from pathlib import Path

from django.tasks import task

WAIT = 30.0


def runs(folder: Path) -> list[tuple[int, int]]:
    """(job number, process id) of every run so far."""
    found = []
    for path in folder.glob("*.run"):
        job, pid, _ = path.name.split("-", 2)
        found.append((int(job), int(pid)))
    return found


@task()
def record(job: int, folder: str) -> int:
    where = Path(folder)
    (where / f"{job}-{os.getpid()}-{uuid.uuid4().hex}.run").touch(exist_ok=False)
    deadline = time.monotonic() + WAIT
    while len({pid for _, pid in runs(where)}) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    return job
