import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from apps.reports import pdf, services
from apps.reports.models import ProgressReport

from .conftest import pdf_text, private_root

pytestmark = pytest.mark.django_db


def request(language="en", day=datetime.date(2024, 12, 31), **kwargs):
    return services.request_report(reporting_date=day, language=language, scope="all", **kwargs)


def test_an_english_report_holds_the_figures_of_the_dashboard(
    commitments, official, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = request("en", requested_by=official)
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DONE
    assert report.attempts == 1
    assert report.finished_at >= report.started_at
    text = pdf_text(report.pdf)
    assert "Son La Learning City" in text
    assert "Budget share for education" in text
    assert "33.1%" in text
    assert "33.7%" in text
    assert "Schools on digital platforms" in text
    assert "52%" in text
    assert "Fundamental conditions — Mobilisation and utilisation of resources" in text
    assert "Generated at" in text


def test_a_vietnamese_report_renders_vietnamese_letters(
    commitments, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = request("vi")
    report.refresh_from_db()
    text = pdf_text(report.pdf)
    assert "Thành phố học tập Sơn La" in text
    assert "Chi ngân sách cho giáo dục" in text
    assert "33,1%" in text
    assert "Quyết toán 2023 <b>đã kiểm toán</b>" in text  # the note is text, not markup


def test_measurements_after_the_reporting_date_are_left_out(
    commitments, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = request("en", day=datetime.date(2022, 12, 31))
    report.refresh_from_db()
    text = pdf_text(report.pdf)
    assert "32.4%" in text
    assert "33.1%" not in text
    assert "52%" not in text


def test_data_files_carry_every_measurement(commitments, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = request("en")
    report.refresh_from_db()
    with report.data_csv.open("rb") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read().decode("utf-8-sig"))))
    assert len(rows) == 5
    latest = [r for r in rows if r["Latest"] == "yes"]
    assert {r["Value"] for r in latest} == {"33.10", "52.00"}
    with report.data_xlsx.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert sheet.max_row == 6
    assert sheet["A1"].value == "Commitment"


def test_building_twice_leaves_exactly_one_set_of_files(
    commitments, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = request("en")
    report.refresh_from_db()
    first = {report.pdf.name, report.data_csv.name, report.data_xlsx.name}
    services.build(report.pk)
    report.refresh_from_db()
    second = {report.pdf.name, report.data_csv.name, report.data_xlsx.name}
    stored = {
        str(path.relative_to(private_root()))
        for path in (private_root() / "reports").rglob("*")
        if path.is_file()
    }
    assert stored == second
    assert len(stored) == 3
    assert report.status == ProgressReport.Status.DONE
    assert report.attempts == 2
    assert first != second


def test_a_failure_is_recorded_with_its_reason(
    commitments, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(report, content):
        raise ValueError("chart went wrong")

    monkeypatch.setattr(pdf, "render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report = request("en")
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.FAILED
    assert "chart went wrong" in report.failure_reason
    assert not report.pdf


def test_a_report_with_no_commitment_still_builds(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = request("en")
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DONE
    assert "0 commitments" in pdf_text(report.pdf)


def test_a_scope_keeps_only_its_area(commitments, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(
            reporting_date=datetime.date(2024, 12, 31),
            language="en",
            scope="fundamental-conditions",
        )
    report.refresh_from_db()
    text = pdf_text(report.pdf)
    assert "Budget share for education" in text
    assert "Schools on digital platforms" not in text


def test_the_pdf_renders_as_an_image_with_the_chart_in_brand_colour(
    commitments, tmp_path, django_capture_on_commit_callbacks
):
    import shutil
    import subprocess

    from PIL import Image

    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: install poppler-utils (make test does)")
    with django_capture_on_commit_callbacks(execute=True):
        report = request("vi")
    report.refresh_from_db()
    source = tmp_path / "report.pdf"
    with report.pdf.open("rb") as handle:
        source.write_bytes(handle.read())
    # Page 4 holds the first commitment: its facts, progress bar and trend chart.
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "4", "-l", "4", str(source), str(tmp_path / "p")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    raw = image.tobytes()
    pixels = [tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)]
    brand = sum(1 for r, g, b in pixels if g > r + 30 and g > b + 20)
    ink = sum(1 for r, g, b in pixels if r + g + b < 600)
    assert brand > 200, "no green progress bar or trend line drawn"
    assert ink > 1000, "the page is (nearly) blank"


def test_report_files_are_never_under_media(
    commitments, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = request("en", published=True)
    report.refresh_from_db()
    assert (private_root() / report.pdf.name).exists()
    assert not list((settings.MEDIA_ROOT).rglob("*.pdf"))


def test_data_files_never_carry_a_formula(
    commitments, official, django_capture_on_commit_callbacks
):
    from tests.reports.conftest import add_series

    budget, _digital = commitments
    budget.title = budget.title_en = '=HYPERLINK("http://evil.example","click")'
    budget.save()
    add_series(budget, official, [(datetime.date(2024, 6, 30), "33.2", "@SUM(1)")])
    with django_capture_on_commit_callbacks(execute=True):
        report = request("en")
    report.refresh_from_db()
    with report.data_csv.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text
    with report.data_xlsx.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    titles = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert '\'=HYPERLINK("http://evil.example","click")' in titles


def test_a_report_judges_status_at_its_reporting_date(official):
    from decimal import Decimal

    from apps.commitments.models import Commitment
    from apps.reports import data
    from tests.reports.conftest import add_series

    # Due by the end of 2025 and not met: overdue today, but on track at the end of 2024.
    pledge = Commitment.objects.create(
        title="Tủ sách",
        title_en="Bookshelves",
        unit="count",
        direction="raise",
        baseline_value=Decimal(0),
        baseline_year=2023,
        target_value=Decimal(100),
        target_year=2025,
        key_feature="culture-of-learning",
    )
    add_series(pledge, official, [(datetime.date(2024, 12, 31), "60", "")])
    assert pledge.status() == "off-track"
    report = ProgressReport.objects.create(
        reporting_date=datetime.date(2024, 12, 31), language="en"
    )
    [row] = data.gather(report).rows
    assert row.status == "on-track"
