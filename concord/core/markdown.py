"""Markdown rendered to HTML and sanitised with nh3, so user text can never inject script.

Rendered HTML is cached under the SHA-256 of the text it comes from: the HTML is a pure function
of the text, so whoever may read a text may read its rendering, and the key tells nothing to
anyone who does not already hold the text (safe in a cache shared by every process and both
sides). Pages render many notes, clauses and comments, mostly unchanged between requests.
"""

import hashlib
import threading

import markdown as md
import nh3
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
}


_local = threading.local()


def _converter() -> md.Markdown:
    """One converter per thread, reset between texts: building one (its extensions and patterns)
    costs more than converting a short note, and a page renders many."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = md.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    return converter


CACHE_SECONDS = 7 * 24 * 3600


def render_markdown(text: str) -> SafeString:
    if not text:
        return mark_safe("")
    # The number is the version of the rendering rules (extensions, allowed tags): bump it when
    # they change, so no page shows HTML made under the old ones.
    key = "markdown:1:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    html: str | None = cache.get(key)
    if html is None:
        html = _render(text)
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)


def _render(text: str) -> str:
    html = _converter().reset().convert(text)
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return clean
