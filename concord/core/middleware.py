"""Translate domain errors raised in page views into the right page.

NotFound → the 404 page, Forbidden → the 403 page, Conflict → a conflict page (409) showing the
stored version beside the one the user submitted, so nothing is silently overwritten or lost.
The API has its own handlers (concord.core.api) and never reaches this.

`Utf8FormsMiddleware` refuses a form post that is not UTF-8 (400) instead of letting Django store
U+FFFD in place of the bytes it cannot read.

`bad_request` is the 400 handler (config/urls.py): a form over the size limit says so (413).
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.defaults import bad_request as django_bad_request

from concord.core.errors import Conflict, Forbidden, InvalidState, NotFound
from concord.core.uploads import too_large_body_message


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, NotFound):
            return render(request, "404.html", status=404)
        if isinstance(exc, Forbidden):
            return render(request, "403.html", {"reason": exc.detail}, status=403)
        if isinstance(exc, InvalidState):
            return render(request, "403.html", {"reason": exc.detail, "title": "Not now"}, status=409)
        if isinstance(exc, Conflict):
            return render(request, "conflict.html", _conflict_context(exc), status=409)
        return None


NOT_UTF8 = "The form was not sent as UTF-8 text, so some of what you entered could not be read."


class Utf8FormsMiddleware:
    """Form posts are UTF-8 (every page says so). Django would decode other bytes as U+FFFD and the
    text would be saved altered without a word: such a post is refused before any view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            try:
                unquote_to_bytes(request.body.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                return render(request, "400.html", {"reason": NOT_UTF8}, status=400)
        return self.get_response(request)


def _conflict_context(exc: Conflict) -> dict[str, Any]:
    stored = getattr(exc.current, "sections", None)  # versioned documents keep fields in sections
    rows = [
        {
            "field": name,
            "yours": value,
            "theirs": stored.get(name, "") if isinstance(stored, dict) else getattr(exc.current, name, ""),
        }
        for name, value in exc.submitted.items()
    ]
    version = getattr(exc.current, "version", None) or getattr(exc.current, "number", "")
    return {"rows": rows, "current": exc.current, "version": version, "detail": exc.detail}


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400, except for a body over CONCORD_UPLOAD_MAX_MB (Django refuses it before any
    view runs, e.g. while the CSRF check reads the form): a 413 that says what happened, as the
    API's error body under /api/ and as a page elsewhere."""
    if not isinstance(exception, RequestDataTooBig):
        return django_bad_request(request, exception)
    message = too_large_body_message()
    if request.path.startswith("/api/"):
        errors = [{"field": "__all__", "message": message}]
        return JsonResponse({"detail": message, "errors": errors}, status=413)
    return render(request, "413.html", {"reason": message}, status=413)
