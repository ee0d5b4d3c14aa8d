"""Whole answers kept for the person who asked, until anything they may see changes.

A page is a function of who reads it, the data they may read, their preferences and the day. The
cache keeps a GET answer (status, headers the view set, body) under a key made of all of these:

- the reader: the session key (so also the sign-in itself, and the CSRF secret the forms' tokens are
  made from; the CSRF cookie value is in the key too) and the facts the reader's scope gives
  (`Scope.facts`: roles, time zone, locale);
- the request: method, full path with its query, and every htmx header (a partial is not a page);
- the data: one *version* per name of the reader's scope (`Scope.names`, e.g. each organisation
  they belong to). Whoever changes data `bump`s the names it touches, after the commit; a version
  is a fresh random value, so a page stored under the old one is never read again;
- the day in the reader's time zone, and a short life (`TTL`): what depends on the clock alone
  ("due in 2 days", the next meeting) is never more than that old.

Nothing is stored or served when the page has messages to show (they are shown once), when the
view set a cookie, or for anything but a 200. Replaying an answer is safe for access because the
answer was made for this very session under the same versions: any write that can change what it
shows (records, memberships, roles, people) bumps a name in the scope (audit.services announces
every committed write; access.pages maps it to names).

It is on when the cache is shared by every app process (Redis): with a cache of one process, a
write through one process could not retire another process's copies. `CONCORD_PAGE_CACHE` forces
it on or off.
"""

import hashlib
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

TTL = 60  # seconds: the staleness allowed for what changes with the clock alone
_PREFIX = "page:"
_VERSION = "pagever:"


@dataclass(frozen=True)
class Scope:
    """What a reader's answers depend on: `names` whose versions writers bump, `facts` read from the
    reader themselves (role, time zone, …) that change the page without a write anyone announces."""

    names: Sequence[str]
    facts: Sequence[str] = field(default_factory=tuple)


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE", False))


def _fresh() -> str:
    return f"{time.time_ns():x}.{secrets.token_hex(4)}"


def versions(names: Sequence[str]) -> list[str]:
    """The current version of each name. A name never seen (or evicted) gets a fresh one, so what was
    stored under an earlier version is never served again."""
    keys = [_VERSION + n for n in names]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            value = _fresh()
            found[key] = value if cache.add(key, value, timeout=None) else cache.get(key, value)
    return [str(found[k]) for k in keys]


def bump(names: Iterable[str]) -> None:
    """Retire every page stored under the current versions of `names` (call after the commit)."""
    unique = sorted(set(names))
    if unique and enabled():
        cache.set_many({_VERSION + n: _fresh() for n in unique}, timeout=None)


def _csrf_secret(request: HttpRequest) -> str:
    """The secret the page's form tokens are masked from; made now when new, so the cookie the first
    answer sets and the key it is stored under agree."""
    get_token(request)
    return str(request.META.get("CSRF_COOKIE", ""))


def _key(request: HttpRequest, scope: Scope, reader: Sequence[str], what: Sequence[str] = ()) -> str:
    """The key of an answer to this request, or of a value (`what` names it) every page shows."""
    htmx = sorted((k, v) for k, v in request.headers.items() if k.lower().startswith("hx-"))
    asked = what or [request.method or "", request.get_full_path(), repr(htmx)]
    parts = [
        *reader,
        *asked,
        timezone.localdate().isoformat(),
        *scope.facts,
        *scope.names,
        *versions(scope.names),
    ]
    return _PREFIX + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(response, "_concord_no_cache", False)
    )


def _replay(stored: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    status, headers, body = stored
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


View = Callable[..., Any]


def per_reader(scope_of: Callable[[HttpRequest], Scope]) -> Callable[[View], View]:
    """A view decorator: answer a signed-in reader's GET from the cache when nothing they may see has
    changed since it was made (see the module's note for what the key holds)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if (
                not enabled()
                or request.method != "GET"
                or not request.user.is_authenticated
                or not request.session.session_key
                or len(messages.get_messages(request))
            ):
                return view(request, *args, **kwargs)
            key = _key(request, scope_of(request), [request.session.session_key, _csrf_secret(request)])
            stored = cache.get(key)
            if stored is not None:
                return _replay(stored)
            response = view(request, *args, **kwargs)
            if isinstance(response, HttpResponse) and _storable(response):
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
                cache.set(key, (response.status_code, list(response.items()), response.content), TTL)
            return response

        return wrapper

    return decorate


def kept[T](request: HttpRequest, scope: Scope, name: str, compute: Callable[[], T]) -> T:
    """A value the reader's every page shows (the header's count of what waits on them), kept like
    a page — for this session, under the same versions, the day and TTL — so a page made anew
    because it was not asked for before (the next page a person opens) does not compute it again.
    Any write the reader could see retires it with their pages."""
    if not enabled() or not request.user.is_authenticated or not request.session.session_key:
        return compute()
    key = _key(request, scope, [request.session.session_key], ["value", name])
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        found = compute()
        cache.set(key, found, TTL)
    return found  # type: ignore[no-any-return]


_MISSING = object()


# ---- the API (django-ninja) ----------------------------------------------------------------------
# An operation's result is serialised by the API after the operation returns, so a kept answer is
# stored where the API makes its response (core.api.ConcordAPI.create_response calls `keep`). The
# reader is the token (or the session) that authenticated the call: a token's own changes (revoked,
# expired) are refused by the authentication before an operation, and so before the cache, runs.
_KEEP = "_concord_keep"


def _api_reader(request: HttpRequest) -> list[str] | None:
    token = getattr(request, "api_token", None)
    if token is not None:
        return [f"token:{token.pk}"]
    session = getattr(request, "session", None)
    key = session.session_key if session is not None else None
    return [f"session:{key}"] if key else None


def per_reader_api(scope_of: Callable[[HttpRequest], Scope]) -> Callable[[View], View]:
    """An API operation decorator: a reader's GET answered from the cache while nothing they may
    see has changed (the key as for pages, the reader being the token or session)."""

    def decorate(operation: View) -> View:
        @wraps(operation)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            reader = _api_reader(request) if enabled() and request.method == "GET" else None
            if reader is None or not request.user.is_authenticated:
                return operation(request, *args, **kwargs)
            key = _key(request, scope_of(request), reader)
            stored = cache.get(key)
            if stored is not None:
                return _replay(stored)
            setattr(request, _KEEP, key)
            return operation(request, *args, **kwargs)

        return wrapper

    return decorate


def keep(request: HttpRequest, response: HttpResponse) -> None:
    """Store an API answer made for a kept operation (see per_reader_api)."""
    key = getattr(request, _KEEP, None)
    if key is not None and _storable(response):
        cache.set(key, (response.status_code, list(response.items()), response.content), TTL)
