"""Demo health index: Helix's own weights (goals first) beside Aurora's defaults, and two months
of history so the trend is real. Last month's snapshot is computed (health.services.recompute,
dated the last day of last month) while the demo is half built — goals, commitments and the
ledger in place, the meetings, risks and governance not yet — and this month's once everything
is there: the difference between the two is what those later records changed, on each side."""

import datetime

from django.utils import timezone

from concord.accounts.models import User
from concord.health import services
from concord.organisations.models import Organisation
from concord.partnerships.models import Partnership

HELIX_WEIGHTS = {"goals": 30, "scorecards": 20, "reliability": 20, "survey": 10, "risk": 10, "cadence": 10}


def last_month(*, partnerships: list[Partnership]) -> None:
    end = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    services.recompute([p.pk for p in partnerships], today=end)


def build(*, clara: User, helix: Organisation, partnerships: list[Partnership]) -> None:
    services.weights_set(actor=clara, organisation=helix, version=1, **HELIX_WEIGHTS)
    services.recompute([p.pk for p in partnerships])
