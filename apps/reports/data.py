"""What a report says, gathered once, then written as CSV, XLSX and PDF."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.commitments.models import (
    AREA_OF_FEATURE,
    FEATURES_BY_AREA,
    Commitment,
    FrameworkArea,
    KeyFeature,
    Status,
)
from apps.core.models import KeyFigure
from apps.core.text import spreadsheet_safe

from .models import ALL


@dataclass
class Row:
    commitment: Commitment
    area: str
    feature: str
    series: list
    latest: object
    progress: object
    status: str
    notes: list = field(default_factory=list)


@dataclass
class Content:
    report: object
    generated_at: object
    rows: list
    figures: list
    by_area: dict


def gather(report):
    """The commitments in the report's scope as they stood on its reporting date."""
    commitments = Commitment.objects.published().with_series().order_by("order", "pk")
    if report.scope != ALL:
        commitments = commitments.filter(key_feature__in=FEATURES_BY_AREA[report.scope])
    rows = []
    for commitment in commitments:
        # Measurements made after the reporting date are not part of this report.
        commitment.series = [m for m in commitment.series if m.valid_on <= report.reporting_date]
        latest = commitment.latest()
        rows.append(
            Row(
                commitment=commitment,
                area=str(FrameworkArea(AREA_OF_FEATURE[commitment.key_feature]).label),
                feature=str(KeyFeature(commitment.key_feature).label),
                series=commitment.series,
                latest=latest,
                progress=commitment.progress(),
                status=commitment.status(on_date=report.reporting_date),
                notes=[m for m in reversed(commitment.series[-3:]) if m.note],
            )
        )
    by_area = {}
    for row in rows:
        counts = by_area.setdefault(row.area, dict.fromkeys(Status.values, 0))
        counts[row.status] += 1
    return Content(
        report=report,
        generated_at=timezone.localtime(),
        rows=rows,
        figures=list(KeyFigure.objects.all()),
        by_area=by_area,
    )


def columns():
    return [
        ("commitment", _("Commitment")),
        ("gnlc_area", _("GNLC area")),
        ("key_feature", _("Key feature")),
        ("unit", _("Unit")),
        ("baseline_year", _("Baseline year")),
        ("baseline_value", _("Baseline")),
        ("target_year", _("Target year")),
        ("target_value", _("Target")),
        ("valid_on", _("Date")),
        ("value", _("Value")),
        ("is_latest", _("Latest")),
        ("progress_percent", _("Progress (%)")),
        ("status", _("Status")),
    ]


def table(content):
    """One line per measurement (and one per commitment without any), newest facts last."""
    for row in content.rows:
        c = row.commitment
        common = [
            c.title,
            row.area,
            row.feature,
            c.get_unit_display(),
            c.baseline_year,
            c.baseline_value,
            c.target_year,
            c.target_value,
        ]
        for measurement in row.series or [None]:
            is_latest = measurement is not None and measurement is row.latest
            yield [
                *common,
                measurement.valid_on.isoformat() if measurement else "",
                measurement.value if measurement else "",
                _("yes") if is_latest else "",
                row.progress if is_latest else "",
                Status(row.status).label if is_latest or measurement is None else "",
            ]


def data_files(content):
    """The report's CSV and XLSX files, written side by side in one pass over the table."""
    csv_out = io.StringIO()
    writer = csv.writer(csv_out)
    labels = [str(label) for _key, label in columns()]
    writer.writerow(labels)
    sheet = [_xlsx_row(1, labels, style=' s="1"')]
    for number, line in enumerate(table(content), start=2):
        writer.writerow([spreadsheet_safe(value) for value in line])
        sheet.append(_xlsx_row(number, line))
    # A byte-order mark lets spreadsheet programs read Vietnamese letters correctly.
    return {
        "data_csv": ("csv", ("\ufeff" + csv_out.getvalue()).encode("utf-8")),
        "data_xlsx": ("xlsx", _xlsx_book(_("Progress"), sheet)),
    }


def to_csv(content):
    return data_files(content)["data_csv"][1]


def to_xlsx(content):
    return data_files(content)["data_xlsx"][1]


# The XLSX file is written here rather than through openpyxl: its cell objects and XML
# serialiser cost ~0.1 ms a cell, so the 43,000 cells of a 30 x 120 report took longer than
# the whole PDF (bench/report.py). One sheet of inline strings and numbers, a bold header
# row kept in view (frozen pane): the least an .xlsx needs, read back by openpyxl in the
# tests (tests/reports/test_build_files.py).
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_COLUMNS = [chr(ord("A") + n) for n in range(26)]
# XML 1.0 cannot carry most control characters nor lone surrogates: a spreadsheet program
# refuses the whole file for one of them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _xml_text(value):
    return _NOT_XML.sub("", value).translate(_XML_ESCAPES)


def _xlsx_row(number, values, style=""):
    """One ``<row>``: numbers stay numbers; text is kept as text, never run as a formula."""
    cells = []
    for column, value in zip(_COLUMNS, values, strict=False):
        if value is None or value == "":
            continue
        ref = f"{column}{number}"
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            cells.append(f'<c r="{ref}"{style}><v>{value}</v></c>')
        else:
            text = _xml_text(spreadsheet_safe(str(value)))
            cells.append(
                f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
            )
    return f'<row r="{number}">{"".join(cells)}</row>'


def _xlsx_book(title, rows):
    """A workbook of one sheet named ``title`` holding ``rows`` (from ``_xlsx_row``)."""
    name = _xml_text(re.sub(r"[\[\]:*?/\\]", " ", str(title))[:31])
    sheet = (
        f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )
    parts = {
        "[Content_Types].xml": (
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'{_HEAD}<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><sheets>'
            f'<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_HEAD}<Relationships xmlns="{_RELS}">'
            f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'{_HEAD}<styleSheet xmlns="{_MAIN}"><fonts count="2">'
            '<font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" '
            'fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" '
            'borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1">'
            '<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as book:
        for path, text in parts.items():
            book.writestr(path, text.encode("utf-8"))
    return out.getvalue()
