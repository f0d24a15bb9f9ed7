"""Charts drawn on the server as SVG: no JavaScript, light, readable by screen readers.

Colours and lines are SVG attributes (not inline styles) so the Content Security Policy holds.
Every chart carries a title and a description; the page follows it with the same data as text.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .geometry import geometry

INK, MUTED, BRAND, TARGET, PATH, GRID = (
    "#1a1a1a",
    "#4a4a4a",
    "#0b5d3b",
    "#9c1f2b",
    "#6b6b6b",
    "#e4dfd5",
)
# The chart is drawn for a phone: 340 units wide shows at about 328 px on a 360 px screen, so
# 13-unit text stays above 12 px there.
WIDTH, HEIGHT, FONT_SIZE, CHAR_WIDTH = 340, 230, 13, 7.6


class _Box:
    """Maps the shares of a Geometry onto a box of the SVG (y grows downwards)."""

    def __init__(self, left, top, width, height):
        self.left, self.top, self.width, self.height = left, top, width, height

    def x(self, share):
        return round(self.left + self.width * share, 1)

    def y(self, share):
        return round(self.top + self.height * (1 - share), 1)

    def points(self, points):
        return " ".join(f"{self.x(p.x)},{self.y(p.y)}" for p in points)


def sparkline(commitment, series, label):
    """A small trend line with the target as a thin line, for the dashboard cards."""
    shape = geometry(commitment, series)
    box = _Box(2, 4, 116, 28)
    target_y = box.y(shape.target.share)
    return format_html(
        '<svg class="sparkline" viewBox="0 0 120 36" width="120" height="36" role="img" '
        'aria-label="{}" focusable="false">'
        '<line x1="2" x2="118" y1="{}" y2="{}" stroke="{}" stroke-width="1" '
        'stroke-dasharray="3 2"/>'
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2" '
        'stroke-linejoin="round"/></svg>',
        label,
        target_y,
        target_y,
        TARGET,
        box.points(shape.points),
        BRAND,
    )


def _text(x, y, text, colour=INK, anchor="end"):
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-size="{}" fill="{}">{}</text>',
        x,
        y,
        anchor,
        FONT_SIZE,
        colour,
        text,
    )


def _line(x1, y1, x2, y2, colour, width=1, dash=""):
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{}/>',
        x1,
        y1,
        x2,
        y2,
        colour,
        width,
        format_html(' stroke-dasharray="{}"', dash) if dash else "",
    )


def chart(commitment, series, *, uid="chart"):
    """The series, the target line and the planned path from the baseline to the target."""
    shape = geometry(commitment, series)
    labels = [tick.label for tick in shape.y_ticks] + [shape.target.label]
    left = round(max(len(label) for label in labels) * CHAR_WIDTH + 10)
    # On the right, room for half of the last year's label, centred on its tick.
    box = _Box(left, 12, WIDTH - left - 22, HEIGHT - 12 - 28)
    bottom = box.y(0)
    parts = []
    for tick in shape.y_ticks:  # light grid lines with a few labelled values
        parts.append(_line(box.left, box.y(tick.share), box.x(1), box.y(tick.share), GRID))
        if tick.label:
            parts.append(_text(left - 6, box.y(tick.share) + 4, tick.label))
    parts += [
        _line(box.left, box.top, box.left, bottom, MUTED),
        _line(box.left, bottom, box.x(1), bottom, MUTED),
    ]
    if not shape.zero_based:  # a break in the axis: it does not start at 0
        parts.append(
            format_html(
                '<polyline points="{},{} {},{} {},{} {},{}" fill="none" stroke="{}"/>',
                left - 4,
                bottom - 2,
                left + 4,
                bottom - 6,
                left - 4,
                bottom - 10,
                left + 4,
                bottom - 14,
                MUTED,
            )
        )
    for tick in shape.x_ticks:
        parts.append(_line(box.x(tick.share), bottom, box.x(tick.share), bottom + 4, MUTED))
        if tick.label:
            parts.append(_text(box.x(tick.share), bottom + 21, tick.label, anchor="middle"))
    target_y = box.y(shape.target.share)
    start, end = shape.path
    parts += [
        _text(left - 6, target_y + 4, shape.target.label, TARGET),
        _line(box.left, target_y, box.x(1), target_y, TARGET, 2, "6 4"),
        _line(box.x(start.x), box.y(start.y), box.x(end.x), box.y(end.y), PATH, 1.5, "2 4"),
        format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="3" '
            'stroke-linejoin="round"/>',
            box.points(shape.points),
            BRAND,
        ),
        format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{}: {}</title></circle>',
            ((box.x(p.x), box.y(p.y), BRAND, p.day.isoformat(), p.label) for p in shape.points[1:]),
        ),
    ]
    title = _("Progress of “%(title)s”") % {"title": commitment.title}
    description = " ".join(filter(None, [describe(commitment), shape.axis_note]))
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        uid,
        uid,
        uid,
        title,
        uid,
        description,
        mark_safe("".join(parts)),  # noqa: S308 - each part is built with format_html
    )


def describe(commitment):
    """What the chart shows, in words (the SVG's description)."""
    fmt = commitment.format_value
    return _(
        "Solid line: measured values from the baseline of %(baseline)s in %(baseline_year)s. "
        "Dashed red line: the target of %(target)s by %(target_year)s. Dotted line: the planned "
        "path from the baseline to the target. The table below gives the same figures."
    ) % {
        "baseline": fmt(commitment.baseline_value),
        "baseline_year": commitment.baseline_year,
        "target": fmt(commitment.target_value),
        "target_year": commitment.target_year,
    }


def axis_note(commitment, series):
    """The sentence that says the value axis does not start at 0 ("" when it does)."""
    return geometry(commitment, series).axis_note
