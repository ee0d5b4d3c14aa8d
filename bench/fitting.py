"""Issue 17: the fit engine ranking a large portfolio for one customer.

`measure(offerings=...)` runs where Django is set up, on a database with generated data (it takes
the first generated supplier, `supplier1.lead@generated.example`, and its partnership). Inside a
transaction rolled back at the end it adds `offerings` offerings (and their keys) to that
supplier's portfolio in bulk, then times `insight.selectors.recommendations` — what the Insight
tab and the API ask — RUNS times. The ranking is one SQL query over the whole portfolio (no
Python loop per offering), so its query count is the same at any size.

Figures: {"offerings", "median_ms", "best_ms", "queries", "short_list"}. Run alone:

    python -m bench.fitting --offerings 100000          (SQLite or, under with-postgres.sh, PostgreSQL)
"""

import argparse
import json
import statistics
import time
from typing import Any

RUNS = 5
SUPPLIER_LEAD = "supplier1.lead@generated.example"
CHUNK = 5_000


class _RolledBack(Exception):
    pass


def _add_portfolio(organisation: Any, count: int) -> None:
    from concord.demo import catalogue
    from concord.insight.models import Offering, OfferingKey
    from concord.insight.services.portfolio import derived, keys_of

    made = catalogue.offerings("bench", count)
    for start in range(0, count, CHUNK):
        rows = [Offering(organisation=organisation, **f, **derived(f)) for f in made[start : start + CHUNK]]
        Offering.unscoped.bulk_create(rows, batch_size=2000)
        OfferingKey.unscoped.bulk_create([k for o in rows for k in keys_of(o)], batch_size=2000)


def rank(*, actor: Any, partnership: Any, offerings: int) -> dict[str, Any]:
    """Add `offerings` to the actor's supplier portfolio and time the short list (rolled back)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from concord.access.sides import require_insight_reader
    from concord.insight import selectors
    from concord.organisations.models import Organisation

    figures: dict[str, Any] = {}
    try:
        with transaction.atomic():
            organisation = Organisation.unscoped.get(pk=require_insight_reader(actor, partnership))
            _add_portfolio(organisation, offerings)
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                found = selectors.recommendations(actor=actor, partnership=partnership)
                times.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as queries:
                selectors.recommendations(actor=actor, partnership=partnership)
            figures = {
                "offerings": offerings,
                "median_ms": round(statistics.median(times), 1),
                "best_ms": round(min(times), 1),
                "queries": len(queries),
                "short_list": len(found.items),
            }
            raise _RolledBack
    except _RolledBack:
        pass
    return figures


def measure(*, offerings: int = 100_000) -> dict[str, Any]:
    from concord.accounts.models import User
    from concord.partnerships.models import Partnership

    lead = User.objects.filter(email=SUPPLIER_LEAD).first()
    if lead is None:
        raise SystemExit(f"{SUPPLIER_LEAD} not found: generate data first (concord generate).")
    partnership = Partnership.objects.restrict(lead).order_by("pk").first()
    return rank(actor=lead, partnership=partnership, offerings=offerings)


def main() -> None:
    import os

    import django

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--offerings", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concord.config.settings")
    django.setup()
    print(json.dumps(measure(offerings=args.offerings)))


if __name__ == "__main__":
    main()
