import json

from django.conf import settings
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from apps.core.display import number, tfield
from apps.core.localtime import local_now
from apps.core.models import Area
from apps.core.pagecache import accept_query, memo, render_memo
from apps.core.paginate import page_number, paginate

from .forms import SpaceFilterForm
from .models import LearningSpace, facility_q

PER_PAGE = 20
MAP_LIST_PER_PAGE = 200
NEARBY_COUNT = 8
# What shows whether a space is open now is kept for the minute it was computed in, at most.
OPEN_NOW_SECONDS = 60


def _minute(now):
    """The city minute of ``now``: part of the key of whatever says "open now".

    Opening hours are whole minutes, so a status computed at any moment of a minute holds for
    all of it; the next minute gets a fresh one.
    """
    return local_now(now).strftime("%Y-%m-%dT%H:%M")


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


def _filters(request):
    """The list's filters from the query string: the form, and its valid values by name."""
    # The form checks the area asked for, if any (one small query, uncached pages only); the
    # list of every area is needed only to build the page, inside the memo.
    slug = request.GET.get("area", "")[:80]
    valid = slug.isascii() and slug.replace("-", "").replace("_", "").isalnum()
    asked = list(Area.objects.active().filter(slug=slug)) if valid else []
    form = SpaceFilterForm(request.GET, asked)
    form.is_valid()  # every filter is optional; the valid ones apply, the others are reported
    data = form.cleaned_data
    area = data.get("area")
    filters = {
        "q": data.get("q", ""),
        "area": area.slug if area else "",
        "kind": data.get("kind", ""),
        "facility": data.get("facility", ""),
        "open": data.get("open", ""),
    }
    return form, filters


def _filtered_spaces(data, area, now):
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


def space_list(request):
    now = timezone.now()
    form, filters = _filters(request)
    area = form.cleaned_data.get("area")
    minute = _minute(now)
    parts = (sorted(filters.items()), minute)

    def count():
        spaces = _filtered_spaces(filters, area, now)
        return (spaces.in_area(area) if area else spaces).count()

    number, page = page_number(request, "spaces:list", count, PER_PAGE, *parts)
    accept_query(request, **filters, page=page)

    def build():
        areas = list(Area.objects.active())
        spaces = _filtered_spaces(filters, area, now)
        # Counts per area follow every filter but the area itself, so each option says what
        # choosing it would show.
        counts = dict(spaces.order_by().values_list("area_id").annotate(n=Count("pk")))
        if area:
            spaces = spaces.in_area(area)
        context = paginate(spaces.for_cards(), PER_PAGE, number, filters)
        for space in context["page_obj"]:
            space.current = space.status(now)
        context.update(
            filters=filters,
            query=filters["q"],
            selected_area=area,
            area_options=_area_options(_area_choices(areas, counts, area), area),
            # The form as the valid filters fill it (never the raw query string).
            form=SpaceFilterForm(filters, []),
            filtered=any(filters.values()),
        )
        html = render_to_string("spaces/list_main.html", context, request=request)
        return {"main": html, "query": filters["q"]}

    # The whole list follows from the valid filters, the page and, for "open now", the
    # minute: it is rendered once for every visitor who asks the same. What could not be used
    # of the query string is said per request, outside what is kept.
    return render_memo(
        request,
        "spaces/list.html",
        "spaces:list",
        build,
        *parts,
        number,
        timeout=OPEN_NOW_SECONDS,
        notices=form.notices(),
    )


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
        nearby = (
            LearningSpace.objects.published()
            .in_area(unit)
            .exclude(pk=space.pk)
            .select_related("area")
            .order_by("name")[:NEARBY_COUNT]
        )
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
        _minute(now),
        timeout=OPEN_NOW_SECONDS,
    )


def _map_spaces():
    return (
        LearningSpace.objects.published()
        .select_related("area__parent")
        .order_by("area__parent__order", "area__parent_id", "name")
    )


def space_map(request):
    number, page = page_number(request, "spaces:map", _map_spaces().count, MAP_LIST_PER_PAGE)
    accept_query(request, page=page)

    def build():
        context = paginate(_map_spaces(), MAP_LIST_PER_PAGE, number)
        context["tile_url"] = settings.MAP_TILE_URL
        return render_to_string("spaces/map_main.html", context, request=request)

    # No "open now" here: the list changes only with the content (or the page asked for).
    return render_memo(request, "spaces/map.html", "spaces:map", build, number)


def geojson(request):
    """Every published space with a location, as GeoJSON, in the language of the address."""
    body = memo("spaces:geojson", _geojson_body)
    return HttpResponse(body, content_type="application/geo+json")


def _geojson_body():
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
