"""Choosing partners: a buying organisation's needs, the candidates for each, their evaluation on
weighted (points or AHP) criteria by several evaluators, the ranking and its sensitivity, and the
decision that turns the chosen candidate into a partnership.

A composition app, beside invitations: choosing a candidate opens a partnership
(partnerships.services) and invites a new supplier organisation (invitations.services), so it sits
above both and no domain app imports it.
"""

from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "concord.selection"
    label = "selection"

    def ready(self) -> None:
        from concord.selection import notices

        notices.register()  # who hears of a new candidate and of the decision (notifications)
