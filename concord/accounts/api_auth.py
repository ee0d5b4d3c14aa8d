"""How the API knows who is calling — a personal token or the browser session — what a token's
scope allows, and how often each caller may call (the rate limit)."""

import math
import threading
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import BaseThrottle

from concord.access.policy import require_token_scope
from concord.accounts import selectors
from concord.accounts.services import token_authenticate
from concord.core import ratelimit
from concord.core.api import Unauthenticated

TWO_FACTOR_FIRST = (
    "An organisation you belong to requires two-factor sign-in: set it up at /account/two-factor/ "
    "before using the API with your browser session. (Personal API tokens are not affected.)"
)


class TokenAuth(HttpBearer):
    """Personal API tokens: `Authorization: Bearer cnc_...`. An unknown, revoked or expired token
    is no token (401, counted against the address); a read-only token sending a write is refused
    (403) before anything runs. From an address that has used up its failed calls
    (CONCORD_API_ANON_RATE), no token is looked at until the window ends (429)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        wait = ratelimit.address_spent(request)
        if wait is not None:  # this address has used up its failed calls: no more guessing
            raise Throttled(wait=math.ceil(wait))
        found = token_authenticate(token)
        if found is None:
            return None
        require_token_scope(found.scope, request.method or "GET")
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class SessionAuth(APIKeyCookie):
    """The browser session, with Django's CSRF check on unsafe methods. A person who must set up
    two-factor sign-in first (concord.accounts.middleware) cannot use the API with it either."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if selectors.two_factor_missing(actor=user):
            raise Unauthenticated(TWO_FACTOR_FIRST)
        return user


class ApiRate(BaseThrottle):
    """At most CONCORD_API_RATE calls per token, and per person using the session (each token has
    its own allowance). Read at each call, so it can be changed without a restart of the tests."""

    def __init__(self) -> None:
        self._local = threading.local()  # one throttle serves every thread of the process

    def allow_request(self, request: HttpRequest) -> bool:
        rate: str = settings.CONCORD_API_RATE
        if not rate:
            return True
        token = getattr(request, "api_token", None)
        caller = f"token:{token.pk}" if token is not None else f"user:{request.user.pk}"
        self._local.wait = ratelimit.hit(f"api:{caller}", rate)
        return self._local.wait is None

    def wait(self) -> float | None:
        wait: float | None = getattr(self._local, "wait", None)
        return wait
