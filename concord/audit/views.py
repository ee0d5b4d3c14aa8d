"""The history page of any record: one template, one place that reads the trail."""

from typing import TYPE_CHECKING, Any

from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import render

from concord.audit import describe
from concord.audit.filters import HistoryFilter
from concord.audit.selectors import history_for
from concord.core.paging import html_page

if TYPE_CHECKING:  # accounts imports audit: the type only
    from concord.accounts.requests import AuthedRequest


def history_page(
    request: "AuthedRequest", subject: Model, context: dict[str, Any] | None = None
) -> HttpResponse:
    """Render the trail of `subject` (read access is checked by history_for) inside `context`."""
    page = dict(context or {})
    found = HistoryFilter(request.GET or None, queryset=history_for(actor=request.user, instance=subject))
    events = html_page(request, found.qs.select_related("content_type"))
    plain = describe.changes(request.user, events)
    page.update(filter=found, events=[(e, plain[e.pk]) for e in events], page=events, subject=subject)
    return render(request, "audit/history.html", page)
