"""Organisation pages and their members (inviting a member is concord.invitations.urls)."""

from django.urls import path

from concord.organisations import views

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/new/", views.organisation_create, name="organisation-create"),
    path("organisations/<id:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<id:pk>/edit/", views.organisation_edit, name="organisation-edit"),
    path("organisations/<id:pk>/history/", views.organisation_history, name="organisation-history"),
    path("organisations/<id:pk>/members/<id:member_id>/role/", views.member_role, name="member-role"),
    path("organisations/<id:pk>/members/<id:member_id>/remove/", views.member_remove, name="member-remove"),
]
