"""Governance through its services and pages: the RACI matrix and its problems, the directory,
decisions within decision rights, issues that escalate by the daily job (idempotent, telling only
people who may read them) and are resolved by citing the vision, blameless lessons."""

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from concord.access.models import Membership
from concord.access.roles import Visibility
from concord.core.errors import Forbidden, InvalidState, NotFound, ValidationFailed
from concord.core.schedule import run_daily
from concord.governance import selectors
from concord.governance.models import Activity, Issue, IssueStatus
from concord.governance.services import decisions, issues, lessons, structure
from concord.lessons import services as lesson_services
from concord.lessons.models import Lesson
from concord.notifications.models import Notification
from tests.governance.helpers import Governance, set_up
from tests.world import World

TODAY = timezone.localdate


@pytest.fixture
def gov(world: World) -> Governance:
    return set_up(world)


def _raise(world: World, persona: str = "supplier_member", **kw: Any) -> Issue:
    fields = {"title": "Late film deliveries", "description": "Three late lots", "severity": "high"}
    return issues.issue_raise(actor=world.user(persona), partnership=world.partnership, **{**fields, **kw})


# ---- roles ------------------------------------------------------------------------------------------


def test_the_matrix_shows_its_problems_and_who_left(world: World, gov: Governance) -> None:
    lead = world.user("buyer_lead")
    first = Activity.unscoped.filter(partnership=world.partnership).order_by("position").first()
    assert first is not None
    structure.assignment_set(actor=lead, activity=first, key_person=gov.buyer_lead.pk, role="A")
    structure.assignment_set(actor=lead, activity=first, key_person=gov.supplier_lead.pk, role="R")
    found = selectors.matrix(actor=world.user("supplier_member"), partnership=world.partnership)
    assert first.pk not in found.problems  # sound
    assert len(found.problems) == len(found.activities) - 1  # the others have nobody yet
    structure.assignment_set(actor=lead, activity=first, key_person=gov.supplier_lead.pk, role="A")
    texts = [p.text for p in selectors.matrix(actor=lead, partnership=world.partnership).problems[first.pk]]
    assert any("2 people are accountable" in t for t in texts) and any(
        "Nobody is responsible" in t for t in texts
    )
    structure.assignment_set(actor=lead, activity=first, key_person=gov.supplier_lead.pk, role="")
    Membership.unscoped.filter(user=world.user("supplier_lead"), organisation=world.supplier).delete()
    people = selectors.directory(actor=lead, partnership=world.partnership)
    assert [p.left for p in people if p.pk == gov.supplier_lead.pk] == [True]


def test_each_side_names_only_its_own_people(world: World, gov: Governance) -> None:
    with pytest.raises(ValidationFailed) as raised:
        structure.key_person_add(
            actor=world.user("buyer_lead"),
            partnership=world.partnership,
            person=world.user("supplier_member").pk,
            role_title="Quality",
        )
    assert "person" in raised.value.errors
    with pytest.raises(Forbidden):
        structure.activity_add(actor=world.user("buyer_viewer"), partnership=world.partnership, title="x")
    with pytest.raises(NotFound):
        structure.activity_add(actor=world.user("outsider"), partnership=world.partnership, title="x")


# ---- decisions --------------------------------------------------------------------------------------


def test_a_committee_decides_within_its_right_and_the_log_shows_both_kinds(
    world: World, gov: Governance
) -> None:
    sol = world.user("supplier_lead")
    base = {"text": "Buy a second mould", "rationale": "Halves changeover time", "decided_on": TODAY()}
    with pytest.raises(ValidationFailed) as over:
        decisions.decision_record(
            actor=sol,
            partnership=world.partnership,
            decided_by="committee",
            committee=gov.committee.pk,
            right=gov.right.pk,
            value=Decimal("50000.01"),
            **base,
        )
    assert "limit of 50,000.00" in over.value.errors["value"][0]
    made = decisions.decision_record(
        actor=sol,
        partnership=world.partnership,
        decided_by="committee",
        committee=gov.committee.pk,
        right=gov.right.pk,
        value=Decimal("42000"),
        principle="Equity",
        **base,
    )
    with pytest.raises(ValidationFailed) as future:
        decisions.decision_record(
            actor=sol,
            partnership=world.partnership,
            **{**base, "decided_on": TODAY() + datetime.timedelta(days=1)},
        )
    assert "decided_on" in future.value.errors
    with pytest.raises(ValidationFailed):  # a member outside the committee, not a manager
        decisions.decision_record(actor=world.user("supplier_member"), partnership=world.partnership, **base)
    client_html = world  # noqa: F841 (the page test below reads the log)
    from concord.governance import log
    from concord.governance.filters import filtered_log

    meetings, others = log.sources(actor=world.user("buyer_viewer"), partnership=world.partnership)
    rows = list(filtered_log(None, meetings, others)[1])
    assert [(r["entry"], r["pk"], r["source"]) for r in rows if r["entry"] == "record"] == [
        ("record", made.pk, "Steering committee")
    ]
    only = list(filtered_log({"by": "committee", "committee": gov.committee.pk}, meetings, others)[1])
    assert [r["pk"] for r in only] == [made.pk]


def test_the_decision_log_page_and_api_agree_and_export(
    world: World, gov: Governance, client_for: Any
) -> None:
    from concord.meetings import services as meetings

    lead = world.user("buyer_lead")
    held = meetings.meeting_schedule(
        actor=lead, partnership=world.partnership, title="QBR", starts_at=timezone.now(), kind="qbr"
    )
    meetings.decision_add(actor=lead, meeting=held, text="Monthly stock report", rationale="Visibility")
    decisions.decision_record(
        actor=lead,
        partnership=world.partnership,
        text="Consignment stock",
        rationale="Fewer stock-outs",
        decided_on=TODAY() - datetime.timedelta(days=3),
    )
    client = client_for("supplier_member")
    p = world.partnership.pk
    html = client.get(f"/partnerships/{p}/decisions/").content.decode()
    api = client.get(f"/api/v1/partnerships/{p}/decisions").json()
    assert [r["text"] for r in api["results"]] == ["Monthly stock report", "Consignment stock"]
    assert html.index("Monthly stock report") < html.index("Consignment stock")
    assert api["results"][1]["decided_by"] == "managers"
    sheet = client.get(f"/partnerships/{p}/decisions/export.csv").content.decode()
    assert "Monthly stock report" in sheet and "The partnership managers" in sheet
    bad = client.get(f"/api/v1/partnerships/{p}/decisions?since=not-a-date")
    assert bad.status_code == 422
    page = client.get(f"/partnerships/{p}/decisions/?since=not-a-date")
    assert page.status_code == 200 and "data-row" not in page.content.decode()


# ---- issues -------------------------------------------------------------------------------------------


def test_an_issue_escalates_daily_once_and_tells_the_next_level(world: World, gov: Governance) -> None:
    issue = _raise(world)
    assert issue.level == gov.levels[0] and issue.level_since == TODAY()
    later = TODAY() + datetime.timedelta(days=gov.levels[0].response_days)
    assert issues.escalate(later) == 0  # the last day to respond
    due = later + datetime.timedelta(days=1)
    assert run_daily.call(due.isoformat())["concord.governance.tasks.escalate_issues"] == 1
    assert issues.escalate(due) == 0  # idempotent
    issue.refresh_from_db()
    assert (issue.level_id, issue.level_since, issue.escalations) == (gov.levels[1].pk, due, 1)
    notes = Notification.unscoped.filter(kind="issue_escalated", text__contains="escalated to you")
    assert [n.user_id for n in notes] == [world.user("supplier_lead").pk]
    assert "Late film deliveries" in notes[0].text


def test_the_escalated_person_sees_the_news_on_a_page_they_had_open(
    world: World, gov: Governance, client_for: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Pages are kept per reader until what they show changes: an escalation's notification
    changes the header's unread count of the person told, so their kept page is made anew."""
    settings.PAGE_CACHE = True
    cache.clear()
    _raise(world)
    client = client_for("supplier_lead")
    url = f"/partnerships/{world.partnership.pk}/goals/"

    def unread() -> str:
        found = re.search(r'aria-label="(\d+) unread"', client.get(url).content.decode())
        return found.group(1) if found else "0"

    before = unread()
    due = TODAY() + datetime.timedelta(days=gov.levels[0].response_days + 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert issues.escalate(due) == 1
    assert int(unread()) == int(before) + 1
    cache.clear()


def test_an_internal_issue_never_reaches_the_other_side(world: World, gov: Governance) -> None:
    issue = _raise(world, "buyer_lead", visibility=Visibility.INTERNAL)
    assert issues.escalate(TODAY() + datetime.timedelta(days=30)) == 1
    assert not Notification.unscoped.filter(kind="issue_escalated").exists()  # level 2 is the supplier's
    with pytest.raises(NotFound):
        selectors.issue_get(actor=world.user("supplier_lead"), pk=issue.pk)


def test_a_resolution_cites_a_principle_and_keeps_its_text(
    world: World, gov: Governance, client_for: Any
) -> None:
    issue = _raise(world)
    sol = world.user("supplier_lead")
    with pytest.raises(ValidationFailed) as missing:
        issues.issue_resolve(
            actor=sol, issue=issue, version=issue.version, resolution="Buffer stock", citation=""
        )
    assert "citation" in missing.value.errors
    with pytest.raises(ValidationFailed):
        issues.issue_resolve(
            actor=sol,
            issue=issue,
            version=issue.version,
            resolution="Buffer stock",
            citation="principle:Greed",
        )
    done = issues.issue_resolve(
        actor=sol, issue=issue, version=issue.version, resolution="Buffer stock", citation="principle:Honesty"
    )
    assert done.status == IssueStatus.RESOLVED and done.cited_principle == "Honesty"
    html = client_for("buyer_viewer").get(f"/issues/{issue.pk}/").content.decode()
    assert "Honesty — we tell each other the truth, early, including bad news." in html
    with pytest.raises(InvalidState):
        issues.issue_resolve(
            actor=sol, issue=done, version=done.version, resolution="x", citation="principle:Honesty"
        )
    assert issues.escalate(TODAY() + datetime.timedelta(days=90)) == 0  # resolved issues stay put


def test_raising_resolving_through_the_pages(world: World, gov: Governance, client_for: Any) -> None:
    client = client_for("supplier_member")
    p = world.partnership.pk
    answer = client.post(
        f"/partnerships/{p}/issues/",
        {"title": "", "description": "", "severity": "high", "visibility": "shared"},
    )
    assert answer.status_code == 200 and "Name the issue." in answer.content.decode()
    answer = client.post(
        f"/partnerships/{p}/issues/",
        {
            "title": "Price dispute",
            "description": "Index clause read two ways",
            "severity": "critical",
            "visibility": "shared",
        },
    )
    issue = Issue.unscoped.get(title="Price dispute")
    assert answer.status_code == 302 and answer["Location"] == f"/issues/{issue.pk}/"
    client.post(
        f"/issues/{issue.pk}/resolve/",
        {"version": issue.version, "resolution": "Agreed reading", "citation": "principle:Equity"},
    )
    issue.refresh_from_db()
    assert issue.status == "resolved" and issue.cited_text.startswith("Equity")
    assert client_for("outsider").get(f"/issues/{issue.pk}/").status_code == 404


# ---- lessons --------------------------------------------------------------------------------------------


def test_lessons_are_blameless_and_keep_internal_carriers_private(
    world: World, gov: Governance, client_for: Any
) -> None:
    assert not {"culprit", "blame", "person", "responsible"} & {f.name for f in Lesson._meta.get_fields()}
    internal = _raise(world, "buyer_lead", visibility=Visibility.INTERNAL)
    fields = {
        "title": "Forecast",
        "what_happened": "Late",
        "contributing_factors": "No shared forecast",
        "what_we_change": "Monthly forecast",
    }
    lead = world.user("buyer_lead")
    with pytest.raises(ValidationFailed) as shared_on_internal:
        lessons.issue_lesson_add(actor=lead, issue=internal, **fields)
    assert "visibility" in shared_on_internal.value.errors
    kept = lessons.issue_lesson_add(actor=lead, issue=internal, visibility=Visibility.INTERNAL, **fields)
    shared = lesson_services.lesson_add(
        actor=world.user("supplier_member"), partnership=world.partnership, **{**fields, "title": "Packaging"}
    )
    supplier = client_for("supplier_lead")
    library = supplier.get("/lessons/?q=forecast").content.decode()
    assert "Packaging" in library and f"/issues/{internal.pk}/" not in library
    theirs = {r["id"] for r in supplier.get("/api/v1/lessons").json()["results"]}
    assert shared.pk in theirs and kept.pk not in theirs
    mine = client_for("buyer_lead").get("/api/v1/lessons").json()["results"]
    assert {shared.pk, kept.pk} <= {r["id"] for r in mine}


def test_the_home_page_and_the_glance_show_issues_waiting(
    world: World, gov: Governance, client_for: Any
) -> None:
    from concord.overview.attention import home

    issue = _raise(world)
    issues.escalate(TODAY() + datetime.timedelta(days=gov.levels[0].response_days + 1))
    section = next(s for s in home(world.user("supplier_lead")).sections if s.key == "issues")
    assert [line.what for line in section.lines] == [issue.title]
    assert "escalated to Partnership managers" in section.lines[0].when
    assert next(s for s in home(world.user("buyer_lead")).sections if s.key == "issues").total == 0
    html = client_for("buyer_viewer").get(f"/partnerships/{world.partnership.pk}/").content.decode()
    assert "1 escalated" in html


def test_decisions_through_the_api_answer_field_errors(
    world: World, gov: Governance, client_for: Any
) -> None:
    url = f"/api/v1/partnerships/{world.partnership.pk}/decisions"
    body = {
        "text": "Buy a second mould",
        "rationale": "Halves changeover time",
        "decided_on": TODAY().isoformat(),
        "decided_by": "committee",
        "committee": gov.committee.pk,
        "right": gov.right.pk,
        "value": "50000.004",  # rounded to the cent: exactly at the limit
    }
    client = client_for("supplier_lead")
    made = client.post(url, body, content_type="application/json")
    assert made.status_code == 201 and made.json()["value"] == "50000.00"
    over = client.post(url, {**body, "value": 60000}, content_type="application/json")
    assert over.status_code == 422 and [e["field"] for e in over.json()["errors"]] == ["value"]
    other = client.post(url, {**body, "right": 10**9}, content_type="application/json")
    assert other.status_code == 422 and [e["field"] for e in other.json()["errors"]] == ["right"]
