"""schema.org ``Event`` structured data (JSON-LD) of an event's page, in the page's language."""

import json

from django.utils import translation
from django.utils.safestring import mark_safe

from apps.core.siteurl import absolute

from .display import plain

SCHEDULED = "https://schema.org/EventScheduled"
CANCELLED = "https://schema.org/EventCancelled"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"
# Characters that could end the <script> element or open markup inside it, written as JSON
# escapes (what Django's json_script does): the data stays the same, the page stays safe.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _place(event):
    place = {"@type": "Place"}
    if event.space_id:
        place["name"] = plain(event.space, "name")
    else:
        place["name"] = plain(event, "place_name")
    address = {"@type": "PostalAddress", "addressCountry": "VN"}
    if event.is_external:
        address.pop("addressCountry")
    if event.address:
        address["streetAddress"] = event.address
    elif event.space_id and event.space.address:
        address["streetAddress"] = event.space.address
    if event.area_id:
        address["addressLocality"] = plain(event.area.unit, "name")
        address["addressRegion"] = "Sơn La"
    place["address"] = address
    coordinates = event.coordinates
    if coordinates:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(coordinates[0]),
            "longitude": float(coordinates[1]),
        }
    return place


def event_data(event, request=None):
    """The ``Event`` as a dict (schema.org vocabulary)."""
    if event.all_day:
        start, end = event.start_date.isoformat(), event.end_date.isoformat()
    else:
        start, end = event.local_start.isoformat(), event.local_end.isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": plain(event, "title"),
        "startDate": start,
        "endDate": end,
        "eventStatus": CANCELLED if event.is_cancelled else SCHEDULED,
        "eventAttendanceMode": OFFLINE,
        "location": _place(event),
        "url": absolute(event.get_absolute_url(), request),
        "inLanguage": translation.get_language(),
    }
    description = plain(event, "summary") or plain(event, "description")
    if description:
        data["description"] = description
    organiser = plain(event, "organiser")
    if organiser:
        data["organizer"] = {"@type": "Organization", "name": organiser}
    if event.is_free:
        data["isAccessibleForFree"] = True
    if event.programme_id and event.programme.is_published:
        data["superEvent"] = {
            "@type": "EventSeries",
            "name": plain(event.programme, "name"),
            "url": absolute(event.programme.get_absolute_url(), request),
        }
    return data


def event_json_ld(event, request=None):
    """The ``<script type="application/ld+json">`` element for the event's page."""
    text = json.dumps(event_data(event, request), ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
