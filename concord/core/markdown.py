"""Markdown rendered to HTML and sanitised with nh3, so user text can never inject script."""

import threading

import markdown as md
import nh3
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


def render_markdown(text: str) -> SafeString:
    html = _converter().reset().convert(text or "")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)
