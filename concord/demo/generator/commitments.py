"""The ledger: commitments of both sides with a history of keeping them, and their origins.

One in five comes from a demand answered yes (demand, answer and commitment, as demand_answer
makes them), one in five is an action of a held meeting (with the meeting's visibility, so the
actions of an internal meeting are internal to-dos), the rest are given directly. Promises run
from eleven months ago to two months ahead; past ones were mostly kept on time, some late, a few
given up or broken, so both reliability indices mean something.
"""

import datetime
from typing import Any

from concord.access.roles import Visibility
from concord.commitments.models import (
    Answer,
    AnswerKind,
    Commitment,
    CommitmentSource,
    Demand,
    DemandStatus,
    Priority,
)
from concord.demo.generator import words
from concord.demo.generator.batch import Batch, moment
from concord.demo.generator.site import Site

MODELS: list[type[Any]] = [Demand, Answer, Commitment]
DAY = datetime.timedelta(days=1)


def commitment_step(site: Site, batch: Batch) -> None:
    for j in range(site.counts["commitments"]):
        promised = site.days(site.rng.randint(-330, 60))
        given = min(promised - 21 * DAY, site.today)
        if j % 5 == 0:
            _from_demand(site, batch, j, promised, given)
        elif j % 5 == 1 and site.meetings:
            meeting = site.meetings[(j // 5) % len(site.meetings)]
            org = meeting.owner if meeting.visibility == Visibility.INTERNAL else _side(site, j)
            _commit(site, batch, j, promised, given, org=org, visibility=meeting.visibility, meeting=meeting)
        else:
            _commit(site, batch, j, promised, given, org=_side(site, j), visibility=Visibility.SHARED)


def _side(site: Site, j: int) -> Any:
    return site.supplier if j % 2 == 0 else site.buyer.organisation


def _from_demand(site: Site, batch: Batch, j: int, promised: datetime.date, given: datetime.date) -> None:
    """The other side asks, this side answers yes with a date: demand, answer, commitment."""
    rng = site.rng
    org = _side(site, j)
    raiser, raised_by = site.other(org)
    person = site.person_of(org, j)
    raised = moment(given - 7 * DAY)
    answered = moment(given, hour=11)
    demand = batch.add(
        Demand(
            **site.record(raiser, raised_by, Visibility.SHARED),
            to_org=org,
            title=rng.choice(words.DEMANDS),
            priority=rng.choice(list(Priority)),
            needed_by=promised,
            status=DemandStatus.YES,
            first_answered_at=answered,
            created_at=raised,
            updated_at=answered,
        ),
        actor=raised_by,
    )
    answer = batch.add(
        Answer(
            demand=demand,
            organisation=org,
            kind=AnswerKind.YES,
            rationale="We can do this by the date given.",
            promised_on=promised,
            answered_by=person,
            created_at=answered,
            updated_at=answered,
        ),
        actor=person,
    )
    _commit(site, batch, j, promised, given, org=org, visibility=Visibility.SHARED, answer=answer)


def _commit(
    site: Site,
    batch: Batch,
    j: int,
    promised: datetime.date,
    given: datetime.date,
    *,
    org: Any,
    visibility: str,
    answer: Answer | None = None,
    meeting: Any = None,
) -> None:
    person = site.person_of(org, j)
    source = (
        CommitmentSource.DEMAND
        if answer
        else CommitmentSource.MEETING
        if meeting
        else CommitmentSource.DIRECT
    )
    delivered, given_up = _outcome(site, promised, given)
    batch.add(
        Commitment(
            **site.record(org, person, visibility),
            owner_person=person,
            title=site.rng.choice(words.COMMITMENTS),
            source=source,
            answer=answer,
            meeting=meeting,
            promised_on=promised,
            due_on=promised,
            delivered_on=delivered,
            given_up_on=given_up,
            created_at=moment(given, hour=11),
            updated_at=moment(delivered or given_up or given, hour=11),
        ),
        actor=person,
    )


def _outcome(
    site: Site, promised: datetime.date, given: datetime.date
) -> tuple[datetime.date | None, datetime.date | None]:
    """(delivered on, given up on): never before it was given, never after today."""
    rng, today = site.rng, site.today
    draw = rng.random()
    if promised >= today:
        early = draw < 0.1
        return (given + rng.randint(0, (today - given).days) * DAY if early else None), None
    if draw < 0.7:
        return max(given, promised - rng.randint(0, 5) * DAY), None
    if draw < 0.82:
        return min(today, promised + rng.randint(1, 20) * DAY), None
    if draw < 0.87:
        return None, given + rng.randint(0, (today - given).days) * DAY
    return None, None  # broken: the date passed in silence
