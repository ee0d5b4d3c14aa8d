"""A person's notifications: read, unread, and mark read. Thin."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from concord.accounts.requests import AuthedRequest
from concord.core.paging import html_page
from concord.notifications import selectors, services
from concord.notifications.filters import NotificationFilter


@login_required
def notification_list(request: AuthedRequest) -> HttpResponse:
    found = NotificationFilter(request.GET or None, queryset=selectors.notification_list(actor=request.user))
    context = {"filter": found, "notifications": html_page(request, found.qs)}
    return render(request, "notifications/list.html", context)


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
