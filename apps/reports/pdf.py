"""The report as a PDF (ReportLab), in the language that is active while it renders.

ReportLab's built-in fonts have no Vietnamese letters (ố, ậ, ơ …), so a TrueType font that
covers them (DejaVu Sans) is embedded.
"""

import io
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
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

from apps.commitments.geometry import geometry
from apps.commitments.models import Status
from apps.core import siteurl
from apps.core.display import number

from .pdf_drawing import ACCENT, BOLD, BRAND, FONT, LINE, MUTED, progress_bar, trend_chart

MARGIN = 18 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN  # every table is sized to it
# A table split across pages leaves at least this many rows on each side of the break.
MIN_ROWS = 3


def register_fonts():
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


def styles():
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5),
        "number": ParagraphStyle(
            "number", parent=base, fontSize=9, leading=11.5, alignment=TA_CENTER
        ),
        "th": ParagraphStyle(
            "th", parent=base, fontName=BOLD, fontSize=8.5, leading=10.5, textColor=BRAND
        ),
        "demo": ParagraphStyle(
            "demo",
            parent=base,
            fontName=BOLD,
            fontSize=11,
            leading=15,
            alignment=TA_CENTER,
            textColor=ACCENT,
        ),
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


class _Table(Table):
    """A table that never leaves fewer than MIN_ROWS rows alone at the top or bottom of a page."""

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        kept = len(parts[0]._cellvalues) - head
        moved = len(parts[1]._cellvalues) - head
        if kept < MIN_ROWS or kept - max(0, MIN_ROWS - moved) < MIN_ROWS:
            return []  # too little room here: the whole table goes to the next page
        if moved >= MIN_ROWS:
            return parts
        rows = len(parts[0]._cellvalues) - (MIN_ROWS - moved)
        return super().split(availWidth, sum(self._rowHeights[:rows]) + 0.5)


def _table(rows, shares, s, header=True, numbers=()):
    """A table across the page; every cell a paragraph, so long words and labels wrap.

    ``shares`` are the columns' parts of the page's width; ``numbers`` the columns centred.
    """
    cells = []
    for index, row in enumerate(rows):
        line = []
        for column, cell in enumerate(row):
            if isinstance(cell, Paragraph):
                line.append(cell)
                continue
            style = "th" if header and index == 0 else "number" if column in numbers else "cell"
            line.append(_p(cell, s[style]))
        cells.append(line)
    widths = [FRAME_WIDTH * share / sum(shares) for share in shares]
    table = _Table(cells, colWidths=widths, hAlign="LEFT", repeatRows=1 if header else 0)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
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
            _(
                "Member of the UNESCO Global Network of Learning Cities (GNLC) since "
                "14 February 2024."
            ),
            s["cover"],
        ),
        _p(
            _("Lifelong learning, sustainable culture, bright future, deep integration"), s["cover"]
        ),
        Spacer(1, 30 * mm),
        *_demo_notice(s),
        _generated(content, s),
        PageBreak(),
    ]


def _demo_notice(s):
    if not settings.DEMO_MODE:
        return []
    notice = _("Demo data: the measured values in this report are made up for illustration.")
    return [_p(notice, s["demo"]), Spacer(1, 6 * mm)]


def _summary(content, s):
    story = [_p(_("Summary"), s["h1"]), _p(_("The city"), s["h2"])]
    figures = []
    for figure in content.figures:
        figures.append([figure.label, f"{number(figure.value)} {figure.unit}"])
    if figures:
        story.append(_table(figures, [2, 1], s, header=False))

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
    story += [
        _p(_("Progress across the GNLC key features"), s["h2"]),
        _p(overview, s["body"]),
        Spacer(1, 3 * mm),
        area_table(content, s),
        _p(_("Commitments at a glance"), s["h2"]),
        glance_table(content, s),
        PageBreak(),
    ]
    return story


AREA_COLUMNS = [2.2] + [1] * len(Status.values)
GLANCE_COLUMNS = [3.3, 1.2, 1.5, 1.1, 1.6]


def area_table(content, s):
    """How many commitments of each part of the framework are in each status."""
    header = [_("GNLC area"), *[str(label) for label in Status.labels]]
    by_area = [
        [area, *[number(area_counts[v]) for v in Status.values]]
        for area, area_counts in content.by_area.items()
    ]
    return _table([header, *by_area], AREA_COLUMNS, s, numbers=range(1, len(header)))


def glance_table(content, s):
    """One line per commitment: latest value, target, progress and status."""
    glance = [[_("Commitment"), _("Latest"), _("Target"), _("Progress"), _("Status")]]
    for row in content.rows:
        c = row.commitment
        glance.append(
            [
                c.title,
                c.format_value(row.latest.value) if row.latest else "—",
                f"{c.format_value(c.target_value)} ({c.target_year})",
                c.format_progress(row.progress) if row.latest else "—",
                Status(row.status).label,
            ]
        )
    return _table(glance, GLANCE_COLUMNS, s, numbers=(1, 2, 3))


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
        [_("Key feature"), f"{row.area} — {row.feature}"],
        [_("Baseline"), f"{c.format_value(c.baseline_value)} ({c.baseline_year})"],
        [_("Target"), f"{c.format_value(c.target_value)} ({c.target_year})"],
        [_("Latest value"), latest],
        [_("Progress"), c.format_progress(row.progress)],
        [_("Status"), Status(row.status).label],
    ]
    legend = _(
        "Line: measured values; dashed: the target; dotted: the planned path from the "
        "baseline to the target."
    )
    legend = " ".join(filter(None, [legend, geometry(c, row.series).axis_note]))
    story = [
        KeepTogether(
            [
                _p(c.title, s["h2"]),
                _table(facts, [1, 3.6], s, header=False),
                Spacer(1, 2 * mm),
                progress_bar(row.progress, row.status, width=FRAME_WIDTH),
                Spacer(1, 3 * mm),
                trend_chart(c, row.series, width=FRAME_WIDTH),
                _p(legend, s["small"]),
            ]
        )
    ]
    figures = _year_ends(c.figures())
    if figures:
        header = [_("Date"), _("Value"), _("Planned path"), _("Progress")]
        lines = [
            [
                date_format(f["valid_on"], "SHORT_DATE_FORMAT", use_l10n=True),  # as the web table
                c.format_value(f["value"]),
                c.format_value(f["path_value"]),
                c.format_progress(f["progress"]),
            ]
            for f in figures
        ]
        story += [
            _p(_("The figures"), s["h3"]),
            _p(_("The last figure of each year; the open data holds every figure."), s["small"]),
            _table([header, *lines], [1.4, 1, 1, 1], s, numbers=(1, 2, 3)),
        ]
    if row.notes:
        story.append(_p(_("Latest notes"), s["h3"]))
        for measurement in row.notes:
            story.append(_p(f"{_date(measurement.valid_on)}: {measurement.note}", s["body"]))
    return story


def _year_ends(figures):
    """The last figure of each year (the latest among them), in date order: a commitment's
    table stays a few rows long however often its figure is recorded (monthly for ten years:
    ten rows, not 120), so the report stays short and quick to build."""
    by_year = {}
    for figure in figures:
        by_year[figure["valid_on"].year] = figure
    return [by_year[year] for year in sorted(by_year)]


def _sources(report, content, s):
    with translation.override(report.language):
        open_data = siteurl.absolute(reverse("commitments:data_csv"))
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
    register_fonts()
    s = styles()
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
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
    )
    doc.build(story, onFirstPage=_footer(title), onLaterPages=_footer(title))
    return out.getvalue()
