"""The personal home page (what needs my attention), the portfolio (every partnership with its
figures) and the partnership overview: the parties, the relationship, cadence warnings and the notes."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.pages import per_reader
from concord.accounts.requests import AuthedRequest
from concord.core import exports
from concord.core.errors import ValidationFailed
from concord.core.forms import apply_errors
from concord.core.paging import html_page
from concord.health import selectors as health
from concord.meetings.selectors import cadence_flags
from concord.organisations.selectors import administered, organisation_list
from concord.overview import attention
from concord.overview import exports as sheets
from concord.overview import portfolio as rows
from concord.overview.filters import PortfolioFilter
from concord.overview.glance import glance
from concord.partnerships import selectors, services
from concord.partnerships.filters import NoteFilter
from concord.partnerships.forms import NoteForm
from concord.partnerships.views import BUYER_KINDS, workspace_context


@login_required
@per_reader
def home(request: AuthedRequest) -> HttpResponse:
    """What needs my attention across every partnership I can see (overview.attention)."""
    found = attention.home(request.user)
    # The header's badge: the count the sections already hold (no second count).
    return render(request, "overview/home.html", {"home": found, "waiting_on_me": found.waiting})


@login_required
@per_reader
def portfolio(request: AuthedRequest) -> HttpResponse:
    """The portfolio dashboard: filtered, sorted and paged in the database; the figures of the
    page's rows set-based; the health distribution of the whole portfolio in one query."""
    mine = list(organisation_list(actor=request.user))
    buying = [org for org in mine if org.kind in BUYER_KINDS]
    found = PortfolioFilter(request.GET or None, queryset=rows.portfolio_list(actor=request.user))
    if not buying:
        del found.filters["segment"]  # the segment is the buying side's own: nothing to choose
    page = html_page(request, found.qs)
    distribution = health.distribution(actor=request.user)
    context = {
        "filter": found,
        "partnerships": page,
        "rows": rows.rows(actor=request.user, partnerships=page),
        "mine": mine,
        # the segment column and the Kraljic scatter are the buying side's own (internal)
        "buying": buying,
        "can_open": administered(actor=request.user, kinds=BUYER_KINDS).exists(),
        "distribution": distribution,
        "distribution_max": max([n for _, n in distribution] + [1]),
    }
    return render(request, "overview/portfolio.html", context)


@login_required
def portfolio_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    """The whole filtered portfolio with the dashboard's columns, as CSV or XLSX."""
    exports.check_format(fmt)
    found = PortfolioFilter(request.GET or None, queryset=rows.portfolio_list(actor=request.user))
    table = sheets.table(actor=request.user, partnerships=found.qs)
    return exports.download(fmt, "portfolio", table, "Portfolio")


def _context(request: AuthedRequest, pk: int, form: NoteForm | None = None) -> dict[str, Any]:
    context = workspace_context(request, pk, "overview")
    partnership = context["partnership"]
    notes = NoteFilter(
        request.GET or None, queryset=selectors.note_list(actor=request.user, partnership=partnership)
    )
    context.update(
        note_filter=notes,
        notes=selectors.with_edit_links(actor=request.user, notes=html_page(request, notes.qs)),
        note_form=form or NoteForm(),
        cadence_flags=cadence_flags(actor=request.user, partnership=partnership),
        glance=glance(actor=request.user, partnership=partnership),
    )
    return context


@login_required
@per_reader
def partnership_overview(request: AuthedRequest, pk: int) -> HttpResponse:
    return render(request, "overview/partnership.html", _context(request, pk))


@login_required
@require_POST
def note_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Post a note. With htmx the notes block is swapped in place; without, the page reloads."""
    partnership = workspace_context(request, pk, "overview")["partnership"]
    form = NoteForm(request.POST)
    posted = False
    if form.is_valid():
        try:
            services.note_create(actor=request.user, partnership=partnership, **form.cleaned_data)
            posted = True
        except ValidationFailed as exc:
            apply_errors(form, exc)
    if posted and not request.htmx:
        messages.success(request, "Note posted.")
        return redirect("partnership-detail", pk=pk)
    context = _context(request, pk, None if posted else form)
    htmx = bool(request.htmx)
    template = "partnerships/_notes.html" if htmx else "overview/partnership.html"
    # htmx swaps 4xx answers too (see base.html), so invalid input shows its field errors in place.
    return render(request, template, context, status=200 if posted else 422)
