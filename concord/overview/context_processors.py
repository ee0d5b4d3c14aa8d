from django.http import HttpRequest

from concord.overview.attention import waiting_count


def attention(request: HttpRequest) -> dict[str, object]:
    # A callable: the count is only queried when a page's navigation shows it (to a signed-in
    # person); the home page passes the count it already has.
    user = request.user
    return {"waiting_on_me": lambda: waiting_count(user) if user.is_authenticated else 0}
