"""The report's data files, written side by side in one pass: the same rows, readable anywhere."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from apps.reports import data
from apps.reports.models import ProgressReport

from .conftest import add_series

pytestmark = pytest.mark.django_db


def files_of(language="en", day=datetime.date(2024, 12, 31)):
    report = ProgressReport.objects.create(reporting_date=day, language=language)
    with translation.override(language):
        files = data.data_files(data.gather(report))
    text = files["data_csv"][1].decode("utf-8-sig")
    book = load_workbook(io.BytesIO(files["data_xlsx"][1]))
    return list(csv.reader(io.StringIO(text))), book


def test_the_csv_and_the_xlsx_hold_the_same_rows(commitments):
    rows, book = files_of()
    sheet = book.active
    cells = [
        ["" if value is None else value for value in line]
        for line in sheet.iter_rows(values_only=True)
    ]
    assert len(cells) == len(rows) == 6
    assert cells[0] == rows[0]
    for line, written in zip(cells[1:], rows[1:], strict=True):
        assert [str(value) for value in line][:4] == written[:4]
        assert line[8] == written[8]  # the date, as text in both
        assert Decimal(str(line[9])) == Decimal(written[9])


def test_numbers_stay_numbers_and_the_header_is_bold_and_kept_in_view(commitments):
    _rows, book = files_of()
    sheet = book.active
    assert sheet.title == "Progress"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    assert not sheet["A2"].font.b
    assert sheet["A2"].value == "Budget share for education"
    assert sheet["E2"].value == 2020  # baseline year
    assert sheet["J2"].value == pytest.approx(31.2)  # a measured value, as a number
    assert sheet["I2"].value == "2021-12-31"
    assert sheet["K4"].value == "yes"
    assert sheet["L4"].value == pytest.approx(83.8)


def test_a_vietnamese_report_keeps_its_letters_and_its_sheet_name(commitments):
    rows, book = files_of("vi")
    assert book.active.title == "Tiến độ"
    assert book.active["A2"].value == "Chi ngân sách cho giáo dục"
    assert rows[1][0] == "Chi ngân sách cho giáo dục"


def test_text_that_xml_cannot_carry_is_dropped_not_a_broken_file(commitments, official):
    budget, _digital = commitments
    budget.title = budget.title_en = "Budget\x01 <share> & \x1bmore\x0b"
    budget.save()
    _rows, book = files_of()
    assert book.active["A2"].value == "Budget <share> & more"


def test_a_formula_is_text_in_the_xlsx_too(commitments, official):
    budget, _digital = commitments
    budget.title = budget.title_en = "=1+1"
    budget.save()
    add_series(budget, official, [(datetime.date(2024, 6, 30), "-5", "")])
    _rows, book = files_of()
    sheet = book.active
    assert sheet["A2"].value == "'=1+1"
    assert sheet["A2"].data_type == "s"
    values = [line[9] for line in sheet.iter_rows(min_row=2, values_only=True)]
    assert -5 in values  # a negative number is a number, not text made safe


def test_the_xlsx_is_a_well_formed_package(commitments):
    report = ProgressReport.objects.create(reporting_date=datetime.date(2024, 12, 31))
    with translation.override("en"):
        blob = data.data_files(data.gather(report))["data_xlsx"][1]
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        assert package.testzip() is None
        assert set(package.namelist()) == {
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
        }


def test_a_report_without_commitments_has_a_header_row_only(db):
    rows, book = files_of()
    assert len(rows) == 1
    assert book.active.max_row == 1
    assert book.active["A1"].value == "Commitment"
