"""Charts drawn on the server as SVG: no JavaScript, light, readable by screen readers.

Colours and lines are SVG attributes (not inline styles) so the Content Security Policy holds.
Every chart carries a title and a description; the page follows it with the same data as text.
"""

import datetime
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import Unit

INK, MUTED, BRAND, TARGET, PATH = "#1a1a1a", "#4a4a4a", "#0b5d3b", "#9c1f2b", "#6b6b6b"


class _Frame:
    """Maps dates and values of one commitment to points of a box."""

    def __init__(self, commitment, series, left, top, width, height):
        values = [commitment.baseline_value, commitment.target_value, *(m.value for m in series)]
        self.low = min(Decimal(0), *values)
        high = max(values)
        if high <= self.low:
            high = self.low + 1
        self.high = high + (high - self.low) * Decimal("0.08")
        self.start = datetime.date(commitment.baseline_year, 1, 1)
        last = max([commitment.path_end, *(m.valid_on for m in series)])
        self.days = max(1, (last - self.start).days)
        self.left, self.top, self.width, self.height = left, top, width, height

    def x(self, day):
        return round(self.left + self.width * (day - self.start).days / self.days, 1)

    def y(self, value):
        share = (Decimal(value) - self.low) / (self.high - self.low)
        return round(self.top + self.height * (1 - float(share)), 1)


def _points(frame, pairs):
    return " ".join(f"{frame.x(day)},{frame.y(value)}" for day, value in pairs)


def _series_points(commitment, series):
    return [(commitment.path_start, commitment.baseline_value)] + [
        (m.valid_on, m.value) for m in series
    ]


def sparkline(commitment, series, label):
    """A small trend line with the target as a thin line, for the dashboard cards."""
    frame = _Frame(commitment, series, 2, 4, 116, 28)
    target_y = frame.y(commitment.target_value)
    line = _points(frame, _series_points(commitment, series))
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
        line,
        BRAND,
    )


def chart(commitment, series, *, uid="chart"):
    """The series, the target line and the straight path from baseline to target."""
    width, height, left, top, right, bottom = 640, 300, 86, 16, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    frame = _Frame(commitment, series, left, top, plot_w, plot_h)
    fmt = commitment.format_value
    target_y = frame.y(commitment.target_value)
    parts = [
        # axes
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
            left,
            top,
            left,
            top + plot_h,
            MUTED,
        ),
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
            left,
            top + plot_h,
            left + plot_w,
            top + plot_h,
            MUTED,
        ),
        # value labels: bottom of the scale and the target
        format_html(
            '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">{}</text>',
            left - 6,
            top + plot_h + 4,
            INK,
            _axis(commitment, frame.low),
        ),
        format_html(
            '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">{}</text>',
            left - 6,
            target_y + 4,
            TARGET,
            _axis(commitment, commitment.target_value),
        ),
        # target line
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" '
            'stroke-dasharray="6 4"/>',
            left,
            left + plot_w,
            target_y,
            target_y,
            TARGET,
        ),
        # straight path from the baseline to the target
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5" '
            'stroke-dasharray="2 4"/>',
            frame.x(commitment.path_start),
            frame.y(commitment.baseline_value),
            frame.x(commitment.path_end),
            target_y,
            PATH,
        ),
    ]
    years = sorted(
        {commitment.baseline_year, commitment.target_year, *(m.valid_on.year for m in series)}
    )
    if len(years) > 7:  # keep the year labels apart on a narrow chart
        step = -(-len(years) // 6)
        years = sorted({*years[::step], commitment.baseline_year, commitment.target_year})
    parts += [
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text>',
            frame.x(datetime.date(year, 7, 1)),
            top + plot_h + 18,
            INK,
            year,
        )
        for year in years
    ]
    points = _series_points(commitment, series)
    parts.append(
        format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="3" '
            'stroke-linejoin="round"/>',
            _points(frame, points),
            BRAND,
        )
    )
    parts.append(
        format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{}: {}</title></circle>',
            (
                (frame.x(day), frame.y(value), BRAND, day.isoformat(), fmt(value))
                for day, value in points[1:]
            ),
        )
    )
    title = _("Progress of “%(title)s”") % {"title": commitment.title}
    description = _(
        "Solid line: measured values from the baseline of %(baseline)s in %(baseline_year)s. "
        "Dashed red line: the target of %(target)s by %(target_year)s. Dotted line: the straight "
        "path from the baseline to the target. The table below gives the same figures."
    ) % {
        "baseline": fmt(commitment.baseline_value),
        "baseline_year": commitment.baseline_year,
        "target": fmt(commitment.target_value),
        "target_year": commitment.target_year,
    }
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        width,
        height,
        uid,
        uid,
        uid,
        title,
        uid,
        description,
        mark_safe("".join(parts)),  # noqa: S308 - each part is built with format_html
    )


def _axis(commitment, value):
    """A short label for the value axis (a large VND amount in billions)."""
    if commitment.unit == Unit.VND and abs(value) >= 10**9:
        billions = number_format(value / 10**9, decimal_pos=0, use_l10n=True, force_grouping=True)
        return _("%(amount)s bn VND") % {"amount": billions}
    return commitment.format_value(value)
