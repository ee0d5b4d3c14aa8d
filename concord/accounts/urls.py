"""The person's own pages under /account/ (sign-in and password reset are Django's, in config.urls)."""

from django.urls import path

from concord.accounts import views

urlpatterns = [
    path("account/tokens/", views.token_list, name="tokens"),
    path("account/tokens/<id:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
