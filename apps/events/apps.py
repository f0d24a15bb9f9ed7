from django.utils.translation import gettext_lazy as _

from apps.core.apps import PortalAppConfig

HOME_EVENTS = 4
RELATED_EVENTS = 5


class EventsConfig(PortalAppConfig):
    name = "apps.events"
    label = "events"
    verbose_name = _("Events")
    nav_label = _("Events")
    nav_url_name = "events:list"
    nav_order = 40
    description = _("Learning events and the programmes that group them")
    home_template = "events/home_section.html"

    def ready(self):
        from apps.core import published

        from . import calendars, history, signals, views  # noqa: F401 (history, signals connect)

        # The unfiltered calendar of upcoming events, built once per change and per day in the
        # background, served as a file.
        published.register(
            calendars.UNFILTERED_FEED,
            views.calendar_body,
            content_type=calendars.CONTENT_TYPE,
            filename=calendars.FILENAME,
        )
        # The Atom feed of upcoming events, published the same way.
        from . import feeds

        feeds.register()

    def home_context(self, request):
        from .upcoming import upcoming_events

        events = list(upcoming_events(None, limit=HOME_EVENTS))
        # The programmes of the events shown (already loaded with them: no extra query).
        programmes = {e.programme.pk: e.programme for e in events if e.programme_id}
        return {
            "events": events,
            "programmes": [p for p in programmes.values() if p.is_published],
        }

    def workspace_entries(self, user):
        """Events of the official's areas and clubs, and the proposals waiting for them."""
        from django.urls import reverse
        from django.utils.translation import ngettext

        from .proposals import may_create_events, proposals_for

        entries = []
        if may_create_events(user):
            entries.append(
                {
                    "title": _("Events"),
                    "url": reverse("events:workspace_list"),
                    "description": _("Add and edit the events of your areas and clubs."),
                }
            )
        proposals = proposals_for(user)
        if proposals.exists():
            waiting = proposals.waiting().count()
            description = _("Proposals sent to the programmes' calls for events.")
            if waiting:
                description = ngettext(
                    "%(count)s event proposal waiting for a decision.",
                    "%(count)s event proposals waiting for a decision.",
                    waiting,
                ) % {"count": waiting}
            entries.append(
                {
                    "title": _("Event proposals"),
                    "url": reverse("events:workspace_proposals"),
                    "description": description,
                }
            )
        return entries

    def related(self, obj):
        """Upcoming events of a learning space, a club or a contest, for its page."""
        from .upcoming import related_events

        events = related_events(obj, RELATED_EVENTS)
        if not events:
            return []
        return [
            {
                "title": _("Upcoming events"),
                "links": [
                    {"url": event.get_absolute_url(), "object": event, "text": event.link_text()}
                    for event in events
                ],
            }
        ]

    def search_kinds(self):
        from apps.core.search import SearchKind

        from .search_kind import find_events

        return [SearchKind("events", _("Events"), find_events, order=self.nav_order)]

    def sitemaps(self):
        from .sitemaps import EventPagesSitemap, EventsSitemap, ProgrammesSitemap

        return {
            "events": EventsSitemap,
            "programmes": ProgrammesSitemap,
            "events-pages": EventPagesSitemap,
        }
