"""Invitations by email: people into an organisation, supplier organisations into a partnership.

Above both organisations and partnerships: accepting a partner invitation creates (or picks) the
supplier organisation and adds it as a party, so neither of those apps needs to know the other.
"""

from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "concord.invitations"
    label = "invitations"
