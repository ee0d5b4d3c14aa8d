"""What happened, announced once it is true: after a write's transaction commits, its audit events
are sent with `committed` (sender AuditEvent, `events`: the list). Apps above the domain layers
(notifications) react to writes this way whatever the entry point was — a page, the API, a job —
and never to a write that was rolled back."""

from django.dispatch import Signal

committed = Signal()
