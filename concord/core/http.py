"""Facts about the request that need configuration to be trusted."""

from django.conf import settings
from django.http import HttpRequest


def client_ip_behind_proxy(request: HttpRequest) -> str | None:
    """The client's address when Concord runs behind one trusted proxy (CONCORD_BEHIND_PROXY): the
    last address the proxy appended to X-Forwarded-For; earlier entries come from the client and
    could be anything, so sign-in throttling never reads them."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.split(",")[-1].strip()
    return last or request.META.get("REMOTE_ADDR")


def signin_name(request: HttpRequest, credentials: dict[str, str] | None) -> str:
    """The account a sign-in names, as throttling counts it: "Bob@X" and "bob@x " are one account."""
    name = (credentials or {}).get("username") or request.POST.get("username") or ""
    return name.strip().lower()


def client_ip(request: HttpRequest) -> str:
    """The client's address, as sign-in throttling sees it: behind a trusted proxy
    (CONCORD_BEHIND_PROXY) the one the proxy added, else the connection's."""
    if settings.CONCORD_BEHIND_PROXY:
        return client_ip_behind_proxy(request) or ""
    return str(request.META.get("REMOTE_ADDR", ""))
