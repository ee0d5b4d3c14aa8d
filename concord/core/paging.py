"""One page size for every list, in pages and in the API.

Every list is read in pages with a stable order (its selector orders by something that ends with
the primary key), so no page or API answer ever grows with the data behind it. Pages use Django's
Paginator (`?page=`); the API uses `limit`/`offset` and answers `{count, limit, offset, results}`.
"""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from ninja import Field, Schema

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200
MAX_OFFSET = 2**31 - 1  # far beyond any list; larger numbers are refused, not sent to the database


class PageParams(Schema):
    limit: int = Field(
        PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page (at most {MAX_PAGE_SIZE})."
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


class Paged[T](Schema):
    """One page of a list and how many items the whole list has."""

    count: int
    limit: int
    offset: int
    results: list[T]


def page(items: Any, params: PageParams) -> dict[str, Any]:
    """One API page of a queryset (or a list computed in memory): {count, limit, offset, results}."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "results": list(items[params.offset : params.offset + params.limit]),
    }


def html_page(request: HttpRequest, items: Any, size: int = PAGE_SIZE, param: str = "page") -> Page[Any]:
    """The page of `items` named by `?page=` (or `param`, when one page shows two lists; the last
    page if it is past the end). The page remembers its parameter for _pager.html."""
    found = Paginator(items, size).get_page(request.GET.get(param))
    found.param = param  # type: ignore[attr-defined]
    return found
