from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "concord.risks"
    label = "risks"

    def ready(self) -> None:
        from concord.risks import tasks  # noqa: F401  (registers the daily review reminders)
