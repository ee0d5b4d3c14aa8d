"""A person's notifications: the list, opening one, marking all read, the settings and the
unsubscribe link of an email."""

from django.urls import path

from concord.notifications import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/export.<slug:fmt>", views.notifications_export, name="notifications-export"),
    path("notifications/<id:pk>/open/", views.notification_open, name="notification-open"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications-read-all"),
    path("notifications/settings/", views.notification_settings, name="notification-settings"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views.notification_unsubscribe,
        name="notifications-unsubscribe",
    ),
]
