"""Every write of governance: the structure (escalation path, directory, RACI, committees),
decisions outside meetings, issues and their escalation, lessons."""

from typing import Any

from django.db import models


def audit_links(*, actor: Any, instance: models.Model, **links: list[Any]) -> None:
    """Record the many-to-many links set on a new record (its snapshot holds only its own
    columns), as vision.services.document.link_objectives does for goals and clauses."""
    from concord.audit.models import AuditAction
    from concord.audit.services import record

    changes = {name: [[], sorted(obj.pk for obj in linked)] for name, linked in links.items() if linked}
    if changes:
        record(actor=actor, action=AuditAction.UPDATE, instance=instance, changes=changes)
