"""The privacy pages: an organisation's export."""

from django.urls import path

from concord.privacy import views

urlpatterns = [
    path("organisations/<id:pk>/export/", views.organisation_export, name="organisation-export"),
]
