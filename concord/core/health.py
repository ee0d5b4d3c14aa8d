"""`/health`: is this app process able to serve? For the reverse proxy or load balancer in front of
several app processes (docs/deployment.md), which stops sending requests to one that says no.

It asks the database the smallest question (`SELECT 1`) and answers 200 "ok", or 503 when the
database cannot be reached, so a process cut off from the database is taken out of rotation rather
than answering every page with an error. No sign-in, no session (it never touches one, so it never
writes one), no cookie, no cache: polled every few seconds by a machine, it must cost next to nothing
and never be the thing that fills a table. The API's rate limits and the sign-in throttling do not
apply (they watch the API and the sign-in form only).
"""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


@never_cache
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        # One line: a database outage would otherwise print a traceback every few seconds.
        log.warning("health check: database unavailable: %s", str(exc).splitlines()[0] if str(exc) else exc)
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
