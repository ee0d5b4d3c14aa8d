"""The main pages on a phone, and their accessibility, in one browser walk per persona.

Each main page is loaded at 390 x 844 (a phone held upright) for the buyer lead and the supplier
lead: the page must not scroll sideways (wide tables scroll inside their own box instead), and
axe-core (vendored under `vendor/axe-core/`, a test tool never served to users) must find no
violation of impact "serious" or "critical". One context per persona, signed in once, every page
visited in the same test: the browser tests are the slowest part of the suite.
"""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.test_journeys import _sign_in, browser  # noqa: F401  (the fixture)
from tests.world import World

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
EMAILS = {"buyer_lead": "lead@buyer.test", "supplier_lead": "lead@supplier.test"}
SERIOUS = ("serious", "critical")


def _shared_meeting(world: World) -> Any:
    """The world's meeting is internal to the buyer; the supplier needs one to open."""
    from concord.access.roles import Visibility
    from concord.meetings import services as meetings

    return meetings.meeting_schedule(
        actor=world.user("supplier_lead"),
        partnership=world.partnership,
        title="Quarterly review with a rather long title about the film line qualification",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        visibility=Visibility.SHARED,
    )


def _main_pages(world: World, persona: str) -> list[str]:
    p = {"pk": world.partnership.pk}
    buyer = persona == "buyer_lead"
    goal = world.goal_internal if buyer else world.goal_shared
    meeting = world.meeting if buyer else _shared_meeting(world)
    pages: list[tuple[str, dict[str, Any]]] = [
        ("home", {}),
        ("portfolio", {}),
        ("partnership-detail", p),
        ("goals", p),
        ("goal", {"pk": goal.pk}),
        ("demands", p),
        ("demand", {"pk": world.demand.pk}),
        ("commitments", p),
        ("commitment", {"pk": world.commitment.pk}),
        ("meetings", p),
        ("meeting", {"pk": meeting.pk}),
        ("governance", p),
        ("committees", p),
        ("decision-log", p),
        ("issues", p),
        ("lessons", p),
        ("scorecards", p),
        ("scorecard", {"pk": world.scorecard.pk}),
        ("risks", p),
        ("risk", {"pk": world.risk.pk}),
        ("reviews", p),
        ("review", {"pk": world.review.pk}),
        ("surveys", p),
        ("survey-round", {"pk": world.survey_round.pk}),
        ("agreements", p),
        ("agreement", {"pk": world.agreement.pk}),
        ("vision", p),
        ("notifications", {}),
        ("organisation-list", {}),
        ("partnership-health", p),
        ("health-weights", {"pk": (world.buyer if buyer else world.supplier).pk}),
    ]
    # The new capabilities' main pages: the buyer's life cycle, checks, segmentation and partner
    # selection (all internal to the buyer); the supplier's insight and offering portfolio.
    if buyer:
        pages += [
            ("lifecycle", p),
            ("diligence", {"pk": world.buyer.pk}),
            ("kraljic", {"pk": world.buyer.pk}),
            ("selection-needs", {}),
            ("selection-need", {"pk": world.need.pk}),
        ]
    else:
        pages += [("insight", p), ("offerings", {"pk": world.supplier.pk})]
    return [reverse(name, kwargs=kwargs) for name, kwargs in pages]


def _wait_for_charts(page: Any) -> None:
    for figure in page.locator("figure[data-chart]").all():
        figure.and_(page.locator('[data-rendered="true"]')).wait_for()


def _axe(page: Any, source: str) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page (evaluated, so the CSP allows it)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
          const result = await axe.run(document, {resultTypes: ["violations"]});
          return result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " — " + n.failureSummary),
          }));
        }"""
    )
    return [v for v in found if v["impact"] in SERIOUS]


@pytest.mark.parametrize("persona", sorted(EMAILS))
def test_main_pages_fit_a_phone_and_pass_axe(
    transactional_db: Any,
    live_server: Any,
    browser: Any,  # noqa: F811
    world: World,
    persona: str,
) -> None:
    base = live_server.url
    source = AXE.read_text(encoding="utf-8")
    page = browser.new_context(viewport=PHONE).new_page()
    _sign_in(page, base, EMAILS[persona])
    # Signing in leads to the home page, with something waiting for each demo persona.
    assert page.url == base + reverse("home")
    assert page.locator("h1", has_text="What needs my attention").count() == 1
    assert page.locator("li[data-row]").count() >= 1
    too_wide: dict[str, int] = {}
    inaccessible: dict[str, list[dict[str, Any]]] = {}
    for url in _main_pages(world, persona):
        response = page.goto(base + url)
        assert response is not None and response.ok, url
        page.wait_for_load_state("load")
        _wait_for_charts(page)
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > PHONE["width"]:
            too_wide[url] = wide
        violations = _axe(page, source)
        if violations:
            inaccessible[url] = violations
    assert not (too_wide or inaccessible), {"wider than the phone": too_wide, "axe": inaccessible}

    # On the phone the header is one menu: the links are in it, not in rows across the screen.
    assert page.locator("header ul.wide-only").is_hidden()
    page.locator("header ul.phone-only summary").click()
    assert page.locator("header ul.phone-only").get_by_role("link", name="Partnerships").is_visible()

    # On a desktop screen every tab shows: one row (nowrap) that needs no scrolling.
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(base + reverse("partnership-detail", kwargs={"pk": world.partnership.pk}))
    strip = page.evaluate(
        "(() => { const t = document.querySelector('.tabs'); return [t.scrollWidth, t.clientWidth]; })()"
    )
    assert strip[0] <= strip[1], f"the workspace tabs need {strip[0]} px at 1366 px, have {strip[1]}"

    # The keyboard's focus shows (3 px ring), and the tab carries the favicon.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the skip link, onto the brand
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert ring[0] == "solid" and ring[1] >= 3, ring
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon and page.request.get(base + icon).ok


def test_axe_finds_what_it_should(
    transactional_db: Any,
    live_server: Any,
    browser: Any,  # noqa: F811
    world: World,
) -> None:
    """The walk above can fail: an unlabelled field and a nameless button are serious or critical."""
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/account/login/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<input type="text"><button type="button"></button>\')'
    )
    found = {v["id"] for v in _axe(page, AXE.read_text(encoding="utf-8"))}
    assert {"label", "button-name"} <= found, found
