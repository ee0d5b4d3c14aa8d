"""Reads of the audit trail, always through an object the reader may see."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from concord.access.policy import require
from concord.access.roles import Action
from concord.audit.models import AuditEvent


def history_for(*, actor: Any, instance: Model) -> QuerySet[AuditEvent]:
    """The trail of `instance`, newest first, if the actor may read it (read in pages)."""
    require(actor, Action.VIEW, instance)
    return AuditEvent.unscoped.filter(
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=instance.pk
    ).select_related("actor")
