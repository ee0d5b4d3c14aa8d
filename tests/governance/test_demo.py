"""The demo's governance: a RACI with its deliberate mistakes shown, an escalated issue that the
next level heard of, a resolved issue citing a principle, and the pages of every demo persona."""

from typing import Any

from django.test import Client

from concord.accounts.models import User
from concord.demo import workspace
from concord.governance import selectors
from concord.governance.models import Issue
from concord.notifications.models import Notification
from concord.partnerships.models import Partnership
from tests.world import World


def test_the_demo_shows_every_part_of_governance(world: World) -> None:
    workspace.build()
    clara = User.objects.get(email="clara@helix.example")
    bioprocess = Partnership.unscoped.get(name="Single-use bioprocessing")
    problems = selectors.matrix(actor=clara, partnership=bioprocess).problems
    texts = [p.text for found in problems.values() for p in found]
    assert any("2 people are accountable" in t for t in texts) and any(
        "Nobody is responsible" in t for t in texts
    )
    escalated = Issue.unscoped.get(title__startswith="Film lot release")
    assert escalated.escalations == 1 and escalated.level is not None and escalated.level.rank == 2
    told = set(
        Notification.unscoped.filter(kind="issue_escalated", text__contains="escalated to you").values_list(
            "user__email", flat=True
        )
    )
    assert told == {"clara@helix.example", "sam@aurora.example"}
    resolved = Issue.unscoped.get(title__startswith="Index-linked")
    assert resolved.cited_principle == "Equity" and resolved.cited_text.startswith("Equity —")
    for login in workspace.LOGINS[:4]:
        client: Any = Client()
        client.force_login(User.objects.get(email=login.email))
        for url in (
            f"/partnerships/{bioprocess.pk}/governance/",
            f"/partnerships/{bioprocess.pk}/committees/",
            f"/partnerships/{bioprocess.pk}/decisions/",
            f"/partnerships/{bioprocess.pk}/issues/",
            f"/issues/{resolved.pk}/",
            f"/partnerships/{bioprocess.pk}/lessons/",
            "/lessons/",
        ):
            assert client.get(url).status_code == 200, (login.email, url)
