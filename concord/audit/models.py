"""The audit trail: who changed what, when, with the values before and after."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from concord.core.models import bounded_text


class AuditAction(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"


class AuditEvent(models.Model):
    """One change made through a service. `changes` maps field -> [before, after].

    Events are read only through the object they describe (audit.selectors.history_for), so an
    internal record's history is as private as the record itself. There is no `objects`: the one
    manager says that it reads every event.
    """

    unscoped = models.Manager()

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=200)
    changes = models.JSONField(default=dict)
    reason = bounded_text(10000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"
