"""The report as a PDF (ReportLab), in the language that is active while it renders.

ReportLab's built-in fonts have no Vietnamese letters (ố, ậ, ơ …), so a TrueType font that
covers them (DejaVu Sans) is embedded.
"""

import datetime
import io
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from apps.commitments.models import Status

BRAND = colors.HexColor("#0b5d3b")
ACCENT = colors.HexColor("#9c1f2b")
MUTED = colors.HexColor("#4a4a4a")
LINE = colors.HexColor("#d6d0c4")
STATUS_COLOURS = {
    Status.ACHIEVED: colors.HexColor("#1d6b33"),
    Status.ON_TRACK: colors.HexColor("#1d6b33"),
    Status.AT_RISK: colors.HexColor("#8a5300"),
    Status.OFF_TRACK: colors.HexColor("#a4161a"),
    Status.NO_DATA: MUTED,
}
FONT, BOLD = "PortalSans", "PortalSans-Bold"


def _register_fonts():
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(settings.REPORT_FONT_DIR)
    regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
    if not regular.exists() or not bold.exists():
        raise ImproperlyConfigured(
            f"REPORT_FONT_DIR ({folder}) has no DejaVuSans.ttf: install fonts-dejavu-core"
        )
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _styles():
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName=BOLD, fontSize=22, leading=28, textColor=BRAND, spaceAfter=8
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=BOLD,
            fontSize=15,
            leading=19,
            textColor=BRAND,
            spaceBefore=10,
            spaceAfter=6,
        ),
        "h3": ParagraphStyle(
            "h3", parent=base, fontName=BOLD, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4
        ),
        "cover": ParagraphStyle("cover", parent=base, fontSize=13, leading=19, alignment=TA_CENTER),
        "cover_title": ParagraphStyle(
            "cover_title",
            parent=base,
            fontName=BOLD,
            fontSize=26,
            leading=32,
            alignment=TA_CENTER,
            textColor=BRAND,
        ),
    }


def _p(text, style):
    return Paragraph(escape(str(text)), style)


def _date(value):
    return date_format(value, "DATE_FORMAT", use_l10n=True)


def _percent(value):
    if value is None:
        return "—"
    return f"{number_format(value, decimal_pos=1, use_l10n=True)}%"


def progress_bar(progress, status, width=160 * mm, height=5 * mm):
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.HexColor("#eeeae2"), strokeColor=LINE))
    share = float(progress or 0) / 100
    if share > 0:
        drawing.add(
            Rect(0, 0, width * share, height, fillColor=STATUS_COLOURS[status], strokeColor=None)
        )
    return drawing


def _year_fraction(day):
    start = datetime.date(day.year, 1, 1)
    return day.year + (day - start).days / 365.25


def trend_chart(commitment, series, width=160 * mm, height=55 * mm):
    """Measured values, the target line and the straight path from the baseline to it."""
    drawing = Drawing(width, height)
    left, bottom, right, top = 22 * mm, 8 * mm, width - 4 * mm, height - 4 * mm
    start_x = commitment.baseline_year + 1.0
    points = [(_year_fraction(m.valid_on), float(m.value)) for m in series]
    end_x = max([commitment.target_year + 1.0] + [x for x, _y in points])
    values = [float(commitment.baseline_value), float(commitment.target_value)]
    values += [y for _x, y in points]
    low, high = min(values), max(values)
    if high == low:
        high = low + 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad

    def x(value):
        return left + (value - start_x) / (end_x - start_x) * (right - left)

    def y(value):
        return bottom + (value - low) / (high - low) * (top - bottom)

    drawing.add(Line(left, bottom, right, bottom, strokeColor=MUTED, strokeWidth=0.5))
    drawing.add(Line(left, bottom, left, top, strokeColor=MUTED, strokeWidth=0.5))
    for year in range(int(start_x), int(end_x) + 1):
        drawing.add(
            String(
                x(year),
                bottom - 6.5,
                str(year),
                fontName=FONT,
                fontSize=6.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    for value in (low + pad, high - pad):
        label = commitment.format_value(Decimal(str(round(value, 2))))
        drawing.add(
            String(
                left - 2,
                y(value) - 2,
                label,
                fontName=FONT,
                fontSize=6.5,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
    target = float(commitment.target_value)
    drawing.add(
        Line(
            left,
            y(target),
            right,
            y(target),
            strokeColor=ACCENT,
            strokeWidth=0.8,
            strokeDashArray=[3, 2],
        )
    )
    drawing.add(
        String(
            right,
            y(target) + 2,
            _("target"),
            fontName=FONT,
            fontSize=6.5,
            fillColor=ACCENT,
            textAnchor="end",
        )
    )
    drawing.add(
        Line(
            x(start_x),
            y(float(commitment.baseline_value)),
            x(commitment.target_year + 1.0),
            y(target),
            strokeColor=colors.grey,
            strokeWidth=0.6,
            strokeDashArray=[1, 2],
        )
    )
    if points:
        flat = [coordinate for px, py in points for coordinate in (x(px), y(py))]
        if len(points) > 1:
            drawing.add(PolyLine(flat, strokeColor=BRAND, strokeWidth=1.4))
        for px, py in points:
            drawing.add(Rect(x(px) - 1.5, y(py) - 1.5, 3, 3, fillColor=BRAND, strokeColor=None))
    return drawing


def _footer(title):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(18 * mm, 10 * mm, title)
        canvas.drawRightString(
            A4[0] - 18 * mm, 10 * mm, _("Page %(number)s") % {"number": doc.page}
        )
        canvas.restoreState()

    return draw


def _table(data, widths, header=True):
    table = Table(data, colWidths=widths, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style += [("FONT", (0, 0), (-1, 0), BOLD, 9), ("TEXTCOLOR", (0, 0), (-1, 0), BRAND)]
    table.setStyle(TableStyle(style))
    return table


def _generated(content, s):
    when = date_format(content.generated_at, "DATETIME_FORMAT", use_l10n=True)
    return _p(_("Generated at %(time)s") % {"time": when}, s["small"])


def _cover(report, content, s):
    return [
        Spacer(1, 50 * mm),
        _p(_("Son La Learning City"), s["cover_title"]),
        Spacer(1, 6 * mm),
        _p(_("Progress report on the city's learning city commitments"), s["cover"]),
        _p(_("As of %(date)s") % {"date": _date(report.reporting_date)}, s["cover"]),
        _p(_("Scope: %(scope)s") % {"scope": report.scope_label()}, s["cover"]),
        Spacer(1, 20 * mm),
        _p(
            _("Member of the UNESCO Global Network of Learning Cities since 14 February 2024."),
            s["cover"],
        ),
        _p(
            _("Lifelong learning, sustainable culture, bright future, deep integration"), s["cover"]
        ),
        Spacer(1, 30 * mm),
        _generated(content, s),
        PageBreak(),
    ]


def _summary(content, s):
    story = [_p(_("Summary"), s["h1"]), _p(_("The city"), s["h2"])]
    figures = []
    for figure in content.figures:
        value = number_format(figure.value, decimal_pos=0, use_l10n=True, force_grouping=True)
        figures.append([_p(figure.label, s["body"]), _p(f"{value} {figure.unit}", s["body"])])
    if figures:
        story.append(_table(figures, [110 * mm, 50 * mm], header=False))

    counts = {status: sum(r.status == status for r in content.rows) for status in Status.values}
    overview = _(
        "%(count)s commitments: %(achieved)s achieved, %(on_track)s on track, "
        "%(at_risk)s at risk, %(off_track)s off track, %(no_data)s without data yet."
    ) % {
        "count": len(content.rows),
        "achieved": counts[Status.ACHIEVED],
        "on_track": counts[Status.ON_TRACK],
        "at_risk": counts[Status.AT_RISK],
        "off_track": counts[Status.OFF_TRACK],
        "no_data": counts[Status.NO_DATA],
    }
    header = [_("GNLC area"), *[str(label) for label in Status.labels]]
    by_area = [
        [_p(area, s["body"]), *[str(area_counts[v]) for v in Status.values]]
        for area, area_counts in content.by_area.items()
    ]
    story += [
        _p(_("Progress across the GNLC key features"), s["h2"]),
        _p(overview, s["body"]),
        Spacer(1, 3 * mm),
        _table([header, *by_area], [50 * mm] + [22 * mm] * len(Status.values)),
    ]

    glance = [[_("Commitment"), _("Latest"), _("Target"), _("Progress"), _("Status")]]
    for row in content.rows:
        c = row.commitment
        glance.append(
            [
                _p(c.title, s["body"]),
                c.format_value(row.latest.value) if row.latest else "—",
                f"{c.format_value(c.target_value)} ({c.target_year})",
                _percent(row.progress),
                _p(Status(row.status).label, s["body"]),
            ]
        )
    story += [
        _p(_("Commitments at a glance"), s["h2"]),
        _table(glance, [66 * mm, 24 * mm, 30 * mm, 18 * mm, 24 * mm]),
        PageBreak(),
    ]
    return story


def _commitment(row, s):
    c = row.commitment
    if row.latest:
        latest = _("%(value)s on %(date)s") % {
            "value": c.format_value(row.latest.value),
            "date": _date(row.latest.valid_on),
        }
    else:
        latest = _("no figure yet")
    facts = [
        [_("Key feature"), _p(f"{row.area} — {row.feature}", s["body"])],
        [_("Baseline"), f"{c.format_value(c.baseline_value)} ({c.baseline_year})"],
        [_("Target"), f"{c.format_value(c.target_value)} ({c.target_year})"],
        [_("Latest value"), latest],
        [_("Progress"), _percent(row.progress)],
        [_("Status"), Status(row.status).label],
    ]
    legend = _(
        "Line: measured values; dashed: the target; dotted: the straight path from the "
        "baseline to the target."
    )
    story = [
        KeepTogether(
            [
                _p(c.title, s["h2"]),
                _table(facts, [35 * mm, 125 * mm], header=False),
                Spacer(1, 2 * mm),
                progress_bar(row.progress, row.status),
                Spacer(1, 3 * mm),
                trend_chart(c, row.series),
                _p(legend, s["small"]),
            ]
        )
    ]
    if row.notes:
        story.append(_p(_("Latest notes"), s["h3"]))
        for measurement in row.notes:
            story.append(_p(f"{_date(measurement.valid_on)}: {measurement.note}", s["body"]))
    return story


def _sources(report, content, s):
    open_data = f"{settings.SITE_URL.rstrip('/')}/{report.language}/commitments/data.csv"
    method = _(
        "Figures are the measurements recorded by the city's responsible officials in the "
        "Son La Learning City portal and, where the commitment asks for it, approved by a "
        "second official. Each measurement's note and evidence are public on the "
        "commitment's page."
    )
    return [
        PageBreak(),
        _p(_("Sources"), s["h1"]),
        _p(method, s["body"]),
        _p(_("Open data: %(url)s") % {"url": open_data}, s["body"]),
        _p(_("Key figures: 2019 census and UNESCO (February 2024)."), s["body"]),
        _generated(content, s),
    ]


def render(report, content):
    """The PDF as bytes."""
    _register_fonts()
    s = _styles()
    story = [*_cover(report, content, s), *_summary(content, s)]
    story.append(_p(_("The commitments one by one"), s["h1"]))
    for row in content.rows:
        story += _commitment(row, s)
    story += _sources(report, content, s)

    title = _("Son La Learning City — progress report")
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=title,
        author=_("Son La City"),
        lang=report.language,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
    )
    doc.build(story, onFirstPage=_footer(title), onLaterPages=_footer(title))
    return out.getvalue()
