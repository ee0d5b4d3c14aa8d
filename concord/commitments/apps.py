from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "concord.commitments"
    label = "commitments"
