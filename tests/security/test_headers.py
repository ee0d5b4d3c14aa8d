"""What every answer tells the browser: a Content-Security-Policy without inline code or eval,
no framing, no sniffing, a referrer policy; and a CSRF cookie that no script can read.

Templates are also read as text, so inline code cannot creep back in unnoticed: the policy would
refuse it in the browser (tests/browser/test_csp.py shows it does not happen on any page today),
but a template is cheaper to check than a page is to load.
"""

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)  # the concord package
TEMPLATES = sorted(p for p in ROOT.rglob("*.html") if "templates" in p.parts)
# What a Content-Security-Policy without 'unsafe-inline' refuses in markup.
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "hx-on attribute": re.compile(r"\shx-on", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.parametrize("url", ["/account/login/", "/", "/api/v1/me", "/api/v1/docs"])
def test_every_answer_carries_the_policy(client_for: Any, url: str) -> None:
    response = client_for("buyer_lead").get(url)
    policy = _directives(response["Content-Security-Policy"])
    for directive in ("default-src", "script-src", "style-src"):
        assert policy[directive] == ["'self'"], directive
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_csrf_cookie_is_not_readable_by_scripts(client: Any) -> None:
    client.get("/account/login/")
    cookie = client.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"


def test_htmx_sends_the_token_without_reading_the_cookie(client_for: Any) -> None:
    """With the cookie closed to scripts, htmx requests carry the token from the page itself."""
    page = client_for("buyer_lead").get("/").content.decode()
    assert re.search(r"hx-headers='\{\"X-CSRFToken\": \"[\w-]{32,}\"\}'", page)


def test_templates_hold_no_inline_code() -> None:
    assert TEMPLATES, "no templates found"
    found = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}: {kind}"
        for path in TEMPLATES
        for text in [path.read_text()]
        for kind, pattern in INLINE.items()
        for match in pattern.finditer(text)
    ]
    assert not found, found


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<p style="color:red">',
        "<style>p{}</style>",
        '<a href="#" onclick="x()">',
        '<a href="javascript:history.back()">',
        '<button hx-on:click="x()">',
    ],
)
def test_the_template_check_sees_each_kind(markup: str) -> None:
    assert any(pattern.search(markup) for pattern in INLINE.values())


def test_the_template_check_allows_what_the_policy_allows() -> None:
    allowed = '<script src="/static/x.js" defer></script><script id="s" type="application/json">{}</script>'
    assert not any(pattern.search(allowed) for pattern in INLINE.values())
