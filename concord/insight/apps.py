from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "concord.insight"
    label = "insight"
