"""Guards against lists that grow with the data: query counts (no N+1) and rows per answer (paged)."""

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


def rendered_rows(response: Any) -> int:
    """How many rows of a list one answer carries: an API page's results, or a page's elements
    marked `data-row` (every list template marks its rows so)."""
    assert response.status_code == 200, response
    if response["Content-Type"].startswith("application/json"):
        return len(response.json()["results"])
    return response.content.decode().count("data-row")


def assert_bounded_rows(fetch: Callable[[], Any], grow: Callable[[int], None], *, step: int = 0) -> None:
    """Grow a list past one page, fetch, grow it as much again, fetch again: the answer carries at
    most one page of rows, and a full page once the list is long, never the whole list. (What the
    reader may see of the growth decides how full the first page is: when the second answer is not
    a full page yet, the list grows twice as much again before the last answer — as far as the
    check has always gone, four steps, paid only by the lists that need it.)"""
    from concord.core.paging import PAGE_SIZE

    step = step or PAGE_SIZE + 1
    grow(step)
    small = rendered_rows(fetch())
    grow(step)
    large = rendered_rows(fetch())
    if large < PAGE_SIZE:
        grow(step * 2)
        large = rendered_rows(fetch())
    assert 0 < small <= PAGE_SIZE and large == PAGE_SIZE, f"rows grew with the data: {small} -> {large}"
