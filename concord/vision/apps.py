from django.apps import AppConfig


class VisionConfig(AppConfig):
    name = "concord.vision"
    label = "vision"
