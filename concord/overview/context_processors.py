from django.http import HttpRequest

from concord.access import pages
from concord.overview.waiting import waiting_count


def _count(request: HttpRequest) -> int:
    user = request.user
    if not user.is_authenticated:
        return 0
    # Kept with the reader's pages: the next page they open is made anew, the count is not.
    return pages.kept(request, "waiting-count", lambda: waiting_count(user))


def attention(request: HttpRequest) -> dict[str, object]:
    # A callable: the count is only queried when a page's navigation shows it (to a signed-in
    # person; an error page rendered before the session was read never asks); the home page
    # passes the count it already has.
    return {"waiting_on_me": lambda: _count(request)}
