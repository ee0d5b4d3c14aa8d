"""`concord generate`: a portfolio of generated partnerships, built in chunks through `Batch`.

The steps run for each partnership in order, one per app; a later capability adds its records by
adding a step (a function of the partnership being built and the batch) and its models to STEPS.
Chunks of partnerships are written together so memory stays bounded at any scale; the whole run
is one transaction, so it lands whole or not at all.
"""

import datetime
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.test.utils import override_settings
from tqdm import tqdm

from concord.accounts.models import User
from concord.demo.generator import (
    commitments,
    goals,
    governance,
    health,
    insight,
    lifecycle,
    meetings,
    notes,
    people,
    reviews,
    risks,
    selection,
)
from concord.demo.generator.batch import Batch
from concord.demo.generator.plan import KINDS, Counts, share
from concord.demo.generator.site import Buyer, Site
from concord.health import services as health_services

CHUNK = 200  # partnerships written together: about 70,000 rows and as many audit events

Step = Callable[[Site, Batch], None]


@dataclass(frozen=True)
class Generated:
    counts: Counts
    written: dict[str, int]  # rows by model label, audit events included


class AlreadyGenerated(Exception):
    """Generated data is already in the database: nothing was written."""


# What each kind counted in `Counts` is, for the progress bars.
LABELS = {
    "partnerships": "partnerships.partnership",
    "goals": "goals.goal",
    "measurements": "goals.measurement",
    "commitments": "commitments.commitment",
    "meetings": "meetings.meeting",
    "notes": "partnerships.note",
}


def steps(counts: Counts) -> list[tuple[Step, list[type[Any]]]]:
    """One step per app, in the order a partnership's records depend on each other (meetings
    before commitments: a held meeting's actions are commitments)."""
    return [
        (people.partnership_step, people.MODELS),
        (
            partial(goals.goal_step, total_measurements=counts.measurements, total_goals=counts.goals),
            goals.MODELS,
        ),
        (meetings.meeting_step, meetings.MODELS),
        (commitments.commitment_step, commitments.MODELS),
        (notes.note_step, notes.MODELS),
        (risks.risk_step, risks.MODELS),
        (governance.governance_step, governance.MODELS),
        (lifecycle.lifecycle_step, lifecycle.MODELS),
        (insight.insight_step, insight.MODELS),
        (selection.need_step, selection.MODELS),
        (health.health_step, health.MODELS),
        (reviews.survey_step, reviews.MODELS),
    ]


def already_generated() -> bool:
    return User.objects.filter(email=people.BUYER_LEAD).exists()


def generate(
    *, counts: Counts, seed: int, password: str, today: datetime.date, progress: bool = True
) -> Generated:
    """Generate the portfolio; AlreadyGenerated (and nothing written) if it is there already."""
    if already_generated():
        raise AlreadyGenerated(f"Generated data is already in this database ({people.BUYER_LEAD} exists).")
    plan = steps(counts)
    batch = Batch(order=[model for _, models in plan for model in models])
    password_hash = make_password(password)  # once: PBKDF2 per person would take hours
    bars = _bars(counts, progress)
    # DEBUG's cursor copies every statement, parameters inlined, into a log of the last 9,000:
    # with inserts of 2,000 rows that is most of the memory and much of the time.
    with override_settings(DEBUG=False), transaction.atomic():
        buyer = people.buyer(batch, password_hash)
        batch.flush()
        for start in range(1, counts.partnerships + 1, CHUNK):
            for index in range(start, min(start + CHUNK, counts.partnerships + 1)):
                site = _site(index, counts, seed=seed, today=today, buyer=buyer, password_hash=password_hash)
                for step, _ in plan:
                    step(site, batch)
            done = batch.flush()
            for kind, bar in bars.items():
                bar.update(done[LABELS[kind]])
        # this month's health index as the daily job computes it, from what was written
        batch.written["health.healthscore"] += health_services.recompute_all(today)
    for bar in bars.values():
        bar.close()
    _refresh_statistics()
    return Generated(counts=counts, written=dict(batch.written))


def _refresh_statistics() -> None:
    """PostgreSQL plans from table statistics that autovacuum refreshes only a while after a bulk
    load; until then it takes tables of millions of rows for empty ones and chooses plans that
    are a hundred times slower (seen at 1,000 partnerships). ANALYZE now, so the first page read
    after generating is planned as it will be in use."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _site(
    index: int, counts: Counts, *, seed: int, today: datetime.date, buyer: Buyer, password_hash: str
) -> Site:
    parts = counts.partnerships
    base, extra = divmod(counts.goals, parts)
    return Site(
        index=index,
        rng=random.Random(f"{seed}:{index}"),
        today=today,
        buyer=buyer,
        counts={
            kind: share(getattr(counts, kind), parts, index - 1) for kind in KINDS if kind != "measurements"
        },
        first_goal=base * (index - 1) + min(index - 1, extra),
        password_hash=password_hash,
    )


def _bars(counts: Counts, progress: bool) -> dict[str, Any]:
    return {
        kind: tqdm(
            total=getattr(counts, kind),
            desc=f"{kind:<13}",
            unit=" rows",
            position=i,
            file=sys.stderr,
            disable=not progress,
            unit_scale=True,
            dynamic_ncols=True,
        )
        for i, kind in enumerate(KINDS)
    }
