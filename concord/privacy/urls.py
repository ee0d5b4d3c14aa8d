"""The privacy pages: an organisation's export, and erasing a member's personal data."""

from django.urls import path

from concord.privacy import views

urlpatterns = [
    path("organisations/<id:pk>/export/", views.organisation_export, name="organisation-export"),
    path("organisations/<id:pk>/members/<id:member_id>/erase/", views.member_erase, name="member-erase"),
]
