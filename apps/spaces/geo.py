"""The map's data: the visible area asked for, and nearby spaces grouped into clusters.

A phone showing 50 spaces must not download 11,000: the map asks for its visible area
(``bbox``) at its zoom level, and spaces closer than a cell of ``CELL_PX`` pixels at that zoom
come as one cluster (its count and bounds; clicking it zooms in). The cells are fixed on the
world's Web Mercator grid, so panning the map never regroups what stays in view.
"""

import math
from array import array

from django.utils.translation import gettext as _

MAX_ZOOM = 19  # the tiles' deepest level
DEFAULT_ZOOM = 12  # the whole city on a phone
CLUSTER_UNTIL_ZOOM = 16  # deeper, only spaces at the very same place are grouped
CELL_PX = 64
MAX_FEATURES = 300  # clusters get coarser until a response holds at most this many features
MAX_VIEW_PX = 8192  # a bbox wider or taller than this at its zoom is no map view
MAX_LATITUDE = 85.05112878  # Web Mercator's edge


class BadArea(ValueError):
    """A ``bbox`` or ``zoom`` that cannot be used; its message is for the visitor."""


def parse_zoom(raw):
    if raw is None:
        return DEFAULT_ZOOM
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 2 and int(raw) <= MAX_ZOOM):
        raise BadArea(
            _("The zoom level must be a whole number from 0 to %(max)s.") % {"max": MAX_ZOOM}
        )
    return int(raw)


def parse_bbox(raw, zoom):
    """``west,south,east,north`` in degrees as four floats, checked; None when not asked."""
    if raw is None:
        return None
    parts = raw.split(",") if len(raw) <= 200 else []
    try:
        box = [float(part) for part in parts]
    except ValueError:
        box = []
    if len(box) != 4 or not all(math.isfinite(v) for v in box):
        raise BadArea(
            _("The map area (bbox) must be four numbers: west, south, east, north, in degrees.")
        )
    west, south, east, north = box
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise BadArea(
            _(
                "The map area (bbox) must have west before east (from -180 to 180) and south "
                "before north (from -90 to 90)."
            )
        )
    south, north = max(south, -MAX_LATITUDE), min(north, MAX_LATITUDE)
    x0, y0 = world_xy(west, north)
    x1, y1 = world_xy(east, south)
    size = 256 * 2**zoom
    if max(x1 - x0, y1 - y0) * size > MAX_VIEW_PX:
        raise BadArea(_("The map area (bbox) is too large for this zoom level."))
    return west, south, east, north


def snap(box, zoom):
    """``box`` widened to a grid of a quarter tile at ``zoom``: maps that show nearly the same
    area share one answer (and a little more than the view is sent, for panning)."""
    if box is None:
        return None
    step = 360 / 2**zoom / 4
    west, south, east, north = box
    return (
        max(-180.0, round(math.floor(west / step) * step, 9)),
        max(-90.0, round(math.floor(south / step) * step, 9)),
        min(180.0, round(math.ceil(east / step) * step, 9)),
        min(90.0, round(math.ceil(north / step) * step, 9)),
    )


def world_xy(lon, lat):
    """Web Mercator position of a point, from 0 to 1 on both axes (north-west corner 0, 0)."""
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
    sine = math.sin(math.radians(lat))
    return (lon + 180) / 360, 0.5 - math.log((1 + sine) / (1 - sine)) / (4 * math.pi)


def compact_points(rows):
    """(pk, longitude, latitude) rows as arrays, with their Web Mercator positions: small to
    keep and quick to read back for every request."""
    points = {key: array("d") for key in ("lon", "lat", "x", "y")}
    points["ids"] = array("q")
    for pk, longitude, latitude in rows:
        lon, lat = float(longitude), float(latitude)
        x, y = world_xy(lon, lat)
        points["ids"].append(pk)
        for key, value in zip(("lon", "lat", "x", "y"), (lon, lat, x, y), strict=True):
            points[key].append(value)
    return points


def _cells(points, chosen, box, cells_per_side):
    grid = {}
    ids, lons, lats, xs, ys = (points[k] for k in ("ids", "lon", "lat", "x", "y"))
    west, south, east, north = box or (-180, -90, 180, 90)
    for i, pk in enumerate(ids):
        if chosen is not None and pk not in chosen:
            continue
        lon, lat = lons[i], lats[i]
        if not (west <= lon <= east and south <= lat <= north):
            continue
        cell = (int(xs[i] * cells_per_side), int(ys[i] * cells_per_side))
        grid.setdefault(cell, []).append(i)
    return grid


def cluster(points, chosen, box, zoom):
    """Groups of the points in ``box`` (and in ``chosen``, a set of primary keys, if given).

    Returns a list of (primary keys, longitudes, latitudes) per group, and the number of
    points found. Cells are CELL_PX pixels at ``zoom`` (a pixel when deeper than
    CLUSTER_UNTIL_ZOOM), doubled until at most MAX_FEATURES groups remain.
    """
    cell_px = CELL_PX if zoom <= CLUSTER_UNTIL_ZOOM else 1
    cells_per_side = 256 * 2**zoom / cell_px
    grid = _cells(points, chosen, box, cells_per_side)
    while len(grid) > MAX_FEATURES:
        cells_per_side /= 2
        grid = _cells(points, chosen, box, cells_per_side)
    ids, lons, lats = points["ids"], points["lon"], points["lat"]
    groups = [
        ([ids[i] for i in members], [lons[i] for i in members], [lats[i] for i in members])
        for _cell, members in sorted(grid.items())
    ]
    return groups, sum(len(members) for members in grid.values())


def cluster_feature(lons, lats):
    """A cluster as a GeoJSON feature: at its points' mean, with their count and bounds."""
    count = len(lons)
    return {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [round(sum(lons) / count, 6), round(sum(lats) / count, 6)],
        },
        "properties": {
            "cluster": True,
            "count": count,
            "bounds": [min(lons), min(lats), max(lons), max(lats)],
        },
    }


def bounds(points, chosen):
    """[west, south, east, north] of the points in ``chosen`` (every point when None)."""
    ids, lons, lats = points["ids"], points["lon"], points["lat"]
    picked = [i for i, pk in enumerate(ids) if chosen is None or pk in chosen]
    if not picked:
        return None
    return [
        min(lons[i] for i in picked),
        min(lats[i] for i in picked),
        max(lons[i] for i in picked),
        max(lats[i] for i in picked),
    ]
