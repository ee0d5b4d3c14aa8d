"""The health index's writes: the organisation's weights, and the index rows kept current.

Kept current (docs/health.md, "Keeping it current"): a committed write to one of the index's
sources (a goal or its values, a scorecard, a commitment, a risk, a meeting, the partnership or
its parties) recomputes that partnership's rows of the month at once (listeners.py, on the
audit's `committed` signal, whatever the entry point: a page, the API, an import, a job) — the
same set-based `recompute` as the daily pass, a fixed number of queries. The daily job
recomputes every partnership, so the components that move with the date alone (a goal falling
behind, a commitment falling due, a meeting missed) and each month's first snapshot are current
without any write. A change of weights recombines the organisation's rows of the month from
their stored components (`reweigh`: no source is read again). Earlier months' rows are never
rewritten: they are the history the trend reads. Pages never write: they read the rows.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from concord.access import pages
from concord.access.policy import require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import ValidationFailed
from concord.health import index, sources
from concord.health.models import HealthScore, HealthWeights
from concord.organisations.models import Organisation
from concord.partnerships.models import Partnership

FIRST_SAVED = 2  # version 1 is the defaults, never stored: the first change stores version 2
CHUNK = 500  # partnerships recomputed together by the daily job: bounded memory


def weights_of(organisation_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Each organisation's weights, the defaults for those that never set any (one query)."""
    ids = set(organisation_ids)
    found = {org: dict(index.DEFAULT_WEIGHTS) for org in ids}
    for weights in HealthWeights.unscoped.filter(organisation_id__in=ids):
        found[weights.organisation_id] = weights.as_dict()
    return found


def weights_set(
    *, actor: User, organisation: Organisation, version: int | None, **weights: int
) -> HealthWeights:
    """Change the organisation's weights (its admins, who lead it). This month's indexes are
    recombined with them at once; earlier months keep the weights they were computed with."""
    require(actor, Action.CHANGE, organisation)
    unknown = set(weights) - {c.value for c in index.Component}
    if unknown:
        raise ValidationFailed.single(sorted(unknown)[0], "Not a source of the health index.")
    with transaction.atomic():
        current = HealthWeights.unscoped.select_for_update().filter(organisation=organisation).first()
        if current is None:
            if version not in (None, 1):
                raise ValidationFailed.single("version", "The weights were never changed: send version 1.")
            made = HealthWeights(
                organisation=organisation, version=FIRST_SAVED, **{**index.DEFAULT_WEIGHTS, **weights}
            )
            saved = tracked_create(actor=actor, instance=made)
        else:
            saved = tracked_update(actor=actor, instance=current, version=version, changes=weights)
        reweigh(organisation.pk, saved.as_dict())
    return saved


def reweigh(organisation_id: int, weights: dict[str, int]) -> int:
    """Recombine the organisation's rows of this month with new weights (components unchanged):
    one read and one bulk update, however many partnerships."""
    rows = list(
        HealthScore.unscoped.filter(
            organisation_id=organisation_id, period=index.period_of(timezone.localdate())
        )
    )
    for row in rows:
        result = index.combine({p["key"]: p["score"] for p in row.components}, weights)
        row.score = result.score
        row.components = [{"key": p.key, "score": p.score, "weight": p.weight} for p in result.parts]
    HealthScore.unscoped.bulk_update(rows, ["score", "components"], batch_size=500)
    return len(rows)


def recompute(partnership_ids: Iterable[int], today: datetime.date | None = None) -> int:
    """Compute the index of these partnerships for every party (each from what it may read) and
    store it as the month of `today`: a fixed number of queries whatever their number."""
    today = today or timezone.localdate()
    ids = sorted(set(partnership_ids))
    if not ids:
        return 0
    pairs = sources.parties(ids)
    scores = sources.components(pairs, today)
    weights = weights_of({org for _, org in pairs})
    period = index.period_of(today)
    existing = {
        (row.partnership_id, row.organisation_id): row
        for row in HealthScore.unscoped.filter(partnership_id__in=ids, period=period)
    }
    new, changed = [], []
    for pair in pairs:
        result = index.combine(scores[pair], weights[pair[1]])
        parts = [{"key": p.key, "score": p.score, "weight": p.weight} for p in result.parts]
        row = existing.get(pair)
        if row is None:
            new.append(
                HealthScore(
                    partnership_id=pair[0],
                    organisation_id=pair[1],
                    period=period,
                    score=result.score,
                    components=parts,
                    computed_on=today,
                )
            )
        else:
            row.score, row.components, row.computed_on = result.score, parts, today
            changed.append(row)
    HealthScore.unscoped.bulk_create(new, batch_size=500)
    HealthScore.unscoped.bulk_update(changed, ["score", "components", "computed_on"], batch_size=500)
    return len(pairs)


def recompute_all(today: datetime.date | None = None) -> int:
    """The daily pass: every partnership, in chunks (bounded memory); returns rows written."""
    ids = list(Partnership.unscoped.order_by("pk").values_list("pk", flat=True))
    written = 0
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        written += recompute(chunk, today)
        pages.announce(f"partnership:{pk}" for pk in chunk)  # cached pages showed the old index
    return written
