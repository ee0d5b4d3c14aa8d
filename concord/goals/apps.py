from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "concord.goals"
    label = "goals"

    def ready(self) -> None:
        from concord.goals import tasks  # noqa: F401  registers the daily status refresh
