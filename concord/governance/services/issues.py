"""Issues and conflicts: raised by either side, escalated up the path when nobody resolves them in
time, resolved by citing what the resolution serves (a vision objective or a guiding principle).

- A new issue starts at the first level of the escalation path (the default path is created the
  first time one is needed) on the day it is raised.
- `escalate(day)` (the daily job) moves every open issue whose level's response time has run out
  one level up, records why in the audit trail, and notifies the key people of the new level who
  may read the issue. It is idempotent: an issue moved today reached its level today, so a second
  run finds nothing due, and each notification has a key unique per person.
- A resolution names an objective of the vision in force or one of its guiding principles; the
  issue keeps the text as it stood, so the page shows what was cited even after the vision moves on.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from concord.access.linking import may_link
from concord.access.members import organisations_by_person, parties_by_partnership
from concord.access.policy import readable_by_person, require_contributor_inside, writer_org
from concord.access.roles import Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import InvalidState, ValidationFailed
from concord.goals.models import Goal
from concord.governance import citing, escalation
from concord.governance.models import CITE, EscalationLevel, Issue, IssueStatus, KeyPerson
from concord.governance.services import audit_links
from concord.governance.services.structure import ensure_levels
from concord.notifications.models import NotificationKind
from concord.notifications.services import Reminder, email_at_once, store_reminders
from concord.partnerships.models import Partnership
from concord.vision.models import Objective, VisionRevision

GOALS = "Choose goals of this partnership you can see (a shared issue: shared goals)."


def issue_raise(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    description: str,
    severity: str,
    goals: list[int] | None = None,
    visibility: str = Visibility.SHARED,
) -> Issue:
    """Raise an issue at the first level of the escalation path."""
    owner = writer_org(actor, partnership)
    readable = Goal.objects.restrict(actor).filter(partnership=partnership, pk__in=set(goals or []))
    affected = [g for g in readable if may_link(visibility, owner, g)]
    if len(affected) != len(set(goals or [])):
        raise ValidationFailed.single("goals", GOALS)
    with transaction.atomic():
        first = ensure_levels(actor=actor, partnership=partnership)[0]
        issue = Issue(
            partnership=partnership,
            owner_id=owner,
            visibility=visibility,
            created_by=actor,
            title=title,
            description=description,
            severity=severity,
            level=first,
            level_since=timezone.localdate(),
        )
        tracked_create(actor=actor, instance=issue)
        issue.goals.set(affected)
        audit_links(actor=actor, instance=issue, goals=affected)
    _notify([(issue, _level(first))], "was raised at your level", actor, ":raised")  # their time starts now
    return issue


# ---- what a resolution may cite --------------------------------------------------------------------


def citations(partnership: Partnership) -> list[tuple[str, str, str]]:
    """(value, label, text) of what a resolution may cite (citing.py; two queries)."""
    objectives = Objective.unscoped.filter(partnership=partnership, retired=False).order_by("code", "pk")
    latest = VisionRevision.unscoped.filter(document__partnership=partnership).order_by("-number").first()
    return citing.choices(objectives, (latest.sections or {}).get("principles", "") if latest else "")


def _cited(partnership: Partnership, citation: str) -> dict[str, object]:
    for value, _, text in citations(partnership):
        if value == citation:
            kind, _, key = value.partition(":")
            if kind == citing.OBJECTIVE:
                return {"cited_objective_id": int(key), "cited_principle": "", "cited_text": text}
            return {"cited_objective": None, "cited_principle": key, "cited_text": text}
    raise ValidationFailed.single("citation", CITE)


def issue_resolve(*, actor: User, issue: Issue, version: int, resolution: str, citation: str) -> Issue:
    """Resolve an open issue, citing the objective or principle the resolution serves."""
    require_contributor_inside(actor, issue)
    if issue.status != IssueStatus.OPEN:
        raise InvalidState("This issue is already resolved.")
    changes = {
        "status": IssueStatus.RESOLVED,
        "resolution": resolution,
        "resolved_on": timezone.localdate(),
        "resolved_by": actor,
        **_cited(issue.partnership, citation),
    }
    return tracked_update(actor=actor, instance=issue, version=version, changes=changes)


REOPEN_REASON = "Say why the issue is open again."


def issue_reopen(*, actor: User, issue: Issue, version: int, reason: str) -> Issue:
    """Open a resolved issue again, with the reason (kept in the audit trail with the resolution it
    undoes). It returns to the level it was resolved at (or the first level, if that level is
    gone), its response time starting today; the resolution and citation are cleared, so the next
    resolution cites the vision afresh. The people at that level hear of it at once."""
    require_contributor_inside(actor, issue)
    if issue.status != IssueStatus.RESOLVED:
        raise InvalidState("This issue is open.")
    if not reason.strip() or len(reason) > 2000:
        raise ValidationFailed.single("reason", REOPEN_REASON)
    with transaction.atomic():
        level = issue.level or ensure_levels(actor=actor, partnership=issue.partnership)[0]
        changes = {
            "status": IssueStatus.OPEN,
            "level": level,
            "level_since": timezone.localdate(),
            "resolution": "",
            "cited_objective": None,
            "cited_principle": "",
            "cited_text": "",
            "resolved_on": None,
            "resolved_by": None,
        }
        reopened = tracked_update(
            actor=actor, instance=issue, version=version, changes=changes, reason=reason
        )
    tag = f":reopened:{reopened.version}"  # each reopening is news, even on the day it was raised
    _notify([(reopened, _level(level))], "is open again at your level", actor, tag)
    return reopened


def _level(row: EscalationLevel) -> escalation.Level:
    return escalation.Level(row.pk, row.rank, row.name, row.response_days)


# ---- the daily escalation ----------------------------------------------------------------------------


def _path(partnership_ids: set[int]) -> dict[int, list[escalation.Level]]:
    levels: dict[int, list[escalation.Level]] = defaultdict(list)
    for row in EscalationLevel.unscoped.filter(partnership_id__in=partnership_ids):
        levels[row.partnership_id].append(escalation.Level(row.pk, row.rank, row.name, row.response_days))
    return levels


def escalate(day: datetime.date) -> int:
    """Move every overdue open issue one level up and tell that level's people; returns how many
    issues moved (0 on a second run the same day)."""
    issues = list(
        Issue.unscoped.filter(
            status=IssueStatus.OPEN, level__isnull=False, level_since__lt=day
        ).select_related("level")
    )
    levels = _path({i.partnership_id for i in issues})
    moved: list[tuple[Issue, escalation.Level]] = []
    for issue in issues:
        assert issue.level is not None
        current = escalation.Level(
            issue.level.pk, issue.level.rank, issue.level.name, issue.level.response_days
        )
        target = escalation.due_to_escalate(
            reached=issue.level_since, level=current, levels=levels[issue.partnership_id], today=day
        )
        if target is None:
            continue
        reason = (
            f"Escalated automatically: not resolved within {current.response_days} days at “{current.name}”."
        )
        changes = {"level_id": target.id, "level_since": day, "escalations": issue.escalations + 1}
        moved.append(
            (tracked_update(actor=None, instance=issue, version=None, changes=changes, reason=reason), target)
        )
    _notify(moved)
    return len(moved)


def _notify(
    moved: list[tuple[Issue, escalation.Level]],
    how: str = "escalated to you",
    actor: User | None = None,
    tag: str = "",
) -> int:
    """Tell the key people of each issue's new level, if they may read the issue (not the person
    who put it there), at once: e-mailed after the commit to those who want the kind at once."""
    if not moved:
        return 0
    at_level: dict[int, set[int]] = defaultdict(set)
    for person_id, level_id in KeyPerson.unscoped.filter(level_id__in={t.id for _, t in moved}).values_list(
        "person_id", "level_id"
    ):
        at_level[level_id].add(person_id)
    people = {p for ids in at_level.values() for p in ids}
    orgs = organisations_by_person(people)
    parties = parties_by_partnership({i.partnership_id for i, _ in moved})
    told = [
        Reminder(
            user_id=person,
            partnership_id=issue.partnership_id,
            kind=NotificationKind.ISSUE_ESCALATED,
            key=f"issue:{issue.pk}{tag}:level:{level.id}:{issue.level_since.isoformat()}",
            text=f"The issue “{issue.title}” {how} ({level.name}): respond within "
            f"{level.response_days} days.",
            url=reverse("issue", args=[issue.pk]),
        )
        for issue, level in moved
        for person in sorted(at_level[level.id] - {getattr(actor, "pk", None)})
        if readable_by_person(
            issue, person_orgs=orgs.get(person, set()), party_orgs=parties.get(issue.partnership_id, set())
        )
    ]
    # stored as the daily reminders are (their people's choices, their header's count), and
    # e-mailed at once, not in tomorrow's digest: the level's response time is already running
    stored = store_reminders(told)
    keys = [r.key for r in told]
    transaction.on_commit(lambda: email_at_once(keys))
    return stored
