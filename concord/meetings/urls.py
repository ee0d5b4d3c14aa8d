"""The Meetings tab, a meeting (edit, cancel, minutes, attendees, decisions, actions, .ics) and a
person's calendar feeds (managed under /account/, read by token). The decision log is governance's."""

from django.urls import path

from concord.meetings import views

urlpatterns = [
    path("partnerships/<id:pk>/meetings/", views.meeting_list, name="meetings"),
    path("partnerships/<id:pk>/meetings/export.<slug:fmt>", views.meetings_export, name="meetings-export"),
    path("meetings/<id:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<id:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<id:pk>/cancel/", views.meeting_cancel, name="meeting-cancel"),
    path("meetings/<id:pk>/record/", views.meeting_record, name="meeting-record"),
    path("meetings/<id:pk>/attendees/", views.attendees_add, name="meeting-attendees"),
    path("meetings/<id:pk>/decisions/", views.decision_add, name="meeting-decision"),
    path("meetings/<id:pk>/actions/", views.action_add, name="meeting-action"),
    path("meetings/<id:pk>/invite.ics", views.meeting_ics, name="meeting-ics"),
    path("meetings/<id:pk>/history/", views.meeting_history, name="meeting-history"),
    path("account/calendar/", views.calendar_feeds, name="calendar-feeds"),
    path("account/calendar/<id:pk>/revoke/", views.calendar_feed_revoke, name="calendar-feed-revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
