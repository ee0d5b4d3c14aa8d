"""The benchmark's yardstick: a bare JSON view behind every middleware Concord runs (sessions,
authentication, CSRF, two-factor, security headers), served by the same process as the pages.

`make bench` divides each page's requests per second by this view's, measured side by side in the
same run, so the figure says what the page itself costs whatever the machine's noise. It is mounted
only when CONCORD_BENCH is set (the bench's own server); a production server never has the URL.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, path


@login_required
def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


def bench_urls() -> list[URLPattern]:
    """The bare view's route when the benchmark asked for it (CONCORD_BENCH), otherwise none."""
    if not settings.CONCORD_BENCH:
        return []
    return [path("bench/bare/", bare, name="bench-bare")]
