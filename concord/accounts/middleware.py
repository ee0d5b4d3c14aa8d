"""Members of an organisation that requires two-factor sign-in set it up before anything else;
and each person's pages in their own time zone and number format (PersonalFormatsMiddleware).

A signed-in person who must (an organisation of theirs requires it) and has no authenticator yet
is sent to the set-up page from every page but that one and signing out, at every request, so
the requirement holds from the moment an admin turns it on. The API's session authentication asks
the same question (concord.accounts.api_auth); personal API tokens are not affected.
"""

import zoneinfo
from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from concord.accounts import selectors
from concord.core import locales

# The pages such a person may still open.
ALLOWED = frozenset({"two-factor", "logout"})


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path_info.startswith("/api/")
            and not _allowed(request.path_info)
            and selectors.two_factor_missing(actor=user)
        ):
            return _to_set_up(request)
        return self.get_response(request)


def _allowed(path: str) -> bool:
    try:
        return resolve(path).url_name in ALLOWED
    except Resolver404:
        return False


def _to_set_up(request: HttpRequest) -> HttpResponse:
    target = reverse("two-factor")
    if request.method == "GET":
        target += "?" + urlencode({"next": request.get_full_path()})
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204, headers={"HX-Redirect": target})
    return HttpResponseRedirect(target)


class PersonalFormatsMiddleware:
    """A signed-in person's pages in their time zone and number format (core.locales); the API
    keeps ISO times in UTC and JSON numbers, whoever calls it. No query: both are the person's own
    fields, set from their organisation's defaults when they join."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path_info.startswith("/api/"):
            return self.get_response(request)
        zone = _zone(user.time_zone)
        if zone is not None:
            timezone.activate(zone)
        token = locales.activate(user.locale or None)
        try:
            return self.get_response(request)
        finally:
            locales.deactivate(token)
            timezone.deactivate()


def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None  # a zone the system no longer knows: the site's
