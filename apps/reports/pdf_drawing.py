"""The drawings of the PDF report: a progress bar and a commitment's chart.

The chart is drawn from the same geometry as the web page's SVG
(apps.commitments.geometry): same range of dates and values, same ticks, same labels.
"""

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from apps.commitments.geometry import geometry
from apps.commitments.models import Status

BRAND = colors.HexColor("#0b5d3b")
ACCENT = colors.HexColor("#9c1f2b")
MUTED = colors.HexColor("#4a4a4a")
LINE = colors.HexColor("#d6d0c4")
GRID = colors.HexColor("#e4dfd5")
STATUS_COLOURS = {
    Status.ACHIEVED: colors.HexColor("#1d6b33"),
    Status.ON_TRACK: colors.HexColor("#1d6b33"),
    Status.AT_RISK: colors.HexColor("#8a5300"),
    Status.OFF_TRACK: colors.HexColor("#a4161a"),
    Status.NO_DATA: MUTED,
}
FONT, BOLD = "PortalSans", "PortalSans-Bold"
LABEL_SIZE = 8
CHAR_WIDTH = 0.58 * LABEL_SIZE  # DejaVu Sans digits and signs, a little generously


def progress_bar(progress, status, width=160 * mm, height=5 * mm):
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.HexColor("#eeeae2"), strokeColor=LINE))
    share = float(progress or 0) / 100
    if share > 0:
        drawing.add(
            Rect(0, 0, width * share, height, fillColor=STATUS_COLOURS[status], strokeColor=None)
        )
    return drawing


def _label(x, y, text, colour=MUTED, anchor="end"):
    return String(
        x, y, text, fontName=FONT, fontSize=LABEL_SIZE, fillColor=colour, textAnchor=anchor
    )


def trend_chart(commitment, series, width=160 * mm, height=55 * mm):
    """Measured values, the target line and the planned path from the baseline to it."""
    shape = geometry(commitment, series)
    drawing = Drawing(width, height)
    labels = [tick.label for tick in shape.y_ticks] + [shape.target.label]
    left = max(len(label) for label in labels) * CHAR_WIDTH + 6
    # The right edge leaves room for half of the last year's label, centred on its tick.
    bottom, right, top = 6 * mm, width - 6 * mm, height - 3 * mm

    def x(share):
        return left + share * (right - left)

    def y(share):
        return bottom + share * (top - bottom)

    for tick in shape.y_ticks:
        drawing.add(Line(left, y(tick.share), right, y(tick.share), strokeColor=GRID))
        if tick.label:
            drawing.add(_label(left - 3, y(tick.share) - 2.5, tick.label))
    drawing.add(Line(left, bottom, right, bottom, strokeColor=MUTED, strokeWidth=0.5))
    drawing.add(Line(left, bottom, left, top, strokeColor=MUTED, strokeWidth=0.5))
    if not shape.zero_based:  # a break in the axis: it does not start at 0
        zigzag = [left - 2, bottom + 1, left + 2, bottom + 3, left - 2, bottom + 5, left + 2]
        drawing.add(PolyLine([*zigzag, bottom + 7], strokeColor=MUTED, strokeWidth=0.5))
    for tick in shape.x_ticks:
        drawing.add(Line(x(tick.share), bottom, x(tick.share), bottom - 2, strokeColor=MUTED))
        if tick.label:
            # Low enough to stay clear of the lowest value label beside the axis.
            drawing.add(_label(x(tick.share), bottom - 13, tick.label, anchor="middle"))
    target_y = y(shape.target.share)
    drawing.add(_label(left - 3, target_y - 2.5, shape.target.label, ACCENT))
    drawing.add(
        Line(
            left,
            target_y,
            right,
            target_y,
            strokeColor=ACCENT,
            strokeWidth=0.8,
            strokeDashArray=[3, 2],
        )
    )
    start, end = shape.path
    drawing.add(
        Line(
            x(start.x),
            y(start.y),
            x(end.x),
            y(end.y),
            strokeColor=colors.grey,
            strokeWidth=0.6,
            strokeDashArray=[1, 2],
        )
    )
    if len(shape.points) > 1:
        flat = [coordinate for p in shape.points for coordinate in (x(p.x), y(p.y))]
        drawing.add(PolyLine(flat, strokeColor=BRAND, strokeWidth=1.4))
    for p in shape.points[1:]:
        drawing.add(Rect(x(p.x) - 1.5, y(p.y) - 1.5, 3, 3, fillColor=BRAND, strokeColor=None))
    return drawing
