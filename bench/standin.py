"""A stand-in for `concord generate`, used only where that command does not exist yet.

Same logins and names as the generator (buyer.lead@generated.example sees every partnership,
supplier1.lead@generated.example is on partnership 1, "Generated 00001 – …"), built through the
services; but only partnership 1 is filled (20 goals × 12 measurements, 50 commitments, 5
meetings, 10 notes): the others are empty, so the portfolio's figures from a stand-in run do not
stand for a full portfolio. The bench records which generator made the data.

    python -m bench.standin --scale small --password P     (Django set up from the environment)
"""

import argparse
import datetime
import os
from decimal import Decimal
from typing import Any

SCALES = {"small": 100, "medium": 1_000, "large": 10_000}


def _people(password: str) -> tuple[Any, Any, Any]:
    from concord.accounts.services import user_register
    from concord.organisations.services import organisation_create

    lead = user_register(email="buyer.lead@generated.example", full_name="Bea Lead", password=password)
    supplier = user_register(email="supplier1.lead@generated.example", full_name="Sol One", password=password)
    buyer = organisation_create(actor=lead, name="Generated Buyer", kind="buyer")
    return lead, supplier, buyer


def _fill(lead: Any, supplier: Any, partnership: Any) -> None:
    """One partnership's records, as the generator spreads them over each partnership."""
    from django.utils import timezone

    from concord.commitments.services import demands
    from concord.goals import services as goals
    from concord.meetings import services as meetings
    from concord.partnerships import services as partnerships

    today = timezone.localdate()
    for g in range(20):
        goal = goals.goal_create(
            actor=supplier,
            partnership=partnership,
            title=f"KPI {g + 1}",
            baseline=Decimal(80),
            target=Decimal(98),
            start_date=today - datetime.timedelta(days=400),
            due_date=today + datetime.timedelta(days=300),
        )
        for m in range(12):
            day = (today.replace(day=1) - datetime.timedelta(days=30 * (12 - m))).replace(day=28)
            goals.measurement_add(actor=supplier, goal=goal, measured_on=day, value=Decimal(80 + m))
    for c in range(50):
        demand = demands.demand_raise(actor=lead, partnership=partnership, title=f"Demand {c + 1}")
        demands.demand_answer(
            actor=supplier,
            demand=demand,
            version=1,
            kind="yes",
            rationale="Agreed.",
            promised_on=today + datetime.timedelta(days=10 + c),
        )
    for m in range(5):
        starts = timezone.now() + datetime.timedelta(days=7 * (m + 1))
        meetings.meeting_schedule(
            actor=lead, partnership=partnership, title=f"Check-in {m + 1}", starts_at=starts
        )
    for n in range(10):
        partnerships.note_create(actor=lead, partnership=partnership, body=f"Note {n + 1}")


def build(*, scale: str, password: str) -> None:
    from django.test.utils import override_settings

    from concord.invitations import services as invitations
    from concord.partnerships import services as partnerships

    lead, supplier, buyer = _people(password)
    locmem = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with override_settings(MAILERS=locmem):  # invitations and meeting mail stay in memory
        for i in range(1, SCALES[scale] + 1):
            p = partnerships.partnership_create(actor=lead, buyer=buyer, name=f"Generated {i:05d} – Bags")
            if i == 1:
                email = "supplier1.lead@generated.example"
                inv = invitations.invite_partner(
                    actor=lead, partnership=p, email=email, supplier_name="Supplier 1"
                )
                invitations.invitation_accept(actor=supplier, invitation=inv)
                _fill(lead, supplier, p)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concord.config.settings")
    import django

    django.setup()
    build(scale=args.scale, password=args.password)


if __name__ == "__main__":
    main()
