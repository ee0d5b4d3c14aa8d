"""An issue reaching a level — raised, escalated by the daily job, opened again — tells that
level's people at once (a notification, and an e-mail to those who want the kind at once), only
people who may read the issue; a resolved issue is opened again with a reason, back at its level."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from concord.access.roles import Visibility
from concord.audit.models import AuditEvent
from concord.core.errors import InvalidState, ValidationFailed
from concord.governance.models import Issue, IssueStatus
from concord.governance.services import issues
from concord.notifications.models import Notification
from concord.notifications.preferences import preferences_set
from tests.governance.helpers import Governance, set_up
from tests.world import World

FIELDS = {"title": "Late film deliveries", "description": "Three late lots", "severity": "high"}


@pytest.fixture
def gov(world: World) -> Governance:
    return set_up(world)


def _raise(world: World, persona: str = "supplier_member", **kw: Any) -> Issue:
    return issues.issue_raise(actor=world.user(persona), partnership=world.partnership, **{**FIELDS, **kw})


def _told(world: World, persona: str) -> list[Notification]:
    return list(Notification.unscoped.filter(kind="issue_escalated", user=world.user(persona)))


def test_raising_tells_the_first_level_at_once_by_email(
    world: World, gov: Governance, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _raise(world)
    notes = _told(world, "buyer_lead")  # the buyer lead answers at level 1
    assert len(notes) == 1 and "was raised at your level" in notes[0].text
    assert [m.to for m in mail.outbox] == [[world.user("buyer_lead").email]]


def test_notification_settings_are_respected(
    world: World, gov: Governance, django_capture_on_commit_callbacks: Any
) -> None:
    lead = world.user("buyer_lead")
    preferences_set(actor=lead, user=lead, choices={"issue_escalated": "digest"})
    with django_capture_on_commit_callbacks(execute=True):
        _raise(world)
    assert len(_told(world, "buyer_lead")) == 1 and mail.outbox == []  # tomorrow's digest
    preferences_set(actor=lead, user=lead, choices={"issue_escalated": "off"})
    _raise(world, title="Second")
    assert len(_told(world, "buyer_lead")) == 1


def test_escalation_emails_the_next_level_at_once_and_never_the_other_side_of_an_internal_issue(
    world: World, gov: Governance, django_capture_on_commit_callbacks: Any
) -> None:
    _raise(world)
    internal = _raise(world, "buyer_lead", visibility=Visibility.INTERNAL, title="Our worry")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert issues.escalate(timezone.localdate() + datetime.timedelta(days=30)) == 2
    told = _told(world, "supplier_lead")  # level 2 is the supplier lead's
    assert [n.text.split("”")[0] for n in told] == ["The issue “Late film deliveries"]
    assert all(internal.title not in m.subject for m in mail.outbox)
    assert [m.to for m in mail.outbox] == [[world.user("supplier_lead").email]]


def test_a_resolved_issue_opens_again_at_its_level_with_a_reason(
    world: World, gov: Governance, client_for: Any
) -> None:
    issue = _raise(world)
    sol = world.user("supplier_lead")
    with pytest.raises(InvalidState):
        issues.issue_reopen(actor=sol, issue=issue, version=issue.version, reason="Again")
    issues.issue_resolve(
        actor=sol, issue=issue, version=issue.version, resolution="Buffer", citation="principle:Honesty"
    )
    issue.refresh_from_db()
    with pytest.raises(ValidationFailed) as no_reason:
        issues.issue_reopen(actor=sol, issue=issue, version=issue.version, reason=" ")
    assert "reason" in no_reason.value.errors
    reopened = issues.issue_reopen(actor=sol, issue=issue, version=issue.version, reason="Late again")
    assert (reopened.status, reopened.level_id, reopened.resolution, reopened.cited_text) == (
        IssueStatus.OPEN,
        gov.levels[0].pk,
        "",
        "",
    )
    event = AuditEvent.unscoped.filter(object_id=issue.pk, reason="Late again").get()
    assert event.changes["resolution"][0] == "Buffer"  # the undone resolution stays in the history
    assert any("is open again at your level" in n.text for n in _told(world, "buyer_lead"))
    client = client_for("supplier_lead")
    stale = client.post(
        f"/api/v1/issues/{issue.pk}/reopen", {"version": 1, "reason": "x"}, content_type="application/json"
    )
    assert stale.status_code == 409  # open already (and the version is stale)
    viewer = client_for("buyer_viewer").post(
        f"/api/v1/issues/{issue.pk}/reopen",
        {"version": reopened.version, "reason": "x"},
        content_type="application/json",
    )
    assert viewer.status_code == 403
