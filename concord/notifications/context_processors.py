from django.http import HttpRequest

from concord.notifications.selectors import unread_count


def notifications(request: HttpRequest) -> dict[str, object]:
    # A callable: the count is only queried when a page's navigation shows it.
    return {"unread_notifications": lambda: unread_count(request.user)}
