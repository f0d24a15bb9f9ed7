"""What the events list shows for its filters: the events, the area choices, the month links."""

import datetime

from django.utils.html import escape
from django.utils.safestring import mark_safe

from apps.core.models import Area
from apps.core.pagecache import memo

from .display import plain
from .filters import PAST
from .models import Event


def events_for(filters, area, programme, month, today_start):
    """The published events the filters select, in the order the list shows them.

    A month shows every event running in it, by start; otherwise upcoming events (not over
    before today began) come soonest first, past ones latest first.
    """
    events = Event.objects.published()
    if filters["q"]:
        events = events.search(filters["q"])
    if area:
        events = events.in_area(area)
    if filters["category"]:
        events = events.filter(category=filters["category"])
    if programme:
        events = events.filter(programme=programme)
    if month:
        return events.in_month(month.year, month.month)
    if filters["when"] == PAST:
        return events.past(today_start)
    return events.upcoming(today_start)


def _area_rows():
    """Wards and communes, each followed by its villages and groups that hold events."""

    def build():
        areas = Area.objects.active().in_vietnamese_order()
        with_events = set(
            Event.objects.published().exclude(area=None).values_list("area_id", flat=True)
        )
        rows = []
        for unit in (a for a in areas if a.parent_id is None):
            rows.append((unit, False))
            rows += [(a, True) for a in areas if a.parent_id == unit.pk and a.pk in with_events]
        return rows

    return memo("events:area-rows", build)


def area_options(selected):
    """The ``<option>``s of the area filter, the selected one marked."""
    options = []
    for area, indented in _area_rows():
        options.append(
            '<option value="{}"{}>{}{}</option>'.format(
                escape(area.slug),
                " selected" if selected and area.pk == selected.pk else "",
                "&nbsp;&nbsp;– " if indented else "",
                escape(plain(area, "name")),
            )
        )
    return mark_safe("\n".join(options))  # noqa: S308 - the slug and the name are escaped


def _shift(month, months):
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_links(month):
    """The month shown and its neighbours, for the month view's navigation."""
    if not month:
        return {}
    return {
        "previous_month": _shift(month, -1),
        "next_month": _shift(month, 1),
    }
