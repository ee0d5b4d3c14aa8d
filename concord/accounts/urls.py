"""The person's own pages under /account/ (signing in is concord.accounts.views.signin, routed in
config.urls beside Django's sign-out and password pages)."""

from django.urls import path

from concord.accounts.views import preferences, signin, tokens, two_factor

urlpatterns = [
    path("account/login/code/", signin.signin_code, name="login-code"),
    path("account/two-factor/", two_factor.two_factor, name="two-factor"),
    path("account/two-factor/backup-codes/", two_factor.backup_codes, name="two-factor-backup-codes"),
    path("account/two-factor/turn-off/", two_factor.turn_off, name="two-factor-off"),
    path("account/preferences/", preferences.preferences, name="preferences"),
    path("account/tokens/", tokens.token_list, name="tokens"),
    path("account/tokens/<id:pk>/revoke/", tokens.token_revoke, name="token-revoke"),
]
