from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "concord.governance"
    label = "governance"

    def ready(self) -> None:
        from concord.governance import tasks  # noqa: F401  registers the daily escalation
        from concord.governance.selectors import issue_titles
        from concord.lessons.carriers import register

        register("issue", "An issue", issue_titles)
