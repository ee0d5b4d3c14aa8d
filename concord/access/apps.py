from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "concord.access"
    label = "access"
