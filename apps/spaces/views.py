from django.conf import settings
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation

from apps.core.models import Area
from apps.core.paginate import paginate

from .forms import SpaceFilterForm
from .models import LearningSpace, facility_q, local_now

PER_PAGE = 20
MAP_LIST_PER_PAGE = 200
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


def space_list(request):
    areas = list(Area.objects.active())
    form = SpaceFilterForm(request.GET, areas)
    form.is_valid()  # every filter is optional; the valid ones apply, the others are reported
    data = form.cleaned_data
    now = timezone.now()

    spaces = LearningSpace.objects.published()
    if data.get("q"):
        spaces = spaces.search(data["q"])
    if data.get("kind"):
        spaces = spaces.filter(kind=data["kind"])
    if data.get("facility"):
        spaces = spaces.filter(facility_q(data["facility"]))
    if data.get("open") == "now":
        spaces = spaces.open_now(now)
    # Counts per area follow every filter but the area itself, so each option says what
    # choosing it would show.
    counts = dict(spaces.order_by().values_list("area_id").annotate(n=Count("pk")))
    area = data.get("area")
    if area:
        spaces = spaces.in_area(area)

    context = paginate(request, spaces.for_cards(), PER_PAGE)
    for space in context["page_obj"]:
        space.current = space.status(now)
    filtered = any(data.get(k) for k in ("q", "kind", "facility", "open", "area"))
    context.update(
        form=form,
        query=data.get("q", ""),
        selected_area=area,
        area_choices=_area_choices(areas, counts, area),
        notices=form.notices(),
        filtered=filtered,
    )
    return render(request, "spaces/list.html", context)


def space_detail(request, slug):
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
        "status": space.status(),
        "week": space.week(),
        "today_weekday": local_now().weekday(),
        "photos": [photo.picture() for photo in space.photos.all()],
        "nearby": nearby,
    }
    return render(request, "spaces/detail.html", context)


def space_map(request):
    spaces = (
        LearningSpace.objects.published()
        .select_related("area__parent")
        .order_by("area__parent__order", "area__parent_id", "name")
    )
    context = paginate(request, spaces, MAP_LIST_PER_PAGE)
    context["tile_url"] = settings.MAP_TILE_URL
    return render(request, "spaces/map.html", context)


def geojson(request):
    """Every published space with a location, as GeoJSON, in the language of the address."""
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
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
