from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "concord.accounts"
    label = "accounts"
