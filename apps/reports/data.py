"""What a report says, gathered once, then written as CSV, XLSX and PDF."""

import csv
import io
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


def to_csv(content):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([label for _key, label in columns()])
    writer.writerows([spreadsheet_safe(value) for value in line] for line in table(content))
    # A byte-order mark lets spreadsheet programs read Vietnamese letters correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value):
    """Numbers stay numbers in the spreadsheet; translated labels become plain text."""
    if value is None or isinstance(value, int | float | Decimal):
        return value
    return spreadsheet_safe(str(value))


def to_xlsx(content):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    # Write-only mode streams the rows: several times faster for long series.
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Progress")[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for _key, label in columns():
        cell = WriteOnlyCell(sheet, value=str(label))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for line in table(content):
        sheet.append([_cell(value) for value in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
