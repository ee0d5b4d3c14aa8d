"""The history page of any record: one template, one place that reads the trail."""

from typing import Any

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from concord.audit.selectors import history_for
from concord.core.paging import html_page


def history_page(request: HttpRequest, subject: Model, context: dict[str, Any] | None = None) -> HttpResponse:
    """Render the trail of `subject` (read access is checked by history_for) inside `context`."""
    page = dict(context or {})
    page.update(events=html_page(request, history_for(actor=request.user, instance=subject)), subject=subject)
    return render(request, "audit/history.html", page)
