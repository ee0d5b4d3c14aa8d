from django.conf import settings
from django.http import HttpRequest


def concord(request: HttpRequest) -> dict[str, object]:
    return {"site_url": settings.SITE_URL}
