"""Where a page's server time goes, measured in-process through Django's test client.

For one URL: the SQL queries one request sends (CaptureQueriesContext, after a warm-up request),
then N timed requests with the time split into SQL (every query, through
connection.execute_wrapper), template rendering (the time inside the outermost Template.render,
less the SQL run meanwhile: lazy querysets evaluated by the template count as SQL) and the rest
(middleware, views, serialisation), then N more requests under cProfile for the top functions by
cumulative time. The timed and profiled runs are separate, so the profiler's overhead never
enters the split. The parts add up to the total by construction; the rest is what is left.
"""

import cProfile
import pstats
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.template import base as template_base
from django.test import Client
from django.test.utils import CaptureQueriesContext

TOP_FUNCTIONS = 15


@dataclass
class _Clock:
    """Seconds spent in SQL and in templates (outermost render only) since it started."""

    sql: float = 0.0
    template: float = 0.0
    depth: int = 0
    _installed: list[tuple[Any, Callable[..., Any]]] = field(default_factory=list)

    def run_sql(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql += time.perf_counter() - start

    def timed_render(self, render: Callable[..., Any]) -> Callable[..., Any]:
        clock = self

        def render_timed(template: Any, context: Any) -> Any:
            if clock.depth:  # an include or a partial inside a render being timed already
                return render(template, context)
            clock.depth += 1
            start, sql_before = time.perf_counter(), clock.sql
            try:
                return render(template, context)
            finally:
                clock.depth -= 1
                clock.template += time.perf_counter() - start - (clock.sql - sql_before)

        return render_timed


@contextmanager
def _clocked() -> Iterator[_Clock]:
    """Time SQL and template rendering while the block runs (this thread's connection)."""
    clock = _Clock()
    classes = [template_base.Template, getattr(template_base, "PartialTemplate", None)]
    originals = [(cls, cls.render) for cls in classes if cls is not None]
    for cls, render in originals:
        cls.render = clock.timed_render(render)  # type: ignore[method-assign]
    try:
        with connection.execute_wrapper(clock.run_sql):
            yield clock
    finally:
        for cls, render in originals:
            cls.render = render  # type: ignore[method-assign]


def _get(client: Client, url: str, headers: dict[str, str]) -> None:
    response = client.get(url, headers=headers, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}, not 200")


def query_count(client: Client, url: str, headers: dict[str, str] | None = None) -> int:
    """The SQL queries one request for the URL sends (after a warm-up request)."""
    _get(client, url, headers or {})
    with CaptureQueriesContext(connection) as queries:
        _get(client, url, headers or {})
    return len(queries)


def split(client: Client, url: str, requests: int, headers: dict[str, str] | None = None) -> dict[str, float]:
    """Mean milliseconds per request: total, and its SQL, template and other parts."""
    _get(client, url, headers or {})
    with _clocked() as clock:
        start = time.perf_counter()
        for _ in range(requests):
            _get(client, url, headers or {})
        total = time.perf_counter() - start
    per_ms = 1000 / requests
    sql, template = clock.sql * per_ms, clock.template * per_ms
    total_ms = total * per_ms
    return {
        "total_ms": round(total_ms, 3),
        "sql_ms": round(sql, 3),
        "template_ms": round(template, 3),
        "other_ms": round(total_ms - sql - template, 3),
    }


def profile(client: Client, url: str, requests: int, headers: dict[str, str] | None = None) -> str:
    """The top functions by cumulative and by own time over N requests, per request."""
    _get(client, url, headers or {})
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        _get(client, url, headers or {})
    profiler.disable()
    rows = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    lines = [f"cProfile over {requests} requests; milliseconds and calls per request."]
    for title, column in (("cumulative time (request plumbing left out)", 3), ("own time", 2)):
        lines += [f"Top {TOP_FUNCTIONS} by {title}:", "   cum ms    own ms     calls  function"]
        top = sorted(
            (r for r in rows.items() if column == 2 or not _plumbing(r[0][0])), key=lambda r: -r[1][column]
        )
        for (path, line, name), (_, calls, own, cum, _) in top[:TOP_FUNCTIONS]:
            lines.append(
                f"{cum * 1000 / requests:9.2f} {own * 1000 / requests:9.2f} {calls / requests:9.1f}  "
                f"{_short(path)}:{line}({name})"
            )
    return "\n".join(lines)


# Frames every request passes through (test client, handler, middleware and their wrappers): by
# cumulative time each is the whole request, which says nothing about the page.
PLUMBING = (
    "django/test/",
    "django/core/handlers/",
    "django/utils/deprecation.py",
    "middleware",
    "bench/profiling",
)


def _plumbing(path: str) -> bool:
    return any(part in path for part in PLUMBING)


def _short(path: str) -> str:
    for marker in ("site-packages/", "/concord/", "/bench/"):
        if marker in path:
            head = "" if marker == "site-packages/" else marker.strip("/") + "/"
            return head + path.split(marker, 1)[1]
    return path


def measure(client: Client, url: str, requests: int, headers: dict[str, str] | None = None) -> dict[str, Any]:
    """Query count, time split and profile of one URL (the bench's in-process figures)."""
    return {
        "queries": query_count(client, url, headers),
        **split(client, url, requests, headers),
        "profile": profile(client, url, requests, headers),
    }
