"""A person's notifications: read, unread, and mark read. Thin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from concord.accounts.requests import AuthedRequest
from concord.core import exports
from concord.core.paging import html_page
from concord.notifications import exports as sheets
from concord.notifications import preferences, selectors, services
from concord.notifications.filters import NotificationFilter
from concord.notifications.forms import PreferencesForm
from concord.notifications.models import CALENDAR, NotificationKind


@login_required
def notification_list(request: AuthedRequest) -> HttpResponse:
    found = NotificationFilter(request.GET or None, queryset=selectors.notification_list(actor=request.user))
    context = {"filter": found, "notifications": html_page(request, found.qs)}
    return render(request, "notifications/list.html", context)


@login_required
def notifications_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    """The person's whole filtered list of notifications as a spreadsheet."""
    exports.check_format(fmt)
    found = NotificationFilter(request.GET or None, queryset=selectors.notification_list(actor=request.user))
    table = exports.table(sheets.NOTIFICATION_COLUMNS, found.qs)
    return exports.download(fmt, "notifications", table, "Notifications")


@login_required
@require_POST
def notification_open(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark read and go to what it is about (only ever a path on this site)."""
    note = services.mark_read(
        actor=request.user, notification=selectors.notification_get(actor=request.user, pk=pk)
    )
    safe = url_has_allowed_host_and_scheme(
        note.url, allowed_hosts={request.get_host()}
    ) and note.url.startswith("/")
    return redirect(note.url if safe else "notifications")


@login_required
@require_POST
def notifications_read_all(request: AuthedRequest) -> HttpResponse:
    services.mark_all_read(actor=request.user)
    return redirect("notifications")


@login_required
def notification_settings(request: AuthedRequest) -> HttpResponse:
    """Per kind of notification: email at once, in the daily digest, in Concord only, or off."""
    current = preferences.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        chosen = {kind: value for kind, value in form.cleaned_data.items() if value}
        preferences.preferences_set(actor=request.user, user=request.user, choices=chosen)
        messages.success(request, "Your notification settings are saved.")
        return redirect("notification-settings")
    calendar = [NotificationKind(k).label for k in sorted(CALENDAR)]
    return render(request, "notifications/settings.html", {"form": form, "calendar": calendar})


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs with no session; the signed link is the key
def notification_unsubscribe(request: AuthedRequest, token: str) -> HttpResponse:
    """The link in an email: GET asks (link checkers follow links), POST stops that kind's emails."""
    found = preferences.unsubscribe_reader(token)
    if found is None:
        raise Http404("This unsubscribe link is not valid.")
    user, kind = found
    done = request.method == "POST"
    if done:
        preferences.unsubscribe(user, kind)
    context = {"kind": NotificationKind(kind).label, "done": done, "email": user.email}
    return render(request, "notifications/unsubscribe.html", context)
