"""Reads of the audit trail, always through an object the reader may see."""

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from concord.access.policy import require
from concord.access.roles import Action
from concord.audit.models import AuditEvent

if TYPE_CHECKING:  # accounts writes through audit: the type only, no import at run time
    from concord.accounts.models import User


def history_for(*, actor: "User", instance: Model) -> QuerySet[AuditEvent]:
    """The trail of `instance`, newest first, if the actor may read it (read in pages). Every
    history page and operation is behind sign-in; the anonymous visitor is in the type only while
    some entry points still take a plain HttpRequest (access.require refuses them anyway)."""
    require(actor, Action.VIEW, instance)
    return AuditEvent.unscoped.filter(
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=instance.pk
    ).select_related("actor")
