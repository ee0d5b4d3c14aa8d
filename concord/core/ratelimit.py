"""A fixed-window rate limit in the cache: at most N hits per window for one key.

Fixed windows are the simplest limit that holds across processes: one counter per key and window,
created with `add` and raised with `incr` (both atomic in Redis; per process with the local-memory
cache). A client may send up to twice the rate across a window boundary, which is fine for a limit
meant to stop runaway scripts, not to meter exactly.
"""

import time

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

_SECONDS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60}
_SECONDS |= {"h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """"300/min" -> (300, 60): how many hits per how many seconds."""
    count, _, unit = rate.partition("/")
    try:
        limit, period = int(count), _SECONDS[unit.strip()]
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"not a rate: {rate!r} (e.g. 300/min)") from exc
    if limit < 1:
        raise ImproperlyConfigured(f"not a rate: {rate!r} (at least 1 a period)")
    return limit, period


def hit(key: str, rate: str, *, now: float | None = None) -> float | None:
    """Count one hit for `key`; None while within `rate`, else the seconds until the window ends."""
    limit, period = parse_rate(rate)
    now = time.time() if now is None else now
    window = int(now // period)
    counter = f"ratelimit:{key}:{period}:{window}"
    cache.add(counter, 0, timeout=period + 1)
    try:
        count = cache.incr(counter)
    except ValueError:  # evicted between add and incr: this hit starts the window again
        cache.set(counter, 1, timeout=period + 1)
        count = 1
    if count <= limit:
        return None
    return (window + 1) * period - now
