from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    name = "concord.scorecards"
    label = "scorecards"
