"""Inviting members and partner organisations, and accepting or revoking an invitation."""

from django.urls import path

from concord.invitations import views

urlpatterns = [
    path("organisations/<id:pk>/invite/", views.organisation_invite, name="organisation-invite"),
    path("partnerships/<id:pk>/invite/", views.partnership_invite, name="partnership-invite"),
    path("invitations/<id:pk>/revoke/", views.invitation_revoke, name="invitation-revoke"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
