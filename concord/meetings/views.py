"""Meeting pages: the Meetings tab, a meeting (agenda, minutes, attendees, decisions, actions), its
.ics, and personal calendar feeds (the decision log is governance's: one log with the decisions taken
outside meetings). Thin: parse, call, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from concord.access.pages import per_reader
from concord.access.policy import may_invite_to
from concord.accounts.requests import AuthedRequest
from concord.audit.views import history_page
from concord.core import exports
from concord.core.downloads import attachment
from concord.core.filtering import cleaned
from concord.core.forms import VersionForm, create_from, run_action
from concord.core.inputs import stored
from concord.core.paging import html_page
from concord.meetings import exports as sheets
from concord.meetings import ics, selectors, services
from concord.meetings.filters import FeedFilter, MeetingFilter
from concord.meetings.forms import (
    ActionForm,
    AttendeesForm,
    DecisionForm,
    MeetingEditForm,
    MeetingForm,
    RecordForm,
)
from concord.partnerships.selectors import colleagues
from concord.partnerships.views import workspace_context

TAB = "meetings"
ICS = "text/calendar; charset=utf-8"
PAST_PAGE = "past_page"  # the query parameter of the past meetings' page (upcoming ones use `page`)


@login_required
@per_reader
def meeting_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    form = MeetingForm(
        request.POST or None, colleagues=colleagues(actor=request.user, partnership=partnership)
    )
    meeting = create_from(
        request,
        form,
        allowed=context["can_contribute"],
        create=lambda d: services.meeting_schedule(actor=request.user, partnership=partnership, **d),
        done=lambda m: f"“{m.title}” scheduled; invitations sent with the agenda drafted.",
    )
    if meeting is not None:
        return redirect("meeting", pk=meeting.pk)
    now = timezone.now()
    found = MeetingFilter(
        request.GET or None,
        queryset=selectors.meeting_list(actor=request.user, partnership=partnership, now=now),
    )
    when = cleaned(found, "when")
    context.update(filter=found, form=form)
    if when != selectors.PAST:
        context["upcoming"] = html_page(request, selectors.at(found.qs, selectors.UPCOMING, now))
    if when != selectors.UPCOMING:
        # The past has its own page number, so paging one section leaves the other where it was.
        past = selectors.at(found.qs, selectors.PAST, now)
        context["past"] = html_page(request, past, param=PAST_PAGE)
    return render(request, "meetings/list.html", context)


def _meeting_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    meeting, may = selectors.meeting_get(actor=request.user, pk=pk)
    context = workspace_context(request, meeting.partnership_id, TAB)
    attendees = [a.user for a in meeting.attendance.all()]
    context.update(
        meeting=meeting,
        attendees=attendees,
        can_edit=may.change and meeting.status != "cancelled",
    )
    return context


@login_required
def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _meeting_context(request, pk)
    meeting = context["meeting"]
    present = {u.pk for u in context["attendees"]}
    invitable = [
        p for p in colleagues(actor=request.user, partnership=meeting.partnership) if p.pk not in present
    ]
    if not may_invite_to(request.user, meeting):
        invitable = []
    links = selectors.decision_links(actor=request.user, meeting=meeting)
    context.update(
        decisions=html_page(request, selectors.decisions_of(meeting=meeting), param="decisions_page"),
        actions=html_page(
            request, selectors.actions_of(actor=request.user, meeting=meeting), param="actions_page"
        ),
        edit_form=MeetingEditForm(initial=stored(meeting, MeetingEditForm.base_fields)),
        record_form=RecordForm(
            initial={"version": meeting.version, "agenda_text": meeting.agenda, "minutes": meeting.minutes}
        ),
        attendees_form=AttendeesForm(colleagues=invitable) if invitable else None,
        decision_form=DecisionForm(goals=links.goals, demands=links.demands),
        action_form=ActionForm(people=selectors.action_people(actor=request.user, meeting=meeting)),
    )
    return render(request, "meetings/detail.html", context)


def _post(request: AuthedRequest, pk: int, form: Any, run: Any, done: str) -> HttpResponse:
    run_action(request, form, run, done)
    return redirect("meeting", pk=pk)


@login_required
@require_POST
def meeting_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(actor=request.user, pk=pk).obj
    return _post(
        request,
        pk,
        MeetingEditForm(request.POST),
        lambda d: services.meeting_update(actor=request.user, meeting=meeting, **d),
        "Saved; attendees get the updated invitation if the time or place changed.",
    )


@login_required
@require_POST
def meeting_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(actor=request.user, pk=pk).obj
    return _post(
        request,
        pk,
        VersionForm(request.POST),
        lambda d: services.meeting_cancel(actor=request.user, meeting=meeting, version=d["version"]),
        "Meeting cancelled; attendees' calendars are told.",
    )


@login_required
@require_POST
def meeting_record(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(actor=request.user, pk=pk).obj
    return _post(
        request,
        pk,
        RecordForm(request.POST),
        lambda d: services.meeting_record(actor=request.user, meeting=meeting, **d),
        "Agenda and minutes saved.",
    )


@login_required
@require_POST
def attendees_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(actor=request.user, pk=pk).obj
    form = AttendeesForm(
        request.POST, colleagues=colleagues(actor=request.user, partnership=meeting.partnership)
    )
    return _post(
        request,
        pk,
        form,
        lambda d: services.attendees_add(actor=request.user, meeting=meeting, **d),
        "Invited.",
    )


@login_required
@require_POST
def decision_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(actor=request.user, pk=pk).obj
    links = selectors.decision_links(actor=request.user, meeting=meeting)
    return _post(
        request,
        pk,
        DecisionForm(request.POST, goals=links.goals, demands=links.demands),
        lambda d: services.decision_add(actor=request.user, meeting=meeting, **d),
        "Decision logged.",
    )


@login_required
@require_POST
def action_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(actor=request.user, pk=pk).obj
    people = selectors.action_people(actor=request.user, meeting=meeting)
    return _post(
        request,
        pk,
        ActionForm(request.POST, people=people),
        lambda d: services.action_add(actor=request.user, meeting=meeting, **d),
        "Action recorded; it is in the commitment ledger.",
    )


@login_required
def meeting_ics(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _meeting_context(request, pk)
    body = ics.invitation(context["meeting"], context["attendees"])
    return attachment(body, ICS, f"meeting-{pk}.ics")


@login_required
def meeting_history(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _meeting_context(request, pk)
    return history_page(request, context["meeting"], context)


@login_required
def calendar_feeds(request: AuthedRequest) -> HttpResponse:
    secret = None
    if request.method == "POST":
        _, secret = services.feed_create(actor=request.user)
    found = FeedFilter(request.GET or None, queryset=selectors.feeds_of(actor=request.user))
    return render(
        request,
        "meetings/feeds.html",
        {
            "filter": found,
            "feeds": html_page(request, found.qs),
            "secret": secret,
            "days_back": selectors.FEED_DAYS_BACK,
            "days_ahead": selectors.FEED_DAYS_AHEAD,
        },
    )


@login_required
@require_POST
def calendar_feed_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    services.feed_revoke(actor=request.user, feed=selectors.feed_get(actor=request.user, pk=pk))
    messages.success(request, "Feed revoked: calendars subscribed to it stop updating.")
    return redirect("calendar-feeds")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribable feed: no sign-in (calendar apps cannot), the secret token is the key."""
    user = services.feed_owner(token)
    body = ics.feed(selectors.meetings_for_feed(user), name=f"Concord — {user.get_full_name()}")
    response = HttpResponse(body, content_type=ICS)
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def meetings_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """Every meeting of the filtered list (upcoming and past, not only a page) as a spreadsheet."""
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    now = timezone.now()
    found = MeetingFilter(
        request.GET or None,
        queryset=selectors.meeting_list(actor=request.user, partnership=partnership, now=now),
    )
    meetings = selectors.at(found.qs, cleaned(found, "when"), now)
    return exports.download(
        fmt, f"meetings-{pk}", exports.table(sheets.MEETING_COLUMNS, meetings), "Meetings"
    )
