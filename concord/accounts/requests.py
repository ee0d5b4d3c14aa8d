"""The request of a signed-in person, for the type checker.

Pages behind `login_required` and API operations behind the API's authentication only ever see a
signed-in user; annotating their request as `AuthedRequest` says so, and lets services take the
user model (not `Any`) as their actor.
"""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from concord.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
