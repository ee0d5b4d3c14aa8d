from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "concord.notifications"
    label = "notifications"

    def ready(self) -> None:
        from concord.notifications import tasks  # noqa: F401  (registers the daily reminders and digest)
