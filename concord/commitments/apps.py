from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "concord.commitments"
    label = "commitments"

    def ready(self) -> None:
        from concord.commitments.selectors import titles
        from concord.lessons.carriers import register

        register("commitment", "A missed commitment", titles)
