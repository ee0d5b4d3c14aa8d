from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "concord.risks"
    label = "risks"

    def ready(self) -> None:
        from concord.lessons.carriers import register
        from concord.risks import tasks  # noqa: F401  (registers the daily review reminders)
        from concord.risks.selectors import risk_titles

        register("risk", "A risk that fired", risk_titles)

        from concord.notifications.events import register as on_event
        from concord.risks.models import Risk
        from concord.risks.notices import planned

        on_event(Risk, planned, ("partnership",))  # told at once when recorded or rescored
