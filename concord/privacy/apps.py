"""Data safety for the people and organisations in Concord: an organisation's export of its own
data, and the erasure of a person's personal data on request. It composes every domain app, so it
sits on top with overview and invitations; nothing below imports it."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "concord.privacy"
    label = "privacy"
