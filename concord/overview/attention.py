"""The personal home page: what needs my attention across every partnership I can see.

Twelve sections, each read through the person's scope (`restrict`), so the other side's internal
records never show up, nor count. Each section is bounded: at most LIMIT lines, oldest or most
urgent first, with the number of the rest ("and N more", counted up to lines.COUNT_CAP), read in
two queries per section (`lines.bounded`); the query count does not grow with the number of
partnerships or records. Two sections are computed in memory from light rows, because their rule
is not a filter: stale plans (status.stale) and goals off track (goals.selectors.owned_concerns).

"Us" is every organisation the person belongs to (access.policy.own_orgs). The header's badge
counts what waits on the person to act (sections 1-3 and 7: answer, deliver, sign; not the plan
reviews) with `waiting.waiting_count`: one counting query, run only when a page renders the header.

A section's building blocks (its lines, the bounded query) are in `overview.lines`; the buying
side's own sections (supplier checks, scores awaited) in `overview.buying`.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone

from concord.access.policy import own_orgs, signatory_orgs
from concord.accounts.models import User
from concord.commitments.models import Commitment, DemandStatus
from concord.goals.progress import GoalStatus
from concord.goals.selectors import owned_concerns
from concord.governance.selectors import waiting_on
from concord.meetings.models import Meeting, MeetingStatus
from concord.overview import buying
from concord.overview.lines import LIMIT, Line, Section, bounded, days_text, due_text, more_link
from concord.overview.waiting import (
    BADGE_CAP,
    SOON_DAYS,
    action_q,
    owed_by_us,
    signatures_awaited,
    stale_plans,
    to_answer,
)
from concord.partnerships.models import Partnership
from concord.reviews.selectors import waiting_rounds
from concord.risks.selectors import owned_overdue

__all__ = ["LIMIT", "Home", "Line", "Section", "home"]


@dataclass(frozen=True)
class Home:
    sections: list[Section]
    has_partnerships: bool

    @property
    def waiting(self) -> int:
        """What the header's badge counts (waiting_count gives the same number cheaper)."""
        found = sum(s.total if s.counted is None else s.counted for s in self.sections if s.key in BADGE)
        return min(found, BADGE_CAP)


BADGE = ("demands", "ours", "actions", "signatures")


# The sections' sets, shared by the page and the badge.


# The sections of the page.


def _demand_section(actor: User, mine: set[int], today: datetime.date) -> Section:
    found = bounded(to_answer(actor, mine, today).select_related("partnership").order_by("created_at", "pk"))
    lines = []
    for d in found.rows:
        if d.status == DemandStatus.MAYBE:
            when, late = due_text(d.follow_up, today, "maybe; your answer due")
        else:
            age = (today - timezone.localtime(d.created_at).date()).days
            when, late = (f"asked {days_text(age)} ago" if age else "asked today"), age > SOON_DAYS
        lines.append(
            Line(d.title, d.partnership_id, d.partnership.name, when, reverse("demand", args=[d.pk]), late)
        )
    more = more_link("demands", found.only, "direction=asked")
    return Section.of("demands", "Demands to answer", lines, found, more)


def _commitment_line(c: Commitment, today: datetime.date, actor: User) -> Line:
    when, late = due_text(c.due_on, today)
    return Line(
        c.title,
        c.partnership_id,
        c.partnership.name,
        when,
        reverse("commitment", args=[c.pk]),
        late,
        yours=c.owner_person_id == actor.pk,
    )


def _ours_section(actor: User, mine: set[int], today: datetime.date) -> Section:
    yours = Case(When(owner_person_id=actor.pk, then=Value(0)), default=Value(1), output_field=IntegerField())
    found = bounded(
        owed_by_us(actor, mine, today)
        .exclude(action_q(actor))
        .select_related("partnership")
        .order_by(yours, "due_on", "pk")
    )
    lines = [_commitment_line(c, today, actor) for c in found.rows]
    owner = found.rows[0].owner_id if found.rows else None
    more = more_link("commitments", found.only, f"owner={owner}")
    return Section.of("ours", "Commitments my side owes", lines, found, more)


def _actions_section(actor: User, mine: set[int], today: datetime.date, now: datetime.datetime) -> Section:
    found = bounded(
        owed_by_us(actor, mine, today)
        .filter(action_q(actor))
        .select_related("partnership")
        .order_by("due_on", "pk")
    )
    lines = [_commitment_line(c, today, actor) for c in found.rows]
    plans = stale_plans(actor, mine, now)
    for pk, title, partnership_id, name, due in plans[: LIMIT - len(lines)]:
        late = (now - due).days
        when = f"review due {days_text(late)} ago" if late else "review due today"
        lines.append(
            Line(f"Review the plan “{title}”", partnership_id, name, when, reverse("plan", args=[pk]), True)
        )
    where = ({found.only} if found.total else set()) | {p[2] for p in plans}
    single = where.pop() if len(where) == 1 else None
    more = more_link("plans", single) if plans else more_link("commitments", single)
    total = found.total + len(plans)
    return Section(
        "actions",
        "Action items and plan reviews",
        lines,
        total,
        more,
        counted=found.total,
        capped=found.capped,
    )


def _meetings_section(actor: User, now: datetime.datetime) -> Section:
    """Planned meetings I attend from now to the end of the week's last day (local time)."""
    last = timezone.localdate(now) + datetime.timedelta(days=SOON_DAYS + 1)
    until = timezone.make_aware(datetime.datetime.combine(last, datetime.time()))
    found = bounded(
        Meeting.objects.restrict(actor)
        .filter(
            attendance__user=actor,
            status=MeetingStatus.PLANNED,
            starts_at__gte=now,
            starts_at__lt=until,
        )
        .select_related("partnership")
        .order_by("starts_at", "pk")
    )
    lines = []
    for m in found.rows:
        days = (timezone.localtime(m.starts_at).date() - timezone.localdate(now)).days
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days_text(days)}"
        lines.append(
            Line(
                m.title,
                m.partnership_id,
                m.partnership.name,
                when,
                reverse("meeting", args=[m.pk]),
                at=m.starts_at,
            )
        )
    more = more_link("meetings", found.only, "when=upcoming")
    return Section.of("meetings", "Meetings this week", lines, found, more)


def _goals_section(actor: User, today: datetime.date) -> Section:
    concerns = owned_concerns(actor=actor, today=today)
    lines = []
    for c in concerns[:LIMIT]:
        if c.status in (GoalStatus.MISSED, GoalStatus.OFF_TRACK):
            when = GoalStatus(c.status).value.replace("_", " ")
            if c.overdue is not None:
                when += f"; no value for {c.overdue.period_label}"
        else:
            assert c.overdue is not None
            when = f"no value for {c.overdue.period_label} (due by {c.overdue.due_by:%d %b})"
        lines.append(
            Line(c.title, c.partnership_id, c.partnership_name, when, reverse("goal", args=[c.pk]), True)
        )
    partnerships = {c.partnership_id for c in concerns}
    only = partnerships.pop() if len(partnerships) == 1 else None
    return Section(
        "goals", "My goals off track or missing a value", lines, len(concerns), more_link("goals", only)
    )


def _theirs_section(actor: User, mine: set[int], today: datetime.date) -> Section:
    found = bounded(
        Commitment.objects.restrict(actor)
        .filter(delivered_on__isnull=True, given_up_on__isnull=True, due_on__lt=today)
        .exclude(owner_id__in=mine)
        .select_related("partnership", "owner")
        .order_by("due_on", "pk")
    )
    lines = []
    for c in found.rows:
        when, _ = due_text(c.due_on, today)
        lines.append(
            Line(
                f"{c.title} ({c.owner.name})",
                c.partnership_id,
                c.partnership.name,
                when,
                reverse("commitment", args=[c.pk]),
                True,
            )
        )
    return Section.of(
        "theirs",
        "What the other side owes us, overdue",
        lines,
        found,
        more_link("commitments", found.only, "state=broken"),
    )


def _signature_section(actor: User) -> Section:
    if not signatory_orgs(actor):
        return Section("signatures", "Signatures requested", [], 0)
    found = bounded(
        signatures_awaited(actor).select_related("document__partnership").order_by("pk"),
        partnership="document__partnership_id",
    )
    lines = []
    for r in found.rows:
        p = r.document.partnership
        lines.append(
            Line(
                f"Shared Vision, revision {r.number}",
                p.pk,
                p.name,
                "signed by the other side, awaiting yours",
                reverse("vision", args=[p.pk]),
            )
        )
    return Section.of(
        "signatures",
        "Signatures requested",
        lines,
        found,
        more_link("vision", found.only),
    )


def _risks_section(actor: User, today: datetime.date) -> Section:
    """Live risks I own whose review date has passed (a review: set the next date)."""
    found = bounded(owned_overdue(actor=actor, today=today))
    lines = []
    for r in found.rows:
        when, _ = due_text(r.next_review_on, today, "review was due")
        url = reverse("risk", args=[r.pk])
        lines.append(
            Line(f"{r.title} (score {r.score})", r.partnership_id, r.partnership.name, when, url, True)
        )
    more = more_link("risks", found.only, "overdue=true")
    return Section.of("risks", "Risks I own with a review overdue", lines, found, more)


def _issue_section(actor: User, today: datetime.date) -> Section:
    """Open issues at a level of the escalation path where I am a key person (governance)."""
    found = bounded(waiting_on(actor=actor).select_related("partnership", "level"))
    lines = []
    for issue in found.rows:
        assert issue.level is not None
        due = issue.level_since + datetime.timedelta(days=issue.level.response_days)
        when, late = due_text(due, today, "respond")
        if issue.escalations:
            when = f"escalated to {issue.level.name}; {when}"
        lines.append(
            Line(
                issue.title,
                issue.partnership_id,
                issue.partnership.name,
                when,
                reverse("issue", args=[issue.pk]),
                late,
            )
        )
    return Section.of(
        "issues",
        "Issues at my escalation level",
        lines,
        found,
        more_link("issues", found.only, "status=open"),
    )


def _survey_section(actor: User, today: datetime.date) -> Section:
    """Open health-survey rounds I have not answered (reviews): soonest to close first."""
    found = bounded(waiting_rounds(actor=actor).select_related("partnership"))
    lines = []
    for r in found.rows:
        when, late = due_text(r.closes_on, today, "closes")
        url = reverse("survey-round", args=[r.pk])
        lines.append(Line(r.title, r.partnership_id, r.partnership.name, when, url, late))
    more = more_link("surveys", found.only, "status=open")
    return Section.of("surveys", "Health surveys awaiting my answer", lines, found, more)


def home(actor: User) -> Home:
    """Every section of the person's home page: a fixed number of queries (about twenty) whatever
    the number of partnerships and records."""
    mine = own_orgs(actor)
    if not mine or not Partnership.objects.restrict(actor).exists():
        return Home([], False)
    today, now = timezone.localdate(), timezone.now()
    sections = [
        _demand_section(actor, mine, today),
        _ours_section(actor, mine, today),
        _actions_section(actor, mine, today, now),
        _meetings_section(actor, now),
        _goals_section(actor, today),
        _theirs_section(actor, mine, today),
        _signature_section(actor),
        _risks_section(actor, today),
        _issue_section(actor, today),
        _survey_section(actor, today),
        buying.checks_section(actor, today),
        buying.scores_section(actor),
    ]
    return Home(sections, True)
