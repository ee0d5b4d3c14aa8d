"""The audit trail: who changed what, when, with the values before and after — hash-chained.

Every event belongs to a chain (a partnership's, an organisation's or a person's: audit.chain),
has its place in that chain (`sequence`, from 1) and a `hash` that commits to its content and to
the hash of the event before it. `AuditChain` is each chain's head: its length and last hash,
the row writers lock so that two writers never fork a chain. docs/audit.md describes it all.

The trail is append-only. The ORM refuses to update or delete events (here); on PostgreSQL a
trigger refuses it to anyone (migration 0006), except the one change erasure makes: replacing
the personal values of a change by the leaf hash they had (`erased`), which keeps the chain
verifiable.
"""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from concord.core.models import bounded_text


class AuditAction(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"


class AppendOnly(Exception):
    """An attempt to change or remove an audit event."""


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    """Events are inserted, never updated or deleted (erasure has its own narrow door)."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("Audit events are append-only: they are never updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("Audit events are append-only: they are never deleted.")

    def bulk_update(self, objs: Any, fields: Any, *args: Any, **kwargs: Any) -> int:
        raise AppendOnly("Audit events are append-only: they are never updated.")

    def erase(self, pk: int, *, changes: dict[str, Any], erased: dict[str, str], object_repr: str) -> None:
        """Erasure (privacy.services.person_erase): the only update there is — personal values out, their leaf
        hashes kept, so the chain still verifies (the PostgreSQL trigger allows nothing else)."""
        rows = self.filter(pk=pk)
        models.QuerySet.update(rows, changes=changes, erased=erased, object_repr=object_repr)


class AuditEvent(models.Model):
    """One change made through a service. `changes` maps field -> [before, after].

    Events are read only through the object they describe (audit.selectors.history_for), so an
    internal record's history is as private as the record itself — or, whole, by the parties of
    a chain for verification (audit.trail), with the content of what they may not read left out.
    There is no `objects`: the one manager says that it reads every event.
    """

    unscoped = AppendOnlyQuerySet.as_manager()

    chain = models.CharField(max_length=40)
    sequence = models.PositiveIntegerField()
    hash = models.CharField(max_length=64)
    # People are never deleted (erasure pseudonymises them) and the trail names them by id.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=200)  # a label for pages; not hashed (names change)
    changes = models.JSONField(default=dict)
    erased = models.JSONField(default=dict, blank=True)  # field -> leaf of the erased pair
    reason = bounded_text(10000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [models.UniqueConstraint(fields=["chain", "sequence"], name="one_event_per_link")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnly("Audit events are append-only: they are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnly("Audit events are append-only: they are never deleted.")


class AuditChain(models.Model):
    """The head of one chain: how many events it has and the hash of the last one. Writers lock
    it (select_for_update) to append; the verifier checks the trail ends where the head says."""

    unscoped = models.Manager()

    key = models.CharField(max_length=40, unique=True)
    length = models.PositiveIntegerField(default=0)
    head = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key} ({self.length})"
