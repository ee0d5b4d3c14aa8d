"""Time the busiest reads at two data sizes on a throw-away SQLite database.

Writes bench/results/figures.json: median milliseconds per request for the portfolio, the
partnership workspace and the notes API, with 10 and 100 partnerships / notes. Numbers depend on
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


def _grow(world: object, size: int) -> None:
    from concord.partnerships import services

    lead = world.user("buyer_lead")  # type: ignore[attr-defined]
    for i in range(size):
        services.partnership_create(actor=lead, buyer=world.buyer, name=f"Bench {i}")  # type: ignore[attr-defined]
        services.note_create(actor=lead, partnership=world.partnership, body=f"note {i}")  # type: ignore[attr-defined]


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
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests.world import build_world

        world = build_world()
        client = Client()
        client.force_login(world.user("buyer_lead"))
        pk = world.partnership.pk
        urls = {"portfolio": "/", "workspace": f"/partnerships/{pk}/",
                "notes_api": f"/api/v1/partnerships/{pk}/notes?limit=50"}
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
