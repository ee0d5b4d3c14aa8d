"""Governance pages: roles and escalation (the RACI matrix with its problems, the directory, the
escalation path), committees with their decision rights, the one decision log, issues and the
lessons they carry (the lessons' own pages: lessons/views.py). Thin: parse, call, render."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.pages import per_reader
from concord.access.policy import may_contribute_inside
from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.audit.views import history_page
from concord.core import exports
from concord.core.forms import create_from, run_action
from concord.core.paging import html_page
from concord.governance import exports as sheets
from concord.governance import log, selectors
from concord.governance.filters import DecisionLogFilter, IssueFilter, filtered_log
from concord.governance.forms import (
    ActivityForm,
    AssignmentForm,
    CommitteeForm,
    DecisionForm,
    IssueForm,
    KeyPersonForm,
    LevelForm,
    ReopenForm,
    ResolveForm,
    RightForm,
)
from concord.governance.services import decisions, issues, lessons, structure
from concord.lessons.forms import LessonForm
from concord.meetings.selectors import decision_meetings
from concord.partnerships.selectors import colleagues
from concord.partnerships.views import workspace_context

TAB = "governance"


def _ctx(request: AuthedRequest, pk: int) -> dict[str, Any]:
    return workspace_context(request, pk, TAB)


# ---- roles and escalation ---------------------------------------------------------------------------


@login_required
@per_reader
def roles(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _ctx(request, pk)
    partnership = context["partnership"]
    people = selectors.directory(actor=request.user, partnership=partnership)
    levels = selectors.levels_of(actor=request.user, partnership=partnership)
    matrix = selectors.matrix(actor=request.user, partnership=partnership, people=people)
    context.update(
        people=people,
        levels=levels,
        matrix=matrix,
        # One small form per activity; each with its own ids (one page, many forms).
        assignment_forms=[
            (a, AssignmentForm(people=people, auto_id=f"raci{a.pk}-%s")) for a in matrix.activities
        ],
        person_form=KeyPersonForm(
            people=colleagues(actor=request.user, partnership=partnership), levels=levels
        ),
        activity_form=ActivityForm(),
    )
    return render(request, "governance/roles.html", context)


def _back(request: AuthedRequest, pk: int, form: Any, run: Any, done: str) -> HttpResponse:
    run_action(request, form, run, done)
    return redirect("governance", pk=pk)


@login_required
@require_POST
def defaults_start(request: AuthedRequest, pk: int) -> HttpResponse:
    partnership = _ctx(request, pk)["partnership"]
    return _back(
        request,
        pk,
        forms.Form({}),
        lambda d: structure.defaults_start(actor=request.user, partnership=partnership),
        "Started with the default escalation path and activities: edit them to fit.",
    )


@login_required
@require_POST
def key_person_add(request: AuthedRequest, pk: int) -> HttpResponse:
    partnership = _ctx(request, pk)["partnership"]
    form = KeyPersonForm(
        request.POST,
        people=colleagues(actor=request.user, partnership=partnership),
        levels=selectors.levels_of(actor=request.user, partnership=partnership),
    )
    return _back(
        request,
        pk,
        form,
        lambda d: structure.key_person_add(actor=request.user, partnership=partnership, **d),
        "Added to the directory.",
    )


@login_required
@require_POST
def activity_add(request: AuthedRequest, pk: int) -> HttpResponse:
    partnership = _ctx(request, pk)["partnership"]
    return _back(
        request,
        pk,
        ActivityForm(request.POST),
        lambda d: structure.activity_add(actor=request.user, partnership=partnership, **d),
        "Activity added to the matrix.",
    )


@login_required
@require_POST
def assignment_set(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    people = selectors.directory(actor=request.user, partnership=activity.partnership)
    return _back(
        request,
        activity.partnership_id,
        AssignmentForm(request.POST, people=people),
        lambda d: structure.assignment_set(actor=request.user, activity=activity, **d),
        "Matrix saved.",
    )


@login_required
@require_POST
def level_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    level = selectors.level_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    return _back(
        request,
        level.partnership_id,
        LevelForm(request.POST),
        lambda d: structure.level_update(actor=request.user, level=level, **d),
        "Level saved.",
    )


# ---- committees --------------------------------------------------------------------------------------


@login_required
def committees(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _ctx(request, pk)
    partnership = context["partnership"]
    people = selectors.directory(actor=request.user, partnership=partnership)
    form = CommitteeForm(request.POST or None, people=people)
    created = create_from(
        request,
        form,
        allowed=context["can_contribute"],
        create=lambda d: structure.committee_create(actor=request.user, partnership=partnership, **d),
        done=lambda c: f"Committee “{c.name}” formed.",
    )
    if created is not None:
        return redirect("committees", pk=pk)
    context.update(
        committees=selectors.committee_list(actor=request.user, partnership=partnership),
        form=form,
        right_form=RightForm(),
    )
    return render(request, "governance/committees.html", context)


@login_required
@require_POST
def right_add(request: AuthedRequest, pk: int) -> HttpResponse:
    committee = selectors.committee_get(actor=request.user, pk=pk, action=Action.CHANGE).obj
    run_action(
        request,
        RightForm(request.POST),
        lambda d: structure.right_add(actor=request.user, committee=committee, **d),
        "Decision right added.",
    )
    return redirect("committees", pk=committee.partnership_id)


# ---- the decision log --------------------------------------------------------------------------------


def _decision_form(request: AuthedRequest, partnership: Any, data: Any = None) -> DecisionForm:
    return DecisionForm(data, **selectors.decision_choices(actor=request.user, partnership=partnership))


def _log(request: AuthedRequest, partnership: Any) -> tuple[DecisionLogFilter, Any]:
    meetings, others = log.sources(actor=request.user, partnership=partnership)
    return filtered_log(request.GET or None, meetings, others)


@login_required
def decision_log(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _ctx(request, pk)
    partnership = context["partnership"]
    form = _decision_form(request, partnership, request.POST or None)
    created = create_from(
        request,
        form,
        allowed=context["can_contribute"],
        create=lambda d: decisions.decision_record(actor=request.user, partnership=partnership, **d),
        done=lambda d: "Decision logged.",
    )
    if created is not None:
        return redirect("decision-log", pk=pk)
    found, rows = _log(request, partnership)
    found.offer("meeting", decision_meetings(actor=request.user, partnership=partnership))
    found.offer(
        "committee",
        [(c.pk, c.name) for c in selectors.committee_list(actor=request.user, partnership=partnership)],
    )
    context.update(filter=found, decisions=html_page(request, rows), form=form)
    return render(request, "governance/decisions.html", context)


@login_required
def decisions_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """The whole filtered decision log, meeting and other decisions alike, as a spreadsheet."""
    exports.check_format(fmt)
    partnership = _ctx(request, pk)["partnership"]
    _, rows = _log(request, partnership)
    table = exports.table(sheets.DECISION_COLUMNS, list(rows[: exports.MAX_ROWS + 1]))
    return exports.download(fmt, f"decisions-{pk}", table, "Decisions")


# ---- issues --------------------------------------------------------------------------------------------


@login_required
@per_reader
def issue_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _ctx(request, pk)
    partnership = context["partnership"]
    form = IssueForm(
        request.POST or None, goals=selectors.goal_choices(actor=request.user, partnership=partnership)
    )
    created = create_from(
        request,
        form,
        allowed=context["can_contribute"],
        create=lambda d: issues.issue_raise(actor=request.user, partnership=partnership, **d),
        done=lambda i: f"Issue “{i.title}” raised at “{i.level.name}”.",
    )
    if created is not None:
        return redirect("issue", pk=created.pk)
    found = IssueFilter(
        request.GET or None, queryset=selectors.issue_list(actor=request.user, partnership=partnership)
    )
    context.update(filter=found, issues=html_page(request, found.qs), form=form)
    return render(request, "governance/issues.html", context)


@login_required
def issues_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    partnership = _ctx(request, pk)["partnership"]
    found = IssueFilter(
        request.GET or None, queryset=selectors.issue_list(actor=request.user, partnership=partnership)
    )
    return exports.download(fmt, f"issues-{pk}", exports.table(sheets.ISSUE_COLUMNS, found.qs), "Issues")


def _issue_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    issue, may = selectors.issue_get(actor=request.user, pk=pk)
    context = _ctx(request, issue.partnership_id)
    context.update(issue=issue, may=may, can_act=may_contribute_inside(request.user, issue))
    return context


@login_required
def issue_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _issue_context(request, pk)
    issue = context["issue"]
    context.update(
        levels=selectors.levels_of(actor=request.user, partnership=issue.partnership),
        lessons=selectors.lessons_of(actor=request.user, issue=issue),
        resolve_form=ResolveForm(
            initial={"version": issue.version},
            citations=selectors.citations(actor=request.user, partnership=issue.partnership),
        ),
        lesson_form=LessonForm(initial={"visibility": issue.visibility}),
        reopen_form=ReopenForm(initial={"version": issue.version}),
    )
    return render(request, "governance/issue.html", context)


@login_required
@require_POST
def issue_resolve(request: AuthedRequest, pk: int) -> HttpResponse:
    issue = selectors.issue_get(actor=request.user, pk=pk).obj
    form = ResolveForm(
        request.POST, citations=selectors.citations(actor=request.user, partnership=issue.partnership)
    )
    run_action(
        request,
        form,
        lambda d: issues.issue_resolve(actor=request.user, issue=issue, **d),
        "Issue resolved.",
    )
    return redirect("issue", pk=pk)


@login_required
@require_POST
def issue_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    issue = selectors.issue_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        ReopenForm(request.POST),
        lambda d: issues.issue_reopen(actor=request.user, issue=issue, **d),
        "Issue open again: back at its level, its people told.",
    )
    return redirect("issue", pk=pk)


@login_required
@require_POST
def issue_lesson(request: AuthedRequest, pk: int) -> HttpResponse:
    issue = selectors.issue_get(actor=request.user, pk=pk).obj
    run_action(
        request,
        LessonForm(request.POST),
        lambda d: lessons.issue_lesson_add(actor=request.user, issue=issue, **d),
        "Lesson written: it is in the library.",
    )
    return redirect("issue", pk=pk)


@login_required
def issue_history(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _issue_context(request, pk)
    return history_page(request, context["issue"], context)
