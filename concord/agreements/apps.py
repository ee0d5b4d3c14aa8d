from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "concord.agreements"
    label = "agreements"

    def ready(self) -> None:
        from concord.agreements import tasks  # noqa: F401  (registers the daily jobs)
