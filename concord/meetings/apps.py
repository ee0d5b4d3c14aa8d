from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "concord.meetings"
    label = "meetings"
