"""iCalendar (RFC 5545) output with the `icalendar` library: invitations and personal feeds.

One event per meeting, identified by the meeting's UID, with SEQUENCE bumped whenever its time or
place changes, so calendar apps update the event instead of adding a second one. A cancelled
meeting stays in the feed with STATUS:CANCELLED (calendars then remove it).
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from concord.meetings.models import Meeting, MeetingStatus

if TYPE_CHECKING:  # imported where used: every process loads this module with the URLs
    from icalendar import Calendar, Event, vCalAddress

PRODID = "-//Concord//Partnership meetings//EN"


def _calendar(method: str, name: str = "") -> "Calendar":
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _address(user: Any, role: str) -> "vCalAddress":
    from icalendar import vCalAddress, vText

    address = vCalAddress(f"mailto:{user.email}")
    address.params["cn"] = vText(user.get_full_name() or user.email)
    address.params["role"] = vText(role)
    return address


def event(meeting: Meeting, attendees: Iterable[Any]) -> "Event":
    from icalendar import Event

    item = Event()
    item.add("uid", f"{meeting.uid}@concord")
    item.add("dtstamp", timezone.now())
    starts = _in_zone(meeting.starts_at, meeting.time_zone)
    item.add("dtstart", starts)  # with TZID=<the meeting's zone>, its VTIMEZONE in the calendar
    item.add("dtend", starts + datetime.timedelta(minutes=meeting.duration_minutes))
    item.add("summary", f"{meeting.title} ({meeting.get_kind_display()})")
    item.add("sequence", meeting.sequence)
    item.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    item.add("url", settings.SITE_URL + reverse("meeting", args=[meeting.pk]))
    if meeting.location:
        item.add("location", meeting.location)
    item.add("description", f"{meeting.agenda}\n\n{settings.SITE_URL}{reverse('meeting', args=[meeting.pk])}")
    if meeting.created_by is not None:
        item.add("organizer", _address(meeting.created_by, "CHAIR"))
    for user in attendees:
        item.add("attendee", _address(user, "REQ-PARTICIPANT"), encode=False)
    return item


def _in_zone(moment: datetime.datetime, zone: str) -> datetime.datetime:
    try:
        return moment.astimezone(zoneinfo.ZoneInfo(zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return moment  # a zone this system no longer knows: UTC, still the right moment


def invitation(meeting: Meeting, attendees: list[Any]) -> bytes:
    """A METHOD:REQUEST calendar with the one event, for the invitation email's attachment."""
    cal = _calendar("CANCEL" if meeting.status == MeetingStatus.CANCELLED else "REQUEST")
    cal.add_component(event(meeting, attendees))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def feed(meetings: Iterable[Meeting], name: str) -> bytes:
    """A subscribable calendar (METHOD:PUBLISH) of the given meetings."""
    cal = _calendar("PUBLISH", name)
    for meeting in meetings:
        cal.add_component(event(meeting, [a.user for a in meeting.attendance.all()]))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
