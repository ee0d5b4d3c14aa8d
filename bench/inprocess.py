"""The bench's in-process half, run once per scale in a process of its own (Django is set up from
the environment the harness gives it: the scale's database, the production settings):

- an API token for the buyer lead (the load runs use it for the API lists),
- the URLs of every page and list under test, on the first partnership (pk order),
- per URL: the SQL query count, the server time split and the cProfile top (bench/profiling.py).

    python -m bench.inprocess --requests 20 --out figures.json
Prints nothing but errors; writes {"token", "partnership", "urls", "figures", "bare"} to --out.
"""

import argparse
import json
import os
from pathlib import Path
from typing import Any

LEAD = "buyer.lead@generated.example"


def urls(partnership: int) -> dict[str, dict[str, str]]:
    """What the bench measures: the pages (signed-in session) and the API lists (bearer token)."""
    p = f"/partnerships/{partnership}"
    a = f"/api/v1/partnerships/{partnership}"
    return {
        "portfolio": {"kind": "portfolio", "url": "/"},
        "home": {"kind": "page", "url": "/home/"},
        "overview": {"kind": "page", "url": f"{p}/"},
        "goals": {"kind": "page", "url": f"{p}/goals/"},
        "demands": {"kind": "page", "url": f"{p}/demands/"},
        "ledger": {"kind": "page", "url": f"{p}/commitments/"},
        "meetings": {"kind": "page", "url": f"{p}/meetings/"},
        "risks": {"kind": "page", "url": f"{p}/risks/"},
        "governance": {"kind": "page", "url": f"{p}/governance/"},
        "issues": {"kind": "page", "url": f"{p}/issues/"},
        "lifecycle": {"kind": "page", "url": f"{p}/lifecycle/"},
        "insight": {"kind": "page", "url": f"{p}/insight/"},
        "reviews": {"kind": "page", "url": f"{p}/reviews/"},
        "surveys": {"kind": "page", "url": f"{p}/surveys/"},
        "selection": {"kind": "page", "url": "/selection/needs/"},
        "dashboard_by_health": {"kind": "portfolio", "url": "/?sort=-health"},
        "health": {"kind": "page", "url": f"{p}/health/"},
        "api_partnerships": {"kind": "api", "url": "/api/v1/partnerships"},
        "api_goals": {"kind": "api", "url": f"{a}/goals"},
        "api_notes": {"kind": "api", "url": f"{a}/notes"},
        "api_commitments": {"kind": "api", "url": f"{a}/commitments"},
        "api_meetings": {"kind": "api", "url": f"{a}/meetings"},
        "api_demands": {"kind": "api", "url": f"{a}/demands"},
        "api_risks": {"kind": "api", "url": f"{a}/risks"},
        "api_decisions": {"kind": "api", "url": f"{a}/decisions"},
        "api_issues": {"kind": "api", "url": f"{a}/issues"},
        "api_segmentations": {"kind": "api", "url": f"{a}/segmentations"},
        "api_proposals": {"kind": "api", "url": f"{a}/proposals"},
        "api_reviews": {"kind": "api", "url": f"{a}/reviews"},
        "api_surveys": {"kind": "api", "url": f"{a}/surveys"},
        "api_needs": {"kind": "api", "url": "/api/v1/selection/needs"},
        "api_portfolio": {"kind": "api", "url": "/api/v1/portfolio?sort=-health"},
        "api_health": {"kind": "api", "url": f"{a}/health"},
    }


def _token(lead: Any) -> str:
    from concord.accounts.services import token_create

    _, secret = token_create(actor=lead, name="bench")
    return secret


def run(*, requests: int) -> dict[str, Any]:
    from django.test import Client

    from bench import profiling
    from concord.accounts.models import User
    from concord.partnerships.models import Partnership

    lead = User.objects.get(email=LEAD)
    first = Partnership.objects.restrict(lead).order_by("pk").first()
    if first is None:
        raise SystemExit(f"{LEAD} sees no partnership: was the data generated?")
    secret = _token(lead)
    session = Client()
    session.force_login(lead)
    bearer = Client()
    figures: dict[str, Any] = {}
    targets = urls(first.pk)
    for name, target in targets.items():
        api = target["kind"] == "api"
        client, headers = (bearer, {"Authorization": f"Bearer {secret}"}) if api else (session, {})
        figures[name] = profiling.measure(client, target["url"], requests, headers)
    # The yardstick's own split: what every request costs before a page does anything.
    bare = profiling.split(session, "/bench/bare/", requests)
    bare["queries"] = profiling.query_count(session, "/bench/bare/")
    return {"token": secret, "partnership": first.pk, "urls": targets, "figures": figures, "bare": bare}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concord.config.settings")
    import django

    django.setup()
    args.out.write_text(json.dumps(run(requests=args.requests), indent=2))


if __name__ == "__main__":
    main()
