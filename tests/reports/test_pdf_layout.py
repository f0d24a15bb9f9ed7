"""The PDF report's layout, checked on the rendered pages: no text runs into other text or off
the page, table headers wrap inside their columns, no page holds two leftover rows (issue 11)."""

import io
import re
import shutil
import subprocess
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from apps.commitments import demo
from apps.reports import data, pdf
from apps.reports.models import ProgressReport

pytestmark = pytest.mark.django_db

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
TOLERANCE = 0.5  # points: glyph boxes that merely touch are not overlapping


@pytest.fixture
def pledges(db):
    for name in (demo.CHIENG_DEN, demo.TO_HIEU):
        get_user_model().objects.create_user(name, password="x")
    demo.load(io.StringIO())


def pages(body):
    """Each page of a PDF as a list of words with their boxes (points, from the top left)."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: install poppler-utils (make test does)")
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=body, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [
        [(*map(float, found[:4]), unescape(found[4])) for found in WORD.findall(page)]
        for page in xhtml.split("<page ")[1:]
    ]


def overlapping(words):
    pairs = []
    for index, (x0, y0, x1, y1, text) in enumerate(words):
        for a0, b0, a1, b1, other in words[index + 1 :]:
            wide = min(x1, a1) - max(x0, a0)
            high = min(y1, b1) - max(y0, b0)
            if wide > TOLERANCE and high > TOLERANCE:
                pairs.append((text, other))
    return pairs


def report_pdf(language):
    with translation.override(language):
        report = ProgressReport(reporting_date=timezone.localdate(), language=language)
        return pdf.render(report, data.gather(report)), report


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_text_overlaps_other_text_or_leaves_the_printed_area(pledges, language):
    body, _report = report_pdf(language)
    width, height = A4
    for number, words in enumerate(pages(body), start=1):
        assert words, f"page {number} is empty"
        assert overlapping(words) == [], f"page {number}"
        outside = [
            text
            for x0, y0, x1, y1, text in words
            if x0 < pdf.MARGIN - 1 or x1 > width - pdf.MARGIN + 1 or y0 < 0 or y1 > height
        ]
        assert outside == [], f"page {number}"


def table_alone(table):
    """``table`` rendered alone on A4 with the report's margins: its words and column edges."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=pdf.MARGIN, rightMargin=pdf.MARGIN)
    doc.build([table])
    edges = [pdf.MARGIN]
    for column in table._colWidths:
        edges.append(edges[-1] + column)
    return pages(out.getvalue()), edges


def column_of(word, edges):
    x0, _y0, x1, _y1, _text = word
    for index in range(len(edges) - 1):
        if x0 >= edges[index] - TOLERANCE and x1 <= edges[index + 1] + TOLERANCE:
            return index
    return None


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", ["area_table", "glance_table"])
def test_summary_tables_wrap_every_cell_inside_its_column(pledges, language, name):
    with translation.override(language):
        pdf.register_fonts()
        report = ProgressReport(reporting_date=timezone.localdate(), language=language)
        table = getattr(pdf, name)(data.gather(report), pdf.styles())
        header = [getattr(cell, "text", cell) for cell in table._cellvalues[0]]
    found, edges = table_alone(table)
    assert len(found) == 1  # the whole table on one page
    words = found[0]
    astray = [word[4] for word in words if column_of(word, edges) is None]
    assert astray == []
    # Each header reads whole, in its own column ("Đúng tiến độ", never "Đúng tiến độCó …").
    top = min(word[1] for word in words)
    header_words = sorted(
        (w for w in words if w[1] < top + 40), key=lambda w: (column_of(w, edges), w[1], w[0])
    )
    for index, label in enumerate(header):
        in_column = [w[4] for w in header_words if column_of(w, edges) == index]
        assert " ".join(in_column[: len(label.split())]) == label


def rows_table(count):
    with translation.override("en"):
        pdf.register_fonts()
        rows = [["Date", "Value"], *[[f"row {n}", str(n)] for n in range(count)]]
        return pdf._table(rows, [1, 1], pdf.styles())


def test_a_table_split_over_two_pages_never_leaves_two_rows_alone():
    table = rows_table(10)
    table.wrap(pdf.FRAME_WIDTH, 1000)
    heights = table._rowHeights
    # Room for the header and eight rows: a plain split would leave two for the next page.
    room = sum(heights[:9]) + 1
    first, rest = table.split(pdf.FRAME_WIDTH, room)
    assert len(rest._cellvalues) - 1 >= pdf.MIN_ROWS  # rows under the repeated header
    assert len(first._cellvalues) + len(rest._cellvalues) - 1 == 11


def test_a_table_with_room_for_two_rows_moves_to_the_next_page():
    table = rows_table(10)
    table.wrap(pdf.FRAME_WIDTH, 1000)
    assert table.split(pdf.FRAME_WIDTH, sum(table._rowHeights[:3]) + 1) == []


@pytest.mark.parametrize(
    ("language", "network", "notice"),
    [
        (
            "en",
            "UNESCO Global Network of Learning Cities (GNLC)",
            "Demo data: the measured values in this report are made up",
        ),
        (
            "vi",
            "Mạng lưới các thành phố học tập toàn cầu của UNESCO (GNLC)",
            "Dữ liệu minh họa",
        ),
    ],
)
def test_the_cover_explains_gnlc_and_says_when_the_data_is_made_up(
    pledges, settings, language, network, notice
):
    settings.DEMO_MODE = True
    cover = " ".join(word[4] for word in pages(report_pdf(language)[0])[0])
    assert network in cover
    assert notice in cover
    # GNLC is explained where it first appears: nothing before the cover names it bare.
    assert cover.index("GNLC") == cover.index(network) + len(network) - len("GNLC)")
    settings.DEMO_MODE = False
    cover = " ".join(word[4] for word in pages(report_pdf(language)[0])[0])
    assert notice not in cover
    assert network in cover
