from django.http import HttpRequest

from concord.overview.waiting import waiting_count


def _count(request: HttpRequest) -> int:
    user = request.user
    return waiting_count(user) if user.is_authenticated else 0


def attention(request: HttpRequest) -> dict[str, object]:
    # A callable: the count is only queried when a page's navigation shows it (to a signed-in
    # person; an error page rendered before the session was read never asks); the home page
    # passes the count it already has.
    return {"waiting_on_me": lambda: _count(request)}
