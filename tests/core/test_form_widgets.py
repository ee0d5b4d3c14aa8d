"""Form widgets (rendered by Jinja2's copies of Django's widget templates, settings.FORM_RENDERER)
escape what people typed and what records are called, like the rest of the page."""

import re
from collections.abc import Callable

from django.test import Client

from concord.goals.services import goals
from tests.world import World

MARKUP = '"><img src=x onerror=alert(1)>'
# The markup as text: quote and angle brackets escaped (as &#34; or &quot;), nothing left to run.
ESCAPED = r"(&#34;|&quot;)&gt;&lt;img src=x onerror=alert\(1\)&gt;"


def _markup_is_text(page: str) -> None:
    assert "<img src=x" not in page and '"><img' not in page


def test_a_record_named_with_markup_is_an_escaped_choice(
    world: World, client_for: Callable[[str], Client]
) -> None:
    goals.goal_create(actor=world.user("buyer_lead"), partnership=world.partnership, title=f"Uptime {MARKUP}")
    page = client_for("buyer_lead").get(f"/partnerships/{world.partnership.pk}/decisions/").content.decode()
    # a goal the decision may touch, offered as a checkbox
    assert re.search(rf'name="goals" value="\d+" id="id_goals_\d+"> Uptime {ESCAPED}</label>', page)
    _markup_is_text(page)


def test_a_refused_value_is_shown_again_escaped(world: World, client_for: Callable[[str], Client]) -> None:
    url = f"/partnerships/{world.partnership.pk}/goals/"
    answer = client_for("buyer_lead").post(
        url, {"title": MARKUP, "target": "not a number", "visibility": "shared"}
    )
    page = answer.content.decode()
    assert 'id="id_target_error"' in page  # the form came back with the target's error
    assert re.search(rf'name="title" value="{ESCAPED}"', page)
    _markup_is_text(page)
