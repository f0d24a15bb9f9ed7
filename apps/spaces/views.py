import json
from array import array

from django.conf import settings
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from apps.core import published
from apps.core.display import number, tfield
from apps.core.localtime import local_now
from apps.core.middleware import PERMISSIONS_POLICY
from apps.core.models import Area
from apps.core.pagecache import accept_query, memo, render_memo
from apps.core.paginate import page_number

from . import geo, listing, mapdata
from .forms import SpaceFilterForm
from .listing import (
    OPEN_NOW_SECONDS,
    filter_query,
    filtered_spaces,
    matching_ids,
    page_of_spaces,
    read_filters,
)
from .models import LearningSpace

GEOJSON_FEED = "spaces.geojson"

PER_PAGE = 20
MAP_LIST_PER_PAGE = 200
LIST_PERMISSIONS_POLICY = PERMISSIONS_POLICY.replace("geolocation=()", "geolocation=(self)")
NEARBY_COUNT = 8


def _area_choices(areas, counts, selected=None):
    """Wards and communes, each followed by its villages and groups, with their space counts."""
    children = {}
    for area in areas:
        if area.parent_id:
            children.setdefault(area.parent_id, []).append(area)
    choices = []
    for unit in (a for a in areas if a.parent_id is None):
        localities = children.get(unit.pk, [])
        total = counts.get(unit.pk, 0) + sum(counts.get(a.pk, 0) for a in localities)
        choices.append({"area": unit, "count": total, "is_unit": True})
        choices += [
            {"area": a, "count": counts.get(a.pk, 0), "is_unit": False}
            for a in localities
            if counts.get(a.pk) or a == selected
        ]
    return choices


def _area_options(choices, selected):
    """The area choices as ``<option>`` elements (joined here: a template loop costs more)."""
    options = []
    for choice in choices:
        area, count = choice["area"], choice["count"]
        options.append(
            '<option value="{}"{}>{}{} ({})</option>\n        '.format(
                escape(area.slug),
                " selected" if area == selected else "",
                "" if choice["is_unit"] else "&nbsp;&nbsp;– ",
                escape(area.name),
                count if count < 1000 else number(count),  # small counts need no grouping
            )
        )
    return mark_safe("".join(options))  # noqa: S308 - the slug and the name are escaped


def space_list(request):
    now = timezone.now()
    form, filters = read_filters(request)
    area = form.cleaned_data.get("area")
    minute = listing.minute_of(now)
    parts = (sorted(filters.items()), minute)

    def count():
        return len(matching_ids(filters, area, now))

    number, page = page_number(request, "spaces:list", count, PER_PAGE, *parts)
    accept_query(request, **filters, page=page)

    def build():
        areas = Area.objects.active().in_vietnamese_order()
        spaces = filtered_spaces(filters, area, now)
        # Counts per area follow every filter but the area itself, so each option says what
        # choosing it would show.
        counts = dict(spaces.order_by().values_list("area_id").annotate(n=Count("pk")))
        context = page_of_spaces(matching_ids(filters, area, now), PER_PAGE, number, filters)
        for space in context["page_obj"]:
            space.current = space.status(now)
        filtered = any(filters.values())
        context.update(
            filters=filters,
            query=filters["q"],
            selected_area=area,
            area_options=_area_options(_area_choices(areas, counts, area), area),
            # The form as the valid filters fill it (never the raw query string).
            form=SpaceFilterForm(filters, []),
            filtered=filtered,
            # Open on wide screens, and on phones once a filter is chosen (CSS shows it open
            # on wide screens whatever this says).
            filters_open=any(filters[k] for k in ("area", "kind", "facility")),
            filter_query=filter_query(filters),
        )
        html = render_to_string("spaces/list_main.html", context, request=request)
        return {"main": html, "query": filters["q"]}

    # The whole list follows from the valid filters, the page and, for "open now", the
    # minute: it is rendered once for every visitor who asks the same. What could not be used
    # of the query string is said per request, outside what is kept.
    response = render_memo(
        request,
        "spaces/list.html",
        "spaces:list",
        build,
        *parts,
        number,
        timeout=OPEN_NOW_SECONDS,
        notices=form.notices(),
    )
    # "Nearest to me first" asks the browser for the location (on click, used in the page
    # only, js/spaces-near.js): this page alone may ask; every other refuses it.
    response["Permissions-Policy"] = LIST_PERMISSIONS_POLICY
    return response


def space_detail(request, slug):
    now = timezone.now()

    def build():
        space = get_object_or_404(
            LearningSpace.objects.published()
            .select_related("area__parent")
            .prefetch_related("hours", "photos"),
            slug=slug,
        )
        unit = space.area.unit
        # The first others of its ward or commune in the list's order (Vietnamese alphabet).
        in_unit = dict.fromkeys(("q", "kind", "facility", "open"), "") | {"area": unit.slug}
        ids = [pk for pk in matching_ids(in_unit, unit, now) if pk != space.pk][:NEARBY_COUNT]
        found = {other.pk: other for other in LearningSpace.objects.filter(pk__in=ids)}
        nearby = [found[pk] for pk in ids if pk in found]
        context = {
            "space": space,
            "unit": unit,
            "status": space.status(now),
            "week": space.week(),
            "today_weekday": local_now(now).weekday(),
            "photos": [photo.picture() for photo in space.photos.all()],
            "nearby": nearby,
        }
        area = space.area
        description = f"{space.get_kind_display()} · {area.name}"
        if area.parent:
            description += f", {area.parent.name}"
        return {
            "title": tfield(space, "name"),
            "description": description,
            "main": render_to_string("spaces/detail_main.html", context, request=request),
        }

    # An unknown slug raises Http404 inside build(): nothing is kept for it.
    return render_memo(
        request,
        "spaces/detail.html",
        "spaces:detail",
        build,
        slug,
        listing.minute_of(now),
        timeout=OPEN_NOW_SECONDS,
    )


def _by_unit(ids):
    """``ids`` grouped by ward or commune (in their order), each group in the order given."""
    units = {a.pk: i for i, a in enumerate(Area.objects.units().in_vietnamese_order())}
    published = LearningSpace.objects.published().rewrite(False)
    unit_of = dict(published.values_list("pk", "area__parent_id"))
    place = {pk: i for i, pk in enumerate(ids)}
    return array(
        "q", sorted(ids, key=lambda pk: (units.get(unit_of.get(pk), len(units)), place[pk]))
    )


def space_map(request):
    """The map, with the list's filters (kept in the GeoJSON it asks for), and the same
    spaces listed under it by ward and commune, for phones without JavaScript."""
    now = timezone.now()
    form, filters = read_filters(request)
    area = form.cleaned_data.get("area")
    parts = (sorted(filters.items()), listing.minute_of(now) if filters["open"] else "")

    def ids():
        return memo("spaces:map-ids", lambda: _by_unit(matching_ids(filters, area, now)), *parts)

    number, page = page_number(request, "spaces:map", lambda: len(ids()), MAP_LIST_PER_PAGE, *parts)
    accept_query(request, **filters, page=page)

    def build():
        context = page_of_spaces(ids(), MAP_LIST_PER_PAGE, number, filters, for_cards=False)
        query = filter_query(filters)
        context.update(
            tile_url=settings.MAP_TILE_URL,
            filters=filters,
            filtered=any(filters.values()),
            selected_area=area,
            filter_query=query,
            geojson_url=reverse("spaces:geojson")
            + "?"
            + (query or "zoom=" + str(geo.DEFAULT_ZOOM)),
        )
        return render_to_string("spaces/map_main.html", context, request=request)

    return render_memo(
        request,
        "spaces/map.html",
        "spaces:map",
        build,
        *parts,
        number,
        timeout=OPEN_NOW_SECONDS,
        notices=form.notices(),
    )


def geojson(request):
    """Published spaces with a location, as GeoJSON, in the language of the address.

    Without a query string: every space, a file built once per change (``geojson_body()``). With
    one: the list's filters, the visible area (``bbox``) and the ``zoom`` of the map, nearby
    spaces grouped into clusters.
    """
    if not request.GET:
        return published.serve(request, GEOJSON_FEED)
    return mapdata.geojson_for_map(request)


def geojson_body(stamp=None):
    """Every published space with a location: the unfiltered feed, built in the background
    (``apps.core.published``) once per change; it says no build time, so ``stamp`` is unused."""
    language = translation.get_language()
    kinds = dict(LearningSpace.Kind.choices)
    # One reverse() for all: the detail address differs only by the slug.
    url_pattern = reverse("spaces:detail", args=["SLUG"])
    rows = (
        LearningSpace.objects.published()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("pk")
        .values_list("slug", "name_vi", "name_en", "kind", "latitude", "longitude")
    )
    features = []
    for slug, name_vi, name_en, kind, latitude, longitude in rows.iterator(chunk_size=2000):
        name = (name_en if language == "en" else name_vi) or name_vi or name_en
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
                "properties": {
                    "name": name,
                    "kind": kind,
                    "kind_label": str(kinds.get(kind, kind)),
                    "url": url_pattern.replace("SLUG", slug),
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
