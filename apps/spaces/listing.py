"""The spaces a list, a map or a feed shows for the filters of a query string: read and
checked once, found once, in Vietnamese alphabetical order or closest match first, and kept
(``pagecache.memo``) for every page that asks the same."""

from array import array

from django.utils import translation
from django.utils.http import urlencode

from apps.core.localtime import local_now
from apps.core.pagecache import memo
from apps.core.paginate import paginate

from .forms import SpaceFilterForm
from .models import LearningSpace, facility_q
from .search import name_order, ranked

# What shows whether a space is open now is kept for the minute it was computed in, at most.
OPEN_NOW_SECONDS = 60


def minute_of(now):
    """The city minute of ``now``: part of the key of whatever says "open now".

    Opening hours are whole minutes, so a status computed at any moment of a minute holds for
    all of it; the next minute gets a fresh one.
    """
    return local_now(now).strftime("%Y-%m-%dT%H:%M")


def read_filters(request):
    """The list's filters from the query string: the form, and its valid values by name."""
    return SpaceFilterForm.read(request.GET)


def filtered_spaces(data, area, now):
    spaces = LearningSpace.objects.published()
    if data["q"]:
        spaces = spaces.search(data["q"])
    if data["kind"]:
        spaces = spaces.filter(kind=data["kind"])
    if data["facility"]:
        spaces = spaces.filter(facility_q(data["facility"]))
    if data["open"] == "now":
        spaces = spaces.open_now(now)
    return spaces


def _name_order():
    rows = LearningSpace.objects.published().rewrite(False).values_list("pk", "name_vi", "name_en")
    return array("q", name_order(rows, translation.get_language()))


def _positions():
    """Each published space's place in Vietnamese alphabetical order of its name (kept until
    the content changes: sorting 11,000 names by the Vietnamese alphabet is done once)."""
    return {pk: i for i, pk in enumerate(memo("spaces:name-order", _name_order))}


def matching_ids(filters, area, now):
    """The primary keys of the spaces the filters find, closest match to the search first,
    then in Vietnamese alphabetical order; kept for the filters (and the minute, for "open
    now"), for the list, the map and the GeoJSON alike."""

    def build():
        spaces = filtered_spaces(filters, area, now)
        if area:
            spaces = spaces.in_area(area)
        position = _positions()
        if filters["q"]:
            rows = spaces.order_by().rewrite(False).values_list("pk", "name_vi", "name_en")
            return array("q", ranked(rows, filters["q"], position))
        pks = spaces.order_by().rewrite(False).values_list("pk", flat=True)
        return array("q", sorted(pks, key=lambda pk: position.get(pk, len(position))))

    minute = minute_of(now) if filters["open"] else ""
    return memo("spaces:ids", build, sorted(filters.items()), minute)


def page_of_spaces(ids, per_page, number, filters, for_cards=True):
    """Page ``number`` of the spaces ``ids`` (in that order), with what their cards show."""
    context = paginate(ids, per_page, number, filters)
    page = context["page_obj"]
    spaces = LearningSpace.objects.filter(pk__in=list(page.object_list))
    spaces = spaces.for_cards() if for_cards else spaces.select_related("area__parent")
    found = {space.pk: space for space in spaces}
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return context


def filter_query(filters):
    return urlencode({key: value for key, value in filters.items() if value})
