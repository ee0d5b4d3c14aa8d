from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    name = "concord.lifecycle"
    label = "lifecycle"

    def ready(self) -> None:
        from concord.lifecycle import tasks  # noqa: F401  (registers the daily reminders)
        from concord.lifecycle.services import segmentation  # noqa: F401  (the suggested type)
