"""Keep a record of every change to an event, its photos and the programmes (core's ``track``)."""

from apps.core.history import track

from .models import Change, Event, EventPhoto, Programme, ProgrammeChange


def _event_of(instance):
    return instance if isinstance(instance, Event) else instance.event


track(Event, Change, owner_field="event", owner=_event_of, ignore=("search_text", "updated_at"))
track(EventPhoto, Change, owner_field="event", owner=_event_of)
track(
    Programme,
    ProgrammeChange,
    owner_field="programme",
    owner=lambda programme: programme,
    ignore=("updated_at",),
)
