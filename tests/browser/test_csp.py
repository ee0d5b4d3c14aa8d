"""Every page works under the Content-Security-Policy, in a real browser.

The policy refuses inline scripts, inline styles and eval; a page (or a library it loads) that
relies on one of them breaks only in a browser, so each page the buyer lead and the supplier lead
can open (taken from the page sweep's registry, so new pages are covered) is loaded in Chromium and
the browser's own `securitypolicyviolation` reports are collected: there must be none. Charts must
still be drawn (Vega with its expression interpreter), and the API docs must still load.
"""

from typing import Any

import pytest
from django.urls import reverse

from tests.browser.test_journeys import _sign_in, browser  # noqa: F401  (the fixture)
from tests.sweeps.test_pages import ALL, PAGES
from tests.world import World

pytestmark = [pytest.mark.browser]

# Collected from the moment each document starts, before any of its own scripts run.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""
EMAILS = {"buyer_lead": "lead@buyer.test", "supplier_lead": "lead@supplier.test"}


def _pages_for(persona: str, world: World) -> list[str]:
    urls = []
    for name, (method, kwargs, expected, _) in sorted(PAGES.items()):
        if method == "GET" and expected.get(persona, expected.get(ALL)) == 200:
            urls.append(reverse(name, kwargs=kwargs(world)))
    return urls


@pytest.mark.parametrize("persona", sorted(EMAILS))
def test_no_page_breaks_the_policy(
    transactional_db: Any,
    live_server: Any,
    browser: Any,  # noqa: F811
    world: World,
    persona: str,
) -> None:
    base = live_server.url
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    _sign_in(page, base, EMAILS[persona])
    broken = {}
    for url in [*_pages_for(persona, world), "/api/v1/docs"]:
        response = _opened(page, base + url)
        if response is None:
            continue  # a download (calendar feed, export): no document to run anything in
        assert response.ok, url
        if "text/html" not in response.headers["content-type"]:
            continue  # a chart's image: a document without scripts or styles of its own
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        for figure in page.locator("figure[data-chart]").all():
            figure.and_(page.locator('[data-rendered="true"]')).wait_for()
        if url == "/api/v1/docs":
            page.locator(".opblock").first.wait_for()  # Swagger UI drew the operations
        violations = page.evaluate("window.__violations")
        if violations:
            broken[url] = violations
    assert not broken, broken


def _opened(page: Any, url: str) -> Any:
    """The answer the page navigated to, or None when the browser took it as a download."""
    from playwright.sync_api import Error

    try:
        return page.goto(url)
    except Error:
        # Chromium says "Download is starting" or aborts the navigation, depending on timing
        if "text/html" in page.request.get(url).headers["content-type"]:
            raise
        return None


def test_a_page_that_breaks_the_policy_is_caught(
    transactional_db: Any,
    live_server: Any,
    browser: Any,  # noqa: F811
    world: World,
) -> None:
    """The listener above does see what the policy refuses (or the test could not fail)."""
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.goto(f"{live_server.url}/account/login/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color:red\">x</p>')")
    page.wait_for_function("window.__violations.length > 0")
    assert "style-src" in page.evaluate("window.__violations")[0]
