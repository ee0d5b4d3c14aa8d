from django.http import HttpRequest

from concord.access.sides import chooses_partners


def choosing(request: HttpRequest) -> dict[str, object]:
    # A callable: read only when the navigation is drawn, from the memberships the request has
    # already read (no query of its own).
    return {"chooses_partners": lambda: chooses_partners(request.user)}
