"""Reading a list's rows out of a page, to compare a page with the API list it mirrors."""

import re
from typing import Any

from django.http import HttpResponse

_ROW = re.compile(r"<(tr|li|article|div)\b[^>]*\bdata-row\b[^>]*>(.*?)</\1>", re.S)


def row_texts(response: Any) -> list[str]:
    """The text of each element the page marks `data-row`, in the order shown."""
    assert response.status_code == 200, response
    html = response.content.decode()
    return [" ".join(re.sub(r"<[^>]+>", " ", body).split()) for _, body in _ROW.findall(html)]


def section(response: Any, element_id: str) -> HttpResponse:
    """Only the `<section id=element_id>` of a page, as an answer of its own: for pages that carry
    more than one list (each list is bounded on its own)."""
    html = response.content.decode()
    start = html.index(f'<section id="{element_id}"')
    return HttpResponse(html[start : html.index("</section>", start)], status=response.status_code)


def same_rows(page: Any, api: Any, key: str) -> list[str]:
    """Assert the page shows the API's rows in the API's order (matched by `key` of each result),
    and return those keys."""
    assert api.status_code == 200, api.content
    keys = [str(item[key]) for item in api.json()["results"]]
    shown = row_texts(page)
    assert len(shown) == len(keys), (shown, keys)
    assert all(k in row for k, row in zip(keys, shown, strict=True)), (shown, keys)
    return keys
