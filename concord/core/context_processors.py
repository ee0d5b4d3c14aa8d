from django.conf import settings
from django.http import HttpRequest


def concord(request: HttpRequest) -> dict[str, object]:
    from concord.notifications.selectors import unread_count

    # A callable: the count is only queried when a page's navigation shows it.
    return {"site_url": settings.SITE_URL, "unread_notifications": lambda: unread_count(request.user)}
