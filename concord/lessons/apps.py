from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "concord.lessons"
    label = "lessons"
