from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "concord.reviews"
    label = "reviews"

    def ready(self) -> None:
        from concord.reviews import tasks  # noqa: F401  (registers the survey invitations and reminders)
