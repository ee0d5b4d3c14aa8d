from typing import Any

from django.db.models import QuerySet

from concord.access.policy import require_self
from concord.accounts.models import ApiToken
from concord.core.errors import NotFound


def token_list(*, actor: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=actor.pk)


def token_get(*, actor: Any, pk: int) -> ApiToken:
    token = ApiToken.objects.filter(pk=pk).first()
    if token is None:
        raise NotFound()
    require_self(actor, token.user_id)
    return token
