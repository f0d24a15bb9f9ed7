"""The Atom feed of upcoming events, one per language, built in the background as a published
file (``apps.core.published``) and served as a file: a request never builds it.

It lists the published events not over by the start of the city's day, the soonest first. The
published file follows the content version and the city's date, so it is rebuilt on every
change of an event and once a day as events pass.
"""

import datetime
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import rfc3339_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from apps.core import published
from apps.core.localtime import city_zone, local_now, local_today
from apps.core.siteurl import public_base

from .models import Event

FEED = "events.atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"
FILENAME = "son-la-upcoming-events.atom"
MAX_ENTRIES = 200
# Entry ids are URNs made from the event's primary key: stable whatever the site's address
# (SITE_URL) or the event's slug and title become.
NAMESPACE = uuid.UUID("8f6d3f3e-7c1a-4b8e-9a51-2f0d8f0c5e14")


def entry_id(event_pk):
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'son-la-event:{event_pk}')}"


def _text(event, field, language):
    """The text in ``language``, else the other language's (a feed has no fallback mark)."""
    own = getattr(event, f"{field}_{language}", "") or ""
    return own or getattr(event, f"{field}_vi", "") or getattr(event, f"{field}_en", "") or ""


def when(event):
    """The event's dates and times in the feed's language ("1 October 2024, 08:00–11:00")."""
    start, end = local_now(event.starts_at), local_now(event.ends_at)
    first = date_format(start.date(), "DATE_FORMAT")
    if event.all_day:
        if start.date() == end.date():
            return first
        return f"{first} – {date_format(end.date(), 'DATE_FORMAT')}"
    if start.date() == end.date():
        return f"{first}, {start:%H:%M}–{end:%H:%M}"
    return f"{first} {start:%H:%M} – {date_format(end.date(), 'DATE_FORMAT')} {end:%H:%M}"


def _place(event, language):
    parts = []
    if event.space_id:
        parts.append(_text(event.space, "name", language))
    else:
        parts.append(_text(event, "place_name", language))
    if event.area_id:
        parts.append(_text(event.area.unit, "name", language))
    return ", ".join(part for part in parts if part)


def upcoming_events(today=None):
    """The events the feed lists: published, not over by the start of ``today``."""
    today = today or local_today()
    since = datetime.datetime.combine(today, datetime.time.min, tzinfo=city_zone())
    return (
        Event.objects.published()
        .filter(ends_at__gte=since)
        .select_related("area__parent", "space", "programme")
        .order_by("starts_at", "pk")[:MAX_ENTRIES]
    )


def build_atom(stamp):
    """The feed's bytes in the active language; ``stamp`` stands for the build time where the
    feed says when it was generated (only when it lists no event)."""
    from io import StringIO

    language = translation.get_language() or settings.LANGUAGE_CODE
    base = public_base()
    events = list(upcoming_events())
    out = StringIO()
    xml = SimplerXMLGenerator(out, "utf-8")
    xml.startDocument()
    xml.startElement("feed", {"xmlns": "http://www.w3.org/2005/Atom", "xml:lang": language})
    xml.addQuickElement("title", _("Upcoming events · Son La Learning City"))
    xml.addQuickElement("subtitle", _("Learning events in Son La City, the soonest first."))
    xml.addQuickElement("id", entry_id(f"feed:{language}"))
    xml.addQuickElement(
        "link", "", {"rel": "alternate", "type": "text/html", "href": base + reverse("events:list")}
    )
    xml.addQuickElement(
        "link",
        "",
        {"rel": "self", "type": "application/atom+xml", "href": base + reverse("events:feed")},
    )
    updated = max((event.updated_at for event in events), default=None)
    xml.addQuickElement("updated", rfc3339_date(updated) if updated else stamp)
    xml.startElement("author", {})
    xml.addQuickElement("name", _("Son La Learning City"))
    xml.endElement("author")
    for event in events:
        _entry(xml, event, language, base)
    xml.endElement("feed")
    return out.getvalue()


def _entry(xml, event, language, base):
    title = _text(event, "title", language)
    if event.is_cancelled:
        title = _("Cancelled: %(title)s") % {"title": title}
    url = base + event.get_absolute_url()
    xml.startElement("entry", {})
    xml.addQuickElement("title", title)
    xml.addQuickElement("link", "", {"rel": "alternate", "type": "text/html", "href": url})
    xml.addQuickElement("id", entry_id(event.pk))
    xml.addQuickElement("published", rfc3339_date(event.created_at))
    xml.addQuickElement("updated", rfc3339_date(event.updated_at))
    lines = [when(event)]
    place = _place(event, language)
    if place:
        lines.append(place)
    if event.programme_id:
        lines.append(_text(event.programme, "name", language))
    summary = _text(event, "summary", language)
    if summary:
        lines.append(summary)
    xml.addQuickElement("summary", " · ".join(lines), {"type": "text"})
    xml.addQuickElement(
        "category", "", {"term": event.category, "label": str(event.get_category_display())}
    )
    xml.endElement("entry")


def register():
    """Publish the feed (called from the app's ``ready()``)."""
    published.register(FEED, build_atom, content_type=CONTENT_TYPE, filename=FILENAME)


def feed(request):
    return published.serve(request, FEED)
