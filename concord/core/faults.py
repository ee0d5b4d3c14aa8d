"""Fault points: places where the reliability tests hold a process so they can kill it there
(tests/reliability/test_faults.py: a server killed in the middle of an import, a worker killed in
the middle of the daily job).

Off unless the environment names a point: CONCORD_FAULT_HOLD="<point>:<marker file>". The first
time a process reaches that point it writes its process id to the marker file and waits there (at
most HOLD_SECONDS) for the test to kill it; any other point, any later pass (the marker exists),
and every process without the variable go straight on. Nothing is changed, skipped or faked: set
by mistake, the worst it does is delay one request or job by a minute. Never set it in production.
"""

import os
import time

VARIABLE = "CONCORD_FAULT_HOLD"
HOLD_SECONDS = 60.0


def hold(point: str) -> None:
    spec = os.environ.get(VARIABLE)
    if not spec:
        return
    name, _, marker = spec.partition(":")
    if name != point or not marker:
        return
    try:  # exclusive create: only the first pass holds
        descriptor = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w") as out:
        out.write(f"{os.getpid()}\n")
    time.sleep(HOLD_SECONDS)
