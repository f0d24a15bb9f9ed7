"""Calendar files of the events (iCalendar, RFC 5545), written with the icalendar library.

One event (``<slug>.ics``), every upcoming event (``calendar.ics``: the unfiltered one is a
published file, built once per change) or the list's filtered selection. Each entry has a
UID that never changes (the event's number, not its slug, which staff may edit), its times
in the city's zone with the zone described (VTIMEZONE), the place, the description and the
link back to its page in the file's language, and ``STATUS:CANCELLED`` when it is called off.
"""

import datetime

from django.utils import timezone, translation
from icalendar import Calendar, vText
from icalendar import Event as CalendarEvent

from apps.core.localtime import city_zone
from apps.core.siteurl import absolute

from .display import plain

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Son La Learning City//Events//EN"
UID_DOMAIN = "events.son-la-learning-city"
UNFILTERED_FEED = "events-calendar.ics"
FILENAME = "son-la-learning-events.ics"


def one_line(text):
    """A title or a place on one line (a stray line break from an import splits nothing)."""
    return " ".join(str(text or "").split())


def uid(event):
    """The entry's identity in every calendar that imported it, whatever is edited later."""
    return f"event-{event.pk}@{UID_DOMAIN}"


def _place(event):
    parts = []
    if event.space_id:
        parts.append(plain(event.space, "name"))
    name = plain(event, "place_name")
    if name:
        parts.append(name)
    if event.address:
        parts.append(event.address)
    area = event.area
    while area is not None:
        parts.append(plain(area, "name"))
        area = area.parent
    return ", ".join(dict.fromkeys(p for p in parts if p))


def _description(event, url):
    parts = [plain(event, "summary"), plain(event, "description")]
    if event.is_cancelled:
        note = plain(event, "cancellation_note")
        parts.insert(0, translation.gettext("Cancelled.") + (f" {note}" if note else ""))
    organiser = plain(event, "organiser")
    if organiser:
        parts.append(translation.gettext("Organiser: %(name)s") % {"name": organiser})
    parts.append(url)
    return "\n\n".join(p for p in parts if p)


def entry(event, request=None, stamp=None):
    """One VEVENT for ``event`` (its area, space and programme already loaded)."""
    url = absolute(event.get_absolute_url(), request)
    item = CalendarEvent()
    item.add("uid", uid(event))
    item.add("dtstamp", stamp or timezone.now())
    if event.all_day:
        item.add("dtstart", event.start_date)
        item.add("dtend", event.end_date + datetime.timedelta(days=1))  # exclusive in iCalendar
    else:
        item.add("dtstart", event.local_start)
        item.add("dtend", event.local_end)
    item.add("summary", one_line(plain(event, "title")))
    item.add("description", _description(event, url))
    place = _place(event)
    if place:
        item.add("location", vText(one_line(place)))
    coordinates = event.coordinates
    if coordinates:
        item.add("geo", (float(coordinates[0]), float(coordinates[1])))
    item.add("url", url)
    item.add("last-modified", event.updated_at)
    item.add("categories", [str(event.get_category_display())])
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    item.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return item


def calendar_bytes(events, name, request=None, stamp=None):
    """An iCalendar file of ``events`` titled ``name``, with the city's time zone described."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", str(city_zone()))
    stamp = stamp or timezone.now()
    for event in events:
        calendar.add_component(entry(event, request, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
