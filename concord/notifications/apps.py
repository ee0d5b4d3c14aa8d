from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "concord.notifications"
    label = "notifications"

    def ready(self) -> None:
        from concord.audit.models import AuditEvent
        from concord.audit.signals import committed
        from concord.notifications import tasks  # registers the daily reminders and digest

        committed.connect(tasks.on_committed, sender=AuditEvent, dispatch_uid="notifications.deliver")
