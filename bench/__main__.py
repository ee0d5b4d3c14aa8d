"""Time the busiest reads at two data sizes on a throw-away SQLite database.

Writes bench/results/figures.json: median milliseconds per request for the portfolio, the
partnership workspace, the notes API, an agreement, its traceability matrix and a clause page (whose
suggestions compare the clause with every objective, weighting words over the whole agreement),
the Goals tab and API (every goal assessed from a year of values), the scorecards, the demands,
the commitment ledger with both reliability indices, meetings and the decision log, with 10 and
100 partnerships / notes / clauses / goals / demands / commitments / meetings. Numbers depend on
the machine; compare runs on the same one.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def _setup(var: str) -> None:
    os.environ.update(CONCORD_VAR_DIR=var, DJANGO_SETTINGS_MODULE="concord.config.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


VOCABULARY = (
    "supply security safety stock lead time prototype cost saving price index quality batch release "
    "certificate audit innovation joint development design freeze volume forecast delivery"
)
WORDS = VOCABULARY.split()


def _grow(world: object, size: int) -> None:
    from concord.agreements import services as agreements
    from concord.partnerships import services

    lead = world.user("buyer_lead")  # type: ignore[attr-defined]
    start = world.agreement.clauses.count()  # type: ignore[attr-defined]
    for i in range(size):
        text = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(60))
        agreements.clause_add(
            actor=lead,
            agreement=world.agreement,
            number=f"{start + i + 2}",
            heading=f"Clause {i}",
            text=text,  # type: ignore[attr-defined]
        )
        services.partnership_create(actor=lead, buyer=world.buyer, name=f"Bench {i}")  # type: ignore[attr-defined]
        services.note_create(actor=lead, partnership=world.partnership, body=f"note {i}")  # type: ignore[attr-defined]
        _goal_with_a_year(world, i)
        _working_together(world, i)


def _working_together(world: object, i: int) -> None:
    """A demand answered yes, a commitment, and a meeting with a decision, per step."""
    import datetime

    from django.utils import timezone

    from concord.commitments import services as demands
    from concord.meetings import services as meetings

    lead, sol = world.user("buyer_lead"), world.user("supplier_lead")  # type: ignore[attr-defined]
    soon = timezone.localdate() + datetime.timedelta(days=10)
    demand = demands.demand_raise(actor=lead, partnership=world.partnership, title=f"Demand {i}")  # type: ignore[attr-defined]
    demands.demand_answer(actor=sol, demand=demand, version=1, kind="yes", rationale="ok", promised_on=soon)
    meeting = meetings.meeting_schedule(
        actor=lead,
        partnership=world.partnership,
        title=f"Check-in {i}",  # type: ignore[attr-defined]
        starts_at=timezone.now() + datetime.timedelta(days=2),
    )
    meetings.decision_add(actor=lead, meeting=meeting, text=f"Decision {i}", rationale="why")


def _goal_with_a_year(world: object, i: int) -> None:
    """A goal with twelve month-end values (the Goals tab reads all of them at once)."""
    import datetime

    from concord.core import periods
    from concord.goals import services as goals

    lead = world.user("supplier_lead")  # type: ignore[attr-defined]
    goal = goals.goal_create(
        actor=lead,
        partnership=world.partnership,
        title=f"KPI {i}",
        baseline="80",
        target="98",  # type: ignore[attr-defined]
        start_date=datetime.date(2025, 11, 1),
        due_date=datetime.date(2027, 6, 30),
    )
    months = periods.last_periods(periods.PeriodKind.MONTH, datetime.date(2026, 10, 1), 12)
    for n, start in enumerate(months):
        goals.measurement_add(actor=lead, goal=goal, measured_on=start.replace(day=28), value=80 + n)


def _median_ms(client: object, url: str, runs: int = 30) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return round(statistics.median(timings), 2)


def main() -> None:
    with tempfile.TemporaryDirectory() as var:
        _setup(var)
        from django.conf import settings
        from django.test import Client
        from django.test.utils import setup_test_environment

        setup_test_environment()
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        from django.test.utils import override_settings

        # Meeting invitations stay in memory instead of flooding the console.
        in_memory = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        override_settings(MAILERS=in_memory).enable()
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests.world import build_world

        world = build_world()
        client = Client()
        client.force_login(world.user("buyer_lead"))
        pk = world.partnership.pk
        from concord.vision.services import document

        for title in ("Secure supply and safety stock", "Lower cost per batch", "Joint design of the bag"):
            latest = world.partnership.vision_document.revisions.first().number
            document.objective_add(
                actor=world.user("buyer_lead"), partnership=world.partnership, base=latest, title=title
            )
        a, c = world.agreement.pk, world.clause.pk
        urls = {
            "portfolio": "/",
            "workspace": f"/partnerships/{pk}/",
            "notes_api": f"/api/v1/partnerships/{pk}/notes?limit=50",
            "agreement": f"/agreements/{a}/",
            "traceability": f"/agreements/{a}/traceability/",
            "clause_with_suggestions": f"/clauses/{c}/",
            "goals": f"/partnerships/{pk}/goals/",
            "goals_api": f"/api/v1/partnerships/{pk}/goals",
            "scorecards": f"/partnerships/{pk}/scorecards/",
            "scorecard": f"/scorecards/{world.scorecard.pk}/",
            "demands": f"/partnerships/{pk}/demands/",
            "ledger": f"/partnerships/{pk}/commitments/",
            "meetings": f"/partnerships/{pk}/meetings/",
            "decision_log": f"/partnerships/{pk}/decisions/",
        }
        figures: dict[str, dict[str, float]] = {}
        grown = 0
        for size in (10, 100):
            _grow(world, size - grown)
            grown = size
            figures[str(size)] = {name: _median_ms(client, url) for name, url in urls.items()}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "figures.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
