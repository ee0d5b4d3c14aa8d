"""Pages that summarise across the domain apps: the partnership overview (and, as they land, the
personal home page and the portfolio dashboard). Nothing below imports this app."""

from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "concord.overview"
    label = "overview"
