"""Demo demands, answers and commitments for the bioprocess partnership: half a year of promises so
both reliability indices mean something (Aurora kept 5 of 6 on time, Helix 2 of 3 with a blameless
note on the miss), a demand waiting for Helix, a maybe past its follow-up date, a no with an
alternative, a renegotiated date, and kudos.

Services only accept promises from today on, so the history is written through them and then moved
back in time (demo/timetravel.py)."""

import datetime
from typing import Any

from django.utils import timezone

from concord.accounts.models import User
from concord.commitments.models import Commitment
from concord.commitments.services import demands, ledger
from concord.commitments.services.wins import kudos_give
from concord.demo import timetravel
from concord.partnerships.models import Partnership

AGO = datetime.timedelta


def _history(actor: User, partnership: Partnership, promises: list[tuple[str, int, int | None]]) -> list[Any]:
    made = []
    for title, promised_ago, delivered_ago in promises:
        given = ledger.commitment_give(
            actor=actor, partnership=partnership, title=title, promised_on=timezone.localdate() + AGO(days=1)
        )
        timetravel.commitment(given.pk, promised_days_ago=promised_ago, delivered_days_ago=delivered_ago)
        made.append(given)
    return made


def build(*, clara: User, sam: User, partnership: Partnership) -> None:
    today = timezone.localdate()
    _history(
        sam,
        partnership,
        [
            ("Send the Q2 quality report", 160, 162),
            ("Qualify the Leiden warehouse for consignment stock", 130, 131),
            ("Run the joint kaizen on bag inspection", 100, 100),
            ("Deliver 3,000 L bag prototypes", 70, 62),  # eight days late
            ("Share the film-line capacity plan", 40, 41),
            ("Move consignment stock to eight weeks", 15, 16),
        ],
    )
    helix = _history(
        clara,
        partnership,
        [
            ("Release the 2027 volume forecast", 120, 121),
            ("Approve the new labelling artwork", 60, 60),
            ("Share the monthly rolling forecast", 25, None),  # missed
        ],
    )
    missed = Commitment.unscoped.get(pk=helix[-1].pk)
    ledger.lesson_add(
        actor=clara,
        commitment=missed,
        title="One approver is no approver",
        contributing_factors="The forecast had a single approver and no deputy; the release date "
        "was tied to the sign-off rather than to the calendar.",
        what_happened="The forecast waited for a sales sign-off that was on holiday; "
        "nobody else could approve.",
        what_we_change="A deputy approver for the forecast, and the draft goes to Aurora "
        "on the 20th regardless.",
    )
    # Demands both ways.
    report = demands.demand_raise(
        actor=clara, partnership=partnership, title="Monthly safety stock report", priority="high"
    )
    demands.demand_answer(
        actor=sam,
        demand=report,
        version=report.version,
        kind="maybe",
        rationale="We can, once the ERP report is automated.",
        conditions="Our IT team automates the consignment report.",
        follow_up_on=today + AGO(days=1),
    )
    report.refresh_from_db()
    demands.demand_answer(
        actor=sam,
        demand=report,
        version=report.version,
        kind="yes",
        rationale="The report is automated; it goes out with the first working day of each month.",
        promised_on=today + AGO(days=10),
    )
    overdue_maybe = demands.demand_raise(
        actor=clara, partnership=partnership, title="Second source of gamma irradiation", priority="critical"
    )
    demands.demand_answer(
        actor=sam,
        demand=overdue_maybe,
        version=overdue_maybe.version,
        kind="maybe",
        rationale="Two irradiation sites are being audited.",
        conditions="Both audits pass.",
        follow_up_on=today + AGO(days=1),
    )
    timetravel.follow_up(overdue_maybe, days_ago=5)
    refused = demands.demand_raise(
        actor=clara, partnership=partnership, title="Price freeze for 2028", priority="normal"
    )
    demands.demand_answer(
        actor=sam,
        demand=refused,
        version=refused.version,
        kind="no",
        rationale="Resin prices are indexed; a fixed price would hide the risk in a premium.",
        alternative="Index-linked prices with the savings from the kaizen shared 50/50 (clause 3).",
    )
    waiting = demands.demand_raise(
        actor=sam,
        partnership=partnership,
        title="Approve the artwork change for the 2,000 L bag",
        description="The regulatory label text changes on 1 March; printing needs 6 weeks.",
        priority="high",
        needed_by=today + AGO(days=10),
    )
    timetravel.raised(waiting, days_ago=6)
    open_one = ledger.commitment_give(
        actor=sam,
        partnership=partnership,
        title="Validate the 3,000 L bag with Helix QA",
        promised_on=today + AGO(days=30),
    )
    ledger.commitment_renegotiate(
        actor=sam,
        commitment=open_one,
        version=open_one.version,
        to_date=today + AGO(days=45),
        reason="Helix QA moved the validation run to the week of the plant shutdown.",
    )
    kudos_give(actor=sam, partnership=partnership, text="Thanks for releasing the 2027 forecast early")


def cold_chain(*, clara: User, partnership: Partnership) -> None:
    """The young cold-chain partnership: Helix asks Nordkyl for its first excursion report, so the
    supplier's admin finds a demand waiting on their home page."""
    demands.demand_raise(
        actor=clara,
        partnership=partnership,
        title="Temperature excursion report for the first lanes",
        description="Every 2–8 °C excursion since go-live, with duration and the lots affected.",
        priority="high",
        needed_by=timezone.localdate() + AGO(days=10),
    )
