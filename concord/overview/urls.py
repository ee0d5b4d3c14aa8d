"""The personal home page, the portfolio, the partnership overview (the workspace's landing page)
and adding a note to it."""

from django.urls import path

from concord.overview import views

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("portfolio/export.<slug:fmt>", views.portfolio_export, name="portfolio-export"),
    path("home/", views.home, name="home"),
    path("partnerships/<id:pk>/", views.partnership_overview, name="partnership-detail"),
    path("partnerships/<id:pk>/notes/", views.note_create, name="note-create"),
]
