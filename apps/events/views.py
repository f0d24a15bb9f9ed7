"""Public pages of the events: the list (upcoming, past, a month), an event, a programme day by
day, and the calendar files."""

import datetime
from array import array
from itertools import groupby

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from apps.core import published
from apps.core.display import tfield
from apps.core.localtime import local_today
from apps.core.pagecache import accept_query, memo, render_memo
from apps.core.paginate import page_number, paginate

from . import calendars
from .display import day_label, plain, when
from .filters import PAST, EventFilterForm
from .listing import area_options, events_for, month_links
from .models import Event, Programme, local_midnight
from .structured import event_json_ld

PER_PAGE = 20
# At most this many entries in a calendar file, the soonest: months of events for any
# calendar application, and a file that stays small enough for a phone to import.
CALENDAR_LIMIT = 500


def _today_start():
    """Upcoming means "not over before today began": today's events stay listed all day, and
    the list is the same for every request of the day (so it can be kept)."""
    return local_midnight(local_today())


def _matching_ids(filters, area, programme, month):
    def build():
        events = events_for(filters, area, programme, month, _today_start())
        return array("q", events.values_list("pk", flat=True))

    return memo("events:ids", build, sorted(filters.items()), local_today().isoformat())


def _group_by_day(events):
    """``[(day label, [event, …]), …]`` by the day each event starts, in the city."""
    return [
        {"day": day, "label": day_label(day), "events": list(group)}
        for day, group in groupby(events, key=lambda event: event.start_date)
    ]


def programme_days(events):
    """A programme day by day: each day's new events, and those begun earlier still running
    (in one pass over the events and their days, however many there are)."""
    starting, running = {}, {}
    for event in events:
        first, last = event.start_date, event.end_date
        starting.setdefault(first, []).append(event)
        day = first + datetime.timedelta(days=1)
        while day <= last:
            running.setdefault(day, []).append(event)
            day += datetime.timedelta(days=1)
    return [
        {
            "day": day,
            "label": day_label(day),
            "events": starting.get(day, []),
            "running": running.get(day, []),
        }
        for day in sorted(starting.keys() | running.keys())
    ]


def event_list(request):
    form, filters = EventFilterForm.read(request.GET)
    area = form.cleaned_data.get("area")
    programme = form.programme_object()
    month = form.month_start()
    parts = (sorted(filters.items()), local_today().isoformat())
    number, page = page_number(
        request,
        "events:list",
        lambda: len(_matching_ids(filters, area, programme, month)),
        PER_PAGE,
        *parts,
    )
    accept_query(request, **filters, page=page)

    def build():
        context = paginate(
            _matching_ids(filters, area, programme, month), PER_PAGE, number, filters
        )
        page_obj = context["page_obj"]
        found = Event.objects.filter(pk__in=list(page_obj.object_list)).for_cards().in_bulk()
        page_obj.object_list = [found[pk] for pk in page_obj.object_list if pk in found]
        past = filters["when"] == PAST and not month
        context.update(
            filters=filters,
            query=filters["q"],
            selected_area=area,
            selected_programme=programme,
            month=month,
            past=past,
            days=_group_by_day(page_obj.object_list),
            area_options=area_options(area),
            programmes=list(form.programmes.values()),
            form=EventFilterForm(filters, []),
            filtered=any(v for k, v in filters.items() if k not in ("when", "month")),
            calendar_query=_calendar_query(filters),
            **month_links(month),
        )
        html = render_to_string("events/list_main.html", context, request=request)
        return {"main": html, "query": filters["q"], "month": month, "past": past}

    return render_memo(
        request, "events/list.html", "events:list", build, *parts, number, notices=form.notices()
    )


def _calendar_query(filters):
    kept = {k: v for k, v in filters.items() if v and k not in ("when", "month")}
    return urlencode(kept)


def _published_event(slug):
    return get_object_or_404(
        Event.objects.published().select_related(
            "area__parent", "space__area__parent", "programme", "club", "contest"
        ),
        slug=slug,
    )


def event_detail(request, slug):
    def build():
        event = _published_event(slug)
        photos = [photo.picture() for photo in event.photos.all()]
        programme = event.programme if event.programme and event.programme.is_published else None
        context = {
            "event": event,
            "when": when(event),
            "photos": photos,
            "programme": programme,
            "space": event.space if event.space and event.space.is_published else None,
            "club": event.club if event.club and event.club.is_published else None,
            "contest": _shown_contest(event),
            "is_over": event.ends_at < _today_start(),
            "json_ld": event_json_ld(event, request),
        }
        return {
            "title": tfield(event, "title"),
            "description": plain(event, "summary") or when(event),
            "main": render_to_string("events/detail_main.html", context, request=request),
        }

    # An unknown slug raises Http404 inside build(): nothing is kept for it. Kept per day: the
    # page says when the event is over.
    return render_memo(
        request, "events/detail.html", "events:detail", build, slug, local_today().isoformat()
    )


def _shown_contest(event):
    contest = event.contest
    if contest is None:
        return None
    shows = getattr(contest, "shows_publicly", None)
    return contest if shows is None or shows() else None


def programme_detail(request, slug):
    def build():
        programme = get_object_or_404(Programme.objects.published(), slug=slug)
        events = list(
            programme.events.published()
            .select_related("area__parent", "space__area__parent")
            .order_by("starts_at", "pk")
        )
        context = {
            "programme": programme,
            "days": programme_days(events),
            "event_count": len(events),
            "has_upcoming": any(event.ends_at >= _today_start() for event in events),
            "first": day_label(programme.starts_on),
            "last": day_label(programme.ends_on),
            "call_is_open": programme.call_is_open(),
            "calendar_query": _calendar_query({"programme": programme.slug}),
        }
        return {
            "title": tfield(programme, "name"),
            "description": plain(programme, "summary") or plain(programme, "name"),
            "main": render_to_string("events/programme_main.html", context, request=request),
        }

    return render_memo(
        request,
        "events/programme.html",
        "events:programme",
        build,
        slug,
        local_today().isoformat(),
    )


# Calendar files ------------------------------------------------------------------------------


def _calendar_response(body, filename):
    response = HttpResponse(body, content_type=calendars.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug):
    """One event's calendar file."""

    def build():
        event = _published_event(slug)
        return calendars.calendar_bytes([event], plain(event, "title"), request)

    body = memo("events:ics", build, slug)
    return _calendar_response(body, f"{slug}.ics")


def calendar_name():
    return _("Son La Learning City: events")


def calendar_body(stamp=None):
    """Every upcoming event as one calendar file: the published, unfiltered ``calendar.ics``
    (``apps.core.published`` builds it once per change and per day, in each language)."""
    events = (
        Event.objects.published()
        .upcoming(_today_start())
        .select_related("area__parent", "space__area__parent")
    )
    return calendars.calendar_bytes(events[:CALENDAR_LIMIT], calendar_name())


def calendar_refusal(form):
    """What is wrong with a calendar file's filters, one line each, in the visitor's language."""
    names = [name for name in form.fields if name in form.errors]
    if form.truncated:
        names.append("q")
    lines = [_("This calendar file cannot be made from the address you used.")]
    lines += [
        _("The value of “%(name)s” is not one the events list offers.") % {"name": name}
        for name in names
    ]
    lines.append(_("Choose the filters on the events page, then use its calendar link."))
    return "\n".join(lines) + "\n"


def calendar(request):
    """``calendar.ics``: the published file, or the list's filters applied (kept until a change)."""
    if not request.GET:
        return published.serve(request, calendars.UNFILTERED_FEED)
    form, filters = EventFilterForm.read(request.GET)
    if form.errors or form.truncated:
        # A calendar application shows no notice: refuse, saying plainly what was wrong.
        return HttpResponse(
            calendar_refusal(form), status=400, content_type="text/plain; charset=utf-8"
        )
    area = form.cleaned_data.get("area")
    programme = form.programme_object()
    month = form.month_start()
    accept_query(request, **filters)

    def build():
        ids = list(_matching_ids(filters, area, programme, month)[:CALENDAR_LIMIT])
        found = Event.objects.filter(pk__in=ids).select_related(
            "area__parent", "space__area__parent"
        )
        order = {pk: i for i, pk in enumerate(ids)}
        events = sorted(found, key=lambda event: order[event.pk])
        return calendars.calendar_bytes(events, calendar_name(), request)

    body = memo("events:calendar", build, sorted(filters.items()), local_today().isoformat())
    return _calendar_response(body, calendars.FILENAME)
