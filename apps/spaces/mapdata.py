"""The map's feed with parameters: the list's filters, the visible area and the zoom, nearby
spaces grouped into clusters (``geo``), each space shown alone saying whether it is open now."""

import json

from django.db.models import FloatField
from django.db.models.functions import Cast
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.core.forms import MAX_QUERY_LENGTH
from apps.core.pagecache import accept_query, memo

from . import geo, listing
from .listing import OPEN_NOW_SECONDS, matching_ids, read_filters
from .models import LearningSpace
from .search import shown_name


def request_errors(form):
    errors = []
    if form.truncated:
        errors.append(
            _("The search is too long: at most %(n)s characters.") % {"n": MAX_QUERY_LENGTH}
        )
    for name, messages in form.errors.items():
        errors += [f"{form.fields[name].label}: {message}" for message in messages]
    return errors


def geojson_for_map(request):
    now = timezone.now()
    form, filters = read_filters(request)
    area = form.cleaned_data.get("area")
    errors = request_errors(form)
    zoom, box = geo.DEFAULT_ZOOM, None
    try:
        zoom = geo.parse_zoom(request.GET.get("zoom"))
    except geo.BadArea as error:
        errors.append(str(error))
    try:
        box = geo.parse_bbox(request.GET.get("bbox"), zoom)
    except geo.BadArea as error:
        errors.append(str(error))
    if errors:
        return JsonResponse(
            {"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    accept_query(request, **filters, zoom=request.GET.get("zoom"), bbox=request.GET.get("bbox"))
    snapped = geo.snap(box, zoom)

    def build():
        points = memo("spaces:points", _points)
        chosen = set(matching_ids(filters, area, now)) if any(filters.values()) else None
        groups, total = geo.cluster(points, chosen, snapped, zoom)
        singles = [ids[0] for ids, _lons, _lats in groups if len(ids) == 1]
        found = {
            space.pk: space
            for space in LearningSpace.objects.filter(pk__in=singles)
            .only("pk", "slug", "kind", "name_vi", "name_en", "latitude", "longitude")
            .prefetch_related("hours")
        }
        url_pattern = reverse("spaces:detail", args=["SLUG"])
        features = [
            _space_feature(found[ids[0]], now, url_pattern)
            if len(ids) == 1 and ids[0] in found
            else geo.cluster_feature(lons, lats)
            for ids, lons, lats in groups
        ]
        collection = {"type": "FeatureCollection", "features": features, "total": total}
        if box is None:
            collection["bbox"] = geo.bounds(points, chosen)
        return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))

    # "Open now" is said of each space shown alone: kept for the minute.
    body = memo(
        "spaces:geojson-map",
        build,
        sorted(filters.items()),
        zoom,
        snapped,
        listing.minute_of(now),
        timeout=OPEN_NOW_SECONDS,
    )
    return HttpResponse(body, content_type="application/geo+json")


def _points():
    rows = (
        LearningSpace.objects.published()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("pk")
        .rewrite(False)
        # As floats straight from the database: 11,000 Decimals cost more than the rest.
        .values_list("pk", Cast("longitude", FloatField()), Cast("latitude", FloatField()))
    )
    return geo.compact_points(rows.iterator(chunk_size=2000))


def _space_feature(space, now, url_pattern):
    status = space.status(now)
    return {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [float(space.longitude), float(space.latitude)],
        },
        "properties": {
            "name": shown_name(translation.get_language(), space.name_vi, space.name_en),
            "kind": space.kind,
            "kind_label": space.get_kind_display(),
            "url": url_pattern.replace("SLUG", space.slug),
            "open": status["is_open"],
            "status": status["label"],
        },
    }
