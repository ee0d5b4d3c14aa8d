"""A fixed-window rate limit in the cache: at most N hits per window for one key.

Fixed windows are the simplest limit that holds across processes: one counter per key and window,
created with `add` and raised with `incr` (both atomic in Redis; per process with the local-memory
cache). A client may send up to twice the rate across a window boundary, which is fine for a limit
meant to stop runaway scripts, not to meter exactly.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from concord.core.http import client_ip

_SECONDS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60}
_SECONDS |= {"h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "300/min" -> (300, 60): how many hits per how many seconds."""
    count, _, unit = rate.partition("/")
    try:
        limit, period = int(count), _SECONDS[unit.strip()]
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"not a rate: {rate!r} (e.g. 300/min)") from exc
    if limit < 1:
        raise ImproperlyConfigured(f"not a rate: {rate!r} (at least 1 a period)")
    return limit, period


def _window(key: str, rate: str, now: float | None) -> tuple[str, int, int, float]:
    """The counter of `key` in the current window, the limit, the period and the seconds left."""
    limit, period = parse_rate(rate)
    now = time.time() if now is None else now
    window = int(now // period)
    return f"ratelimit:{key}:{period}:{window}", limit, period, (window + 1) * period - now


def hit(key: str, rate: str, *, now: float | None = None) -> float | None:
    """Count one hit for `key`; None while within `rate`, else the seconds until the window ends."""
    counter, limit, period, left = _window(key, rate, now)
    cache.add(counter, 0, timeout=period + 1)
    try:
        count = cache.incr(counter)
    except ValueError:  # evicted between add and incr: this hit starts the window again
        cache.set(counter, 1, timeout=period + 1)
        count = 1
    if count <= limit:
        return None
    return left


def spent(key: str, rate: str, *, now: float | None = None) -> float | None:
    """Without counting: None while `key` has hits left in this window, else the seconds until it
    ends."""
    counter, limit, _, left = _window(key, rate, now)
    return left if (cache.get(counter) or 0) >= limit else None


def _address(request: HttpRequest) -> str:
    return f"api:address:{client_ip(request)}"


def failed_call(request: HttpRequest) -> float | None:
    """Count an API call that did not authenticate against its address (CONCORD_API_ANON_RATE);
    None while within the limit, else the seconds until the window ends."""
    rate: str = settings.CONCORD_API_ANON_RATE
    return hit(_address(request), rate) if rate else None


def address_spent(request: HttpRequest) -> float | None:
    """Whether the address has used up its failed calls (then no token is even looked at)."""
    rate: str = settings.CONCORD_API_ANON_RATE
    return spent(_address(request), rate) if rate else None
