"""Demo: Helix's need for a second source of sterile filtration, internal to Helix. Three
candidates — Aurora (already a supplier), LabSource (already a supplier) and Filtrix, a new
organisation by name — weighed by AHP on four criteria with a consistency ratio just above 0.10
(the page names the judgments to revisit), and two evaluators who disagree on Aurora's track record."""

import datetime
import secrets
from decimal import Decimal

from django.utils import timezone

from concord.access.roles import Role
from concord.accounts.models import User
from concord.accounts.services import user_register
from concord.invitations import services as invitations
from concord.organisations.models import Organisation
from concord.selection import services
from concord.selection.models import Criterion, Weighting

KEEP = ["Track record", "Resources & capacity", "Values & culture alignment", "Total cost"]
# Saaty 1–9 judgments between KEEP[i] and KEEP[j] (a_ij > 1: i matters more): CR ≈ 0.106.
JUDGMENTS = {(0, 1): 3, (0, 2): 5, (0, 3): 2, (1, 2): 3, (1, 3): 5, (2, 3): 3}
FAVOURS_SECOND = {(1, 3), (2, 3)}
# Scores per candidate on KEEP, (Clara's, Jonas's): they disagree on Aurora's track record.
SCORES = {
    "Aurora Bioprocess": [(5, 2), (4, 4), (4, 3), (3, 3)],
    "LabSource Consumables": [(3, 3), (3, 2), (3, 3), (5, 4)],
    "Filtrix GmbH": [(4, 4), (3, 3), (4, 5), (3, 4)],
}
EVIDENCE = {
    ("Aurora Bioprocess", 0, 0): "Three years sole source for our bags, no stock-out.",
    ("Aurora Bioprocess", 0, 1): "Two late deliveries of filters to our Basel site last year.",
}


def _evaluator(clara: User, helix: Organisation) -> User:
    """A second evaluator of Helix (a member who scores; no demo login)."""
    jonas = user_register(
        email="jonas@helix.example", full_name="Jonas Weber", password=secrets.token_urlsafe(24)
    )
    invitation = invitations.invite_member(
        actor=clara, organisation=helix, email=jonas.email, role=Role.MEMBER
    )
    invitations.invitation_accept(actor=jonas, invitation=invitation)
    return jonas


def build(*, clara: User, helix: Organisation) -> None:
    jonas = _evaluator(clara, helix)
    need = services.need_create(
        actor=clara,
        organisation=helix,
        title="Second source for sterile filtration",
        purpose="A partner who co-develops and secures single-use sterile filters for our new Leiden line.",
        gaps="Filter validation know-how; capacity for 40,000 capsules a year; EU-based production.",
        category="Sterile filtration",
        annual_spend=Decimal(2_400_000),
        needed_by=timezone.localdate() + datetime.timedelta(days=150),
        weighting=Weighting.AHP,
    )
    criteria = {c.name: c for c in Criterion.unscoped.filter(need=need)}
    for name, criterion in criteria.items():
        if name not in KEEP:
            services.criterion_remove(actor=clara, criterion=criterion)
    kept = [criteria[name] for name in KEEP]
    for (i, j), intensity in JUDGMENTS.items():
        favours = "second" if (i, j) in FAVOURS_SECOND else "first"
        services.comparison_set(
            actor=clara, need=need, first=kept[i], second=kept[j], favours=favours, intensity=intensity
        )
    known = {o.name: o.pk for o in Organisation.unscoped.filter(name__in=list(SCORES))}
    for name, rows in SCORES.items():
        candidate = services.candidate_add(
            actor=clara,
            need=need,
            organisation_id=known.get(name),
            name="" if name in known else name,
            contact_email="" if name in known else "partners@filtrix.example",
        )
        for k, (mine, his) in enumerate(rows):
            for n, (person, value) in enumerate([(clara, mine), (jonas, his)]):
                services.score_set(
                    actor=person,
                    candidate=candidate,
                    criterion=kept[k],
                    value=value,
                    evidence=EVIDENCE.get((name, k, n), ""),
                )
