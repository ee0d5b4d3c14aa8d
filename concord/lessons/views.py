"""Lesson pages: a partnership's lessons (the Governance tab's Lessons), the portfolio's library,
one lesson with its carrier, its correction and deletion by the author's side, its history.
Thin: parse, call, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from concord.access.policy import can
from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.audit.views import history_page
from concord.core import exports
from concord.core.errors import ValidationFailed
from concord.core.forms import VersionForm, apply_errors, create_from, problems
from concord.core.inputs import stored
from concord.core.paging import html_page
from concord.lessons import exports as sheets
from concord.lessons import selectors, services
from concord.lessons.filters import LessonFilter
from concord.lessons.forms import LessonEditForm, LessonForm
from concord.partnerships.views import workspace_context

TAB = "governance"


def _paged(request: AuthedRequest, found: LessonFilter) -> Any:
    page = html_page(request, found.qs)
    selectors.with_carriers(request.user, page.object_list)
    return page


@login_required
def lesson_list(request: AuthedRequest, pk: int) -> HttpResponse:
    context = workspace_context(request, pk, TAB)
    partnership = context["partnership"]
    form = LessonForm(request.POST or None)
    created = create_from(
        request,
        form,
        allowed=context["can_contribute"],
        create=lambda d: services.lesson_add(actor=request.user, partnership=partnership, **d),
        done=lambda x: "Lesson written.",
    )
    if created is not None:
        return redirect("lessons", pk=pk)
    found = LessonFilter(
        request.GET or None, queryset=selectors.lesson_list(actor=request.user, partnership=partnership)
    )
    context.update(filter=found, lessons=_paged(request, found), form=form)
    return render(request, "lessons/lessons.html", context)


@login_required
def lessons_export(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    partnership = workspace_context(request, pk, TAB)["partnership"]
    found = LessonFilter(
        request.GET or None, queryset=selectors.lesson_list(actor=request.user, partnership=partnership)
    )
    return exports.download(fmt, f"lessons-{pk}", exports.table(sheets.LESSON_COLUMNS, found.qs), "Lessons")


@login_required
def library(request: AuthedRequest) -> HttpResponse:
    """Every lesson of the partnerships the person takes part in (the portfolio's library)."""
    found = LessonFilter(request.GET or None, queryset=selectors.lesson_list(actor=request.user))
    return render(request, "lessons/library.html", {"filter": found, "lessons": _paged(request, found)})


@login_required
def library_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    exports.check_format(fmt)
    found = LessonFilter(request.GET or None, queryset=selectors.lesson_list(actor=request.user))
    return exports.download(fmt, "lessons", exports.table(sheets.LESSON_COLUMNS, found.qs), "Lessons")


def _lesson_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    lesson = selectors.lesson_get(actor=request.user, pk=pk).obj
    context = workspace_context(request, lesson.partnership_id, TAB)
    context.update(lesson=lesson, can_change=can(request.user, Action.CHANGE, lesson))
    return context


@login_required
def lesson_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A lesson, its carrier, and (for the author's side) its correction: a GET shows the form, a
    POST saves it with the version read (stale: the conflict page)."""
    context = _lesson_context(request, pk)
    lesson = context["lesson"]
    form = None
    if context["can_change"] or request.method == "POST":
        initial = stored(lesson, LessonEditForm.base_fields)
        form = LessonEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.lesson_update(actor=request.user, lesson=lesson, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Lesson saved.")
            return redirect("lesson", pk=pk)
    context.update(form=form, delete_form=VersionForm(initial={"version": lesson.version}))
    return render(request, "lessons/lesson.html", context)


@login_required
@require_POST
def lesson_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    lesson = selectors.lesson_get(actor=request.user, pk=pk).obj
    # The version the person saw: stale is a conflict (409), missing or garbled is refused.
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, problems(form))
        return redirect("lesson", pk=pk)
    services.lesson_delete(actor=request.user, lesson=lesson, version=form.cleaned_data["version"])
    messages.success(request, "Lesson deleted.")
    return redirect("lessons", pk=lesson.partnership_id)


@login_required
def lesson_history(request: AuthedRequest, pk: int) -> HttpResponse:
    context = _lesson_context(request, pk)
    return history_page(request, context["lesson"], context)
