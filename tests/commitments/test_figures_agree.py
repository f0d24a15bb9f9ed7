"""Every figure of a commitment reads the same on its page, in the open data and in both PDFs.

Issue 11: the table, the chart, the summary sentence, the data files and the PDF report must
say the same progress, planned path, latest value and status, each written by the one number
rule in the reader's language (comma decimals in Vietnamese).
"""

import csv
import html
import io
import json
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.formats import date_format

from apps.commitments import demo
from apps.commitments.models import Commitment, Status
from apps.reports import data, pdf
from apps.reports.models import ProgressReport

pytestmark = pytest.mark.django_db

KEEP, RAISE = "ngan-sach-giao-duc", "gia-dinh-hoc-tap"
ROW = re.compile(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>")
STATUS = re.compile(r'<span class="status status-([a-z-]+)">([^<]+)</span>')


@pytest.fixture
def pledges(db):
    for name in (demo.CHIENG_DEN, demo.TO_HIEU):
        get_user_model().objects.create_user(name, password="x")
    demo.load(io.StringIO())


def page_figures(client, language, slug):
    text = html.unescape(client.get(f"/{language}/commitments/{slug}/").content.decode())
    rows = [row for row in ROW.findall(text) if row[2] != ""]  # baseline and target: no path
    code, label = STATUS.search(text).groups()
    sentence = re.search(r'<p class="summary-sentence">([^<]+)</p>', text).group(1)
    return {"rows": rows, "status": (code, label), "sentence": sentence}


def written(commitment, language, figures):
    """The machine figures of the data files, written by the one rule in ``language``."""
    with translation.override(language):
        return [
            (
                figure["date"],
                commitment.format_value(figure["value"]),
                commitment.format_value(figure["path"]),
                commitment.format_progress(figure["progress"]),
            )
            for figure in figures
        ]


def json_figures(client, slug):
    body = json.loads(client.get("/en/commitments/data.json").getvalue())
    record = next(c for c in body["commitments"] if c["slug"] == slug)
    figures = [
        {
            "date": m["valid_on"],
            "value": m["value"],
            "path": m["path_value"],
            "progress": m["measurement_progress_percent"],
        }
        for m in record["measurements"]
        if not m["superseded"]
    ]
    return record, figures


def csv_figures(client, slug):
    text = client.get("/en/commitments/data.csv").getvalue().decode("utf-8-sig")
    rows = [row for row in csv.DictReader(io.StringIO(text)) if row["commitment_slug"] == slug]
    counted = [row for row in rows if row["superseded"] == "false"]
    figures = [
        {
            "date": row["valid_on"],
            "value": row["value"],
            "path": row["path_value"],
            "progress": row["measurement_progress_percent"],
        }
        for row in counted
    ]
    return rows[0], figures


def pdf_lines(language):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: install poppler-utils (make test does)")
    with translation.override(language):
        report = ProgressReport(reporting_date=timezone.localdate(), language=language)
        body = pdf.render(report, data.gather(report))
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True
    )
    return [line.strip() for line in result.stdout.decode("utf-8").splitlines()]


def pdf_section(lines, title):
    """The lines of a commitment's own section: after its heading (a line of its own)."""
    start = lines.index(title)
    return lines[start : start + 40]


def cells(line):
    return re.split(r"\s{2,}", line)


def machine(figures):
    """Figures compared as numbers: "34.00" in one file is 34.0 in the other."""
    return [
        {key: value if key == "date" else Decimal(str(value)) for key, value in f.items()}
        for f in figures
    ]


@pytest.mark.parametrize("slug", [KEEP, RAISE])
def test_every_figure_agrees_across_the_page_the_data_files_and_both_pdfs(client, pledges, slug):
    commitment = Commitment.objects.with_series().get(slug=slug)
    record, from_json = json_figures(client, slug)
    first_row, from_csv = csv_figures(client, slug)
    # The two data files carry the same machine figures.
    assert len(from_json) >= 3
    assert machine(from_csv) == machine(from_json)
    for key in ("latest_value", "progress_percent", "status"):
        assert str(first_row[key]) == str(record[key]), key

    for language in ("vi", "en"):
        with translation.override(language):
            expected = [
                (
                    date_format(m.valid_on, "SHORT_DATE_FORMAT", use_l10n=True),
                    commitment.format_value(Decimal(str(f["value"]))),
                    commitment.format_value(Decimal(str(f["path"]))),
                    commitment.format_progress(Decimal(str(f["progress"]))),
                )
                for m, f in zip(commitment.counted_series(), from_json, strict=True)
            ]
            latest = commitment.format_value(Decimal(str(record["latest_value"])))
            progress = commitment.format_progress(Decimal(str(record["progress_percent"])))
            status = str(Status(record["status"]).label)
            target = (
                f"{commitment.format_value(commitment.target_value)} ({commitment.target_year})"
            )
            labels = (translation.gettext("Progress"), translation.gettext("Status"))

        # The page: its table row by row, its status, the latest value and progress it states.
        on_page = page_figures(client, language, slug)
        assert on_page["rows"] == expected
        assert on_page["status"] == (record["status"], status)
        assert expected[-1][1] == latest
        assert expected[-1][3] == progress
        assert latest in on_page["sentence"]
        assert f"{progress} " in on_page["sentence"]

        # The PDF in the same language: the overview row, the facts and the figures table.
        lines = pdf_lines(language)
        title = commitment.title_vi if language == "vi" else commitment.title_en
        section = pdf_section(lines, title)
        facts = {cells(line)[0]: cells(line)[1:] for line in section if len(cells(line)) > 1}
        assert facts[labels[0]] == [progress]
        assert facts[labels[1]] == [status]
        table = [tuple(cells(line)) for line in section if len(cells(line)) == 4]
        assert table[1:] == expected  # under its header
        overview = [line for line in lines if f"  {latest}  " in line and target in line]
        assert [cells(line)[-4:] for line in overview] == [[latest, target, progress, status]]


def test_a_level_to_keep_counts_from_its_baseline_along_the_planned_path(client, pledges):
    """The budget share (31.5% in 2020, keep 33.7% by 2030): one meaning everywhere."""
    vi = page_figures(client, "vi", KEEP)
    en = page_figures(client, "en", KEEP)
    # 2021: 32.4% is 0.9 of the 2.2 points from the baseline (40.9%); the path asks 31.7%.
    assert vi["rows"][0] == ("31/12/2021", "32,4%", "31,7%", "40,9%")
    assert en["rows"][0] == ("31 Dec 2021", "32.4%", "31.7%", "40.9%")
    # 2025: 34.0% is at or above the target: achieved, all of the way.
    assert vi["rows"][-1] == ("31/12/2025", "34,0%", "32,6%", "100%")
    assert en["status"] == ("achieved", "Achieved")
    about = client.get("/en/commitments/about-data/").content.decode()
    assert "share of the distance from the baseline to the target" in about
    about_vi = client.get("/vi/commitments/about-data/").content.decode()
    assert "tỷ lệ mà số liệu mới nhất đã đạt được" in about_vi
