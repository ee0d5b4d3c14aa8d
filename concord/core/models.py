"""Abstract bases shared by every domain app."""

from django.db import models


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """Optimistic concurrency: every update names the version it was based on (see audit.services)."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
