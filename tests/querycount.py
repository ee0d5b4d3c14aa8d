"""Guard against N+1: a page's query count must not grow with the data behind it."""

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fetch: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = fetch()
    assert getattr(response, "status_code", 200) == 200, response
    return len(ctx.captured_queries)


def assert_flat_queries(
    fetch: Callable[[], Any], grow: Callable[[int], None], *, budget: int, step: int = 5
) -> None:
    """Fetch, add `step` more rows with `grow`, fetch again: the count stays the same and within
    `budget`. Two sizes reveal a per-row query that one size would hide."""
    grow(step)
    small = count_queries(fetch)
    grow(step * 3)
    large = count_queries(fetch)
    assert large == small, f"query count grew with data: {small} -> {large} (N+1)"
    assert large <= budget, f"{large} queries, budget {budget}"
