import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest

from apps.commitments.models import Commitment, Measurement


def add_series(commitment, user, points):
    for day, value, note in points:
        Measurement.objects.create(
            commitment=commitment,
            valid_on=day,
            value=Decimal(value),
            note_vi=note,
            note_en=note,
            note=note,
            recorded_by=user,
        )


@pytest.fixture
def commitments(db, official):
    budget = Commitment.objects.create(
        title="Chi ngân sách cho giáo dục",
        title_vi="Chi ngân sách cho giáo dục",
        title_en="Budget share for education",
        unit="percent",
        direction="raise",
        baseline_value=Decimal("30"),
        baseline_year=2020,
        target_value=Decimal("33.7"),
        target_year=2026,
        key_feature="resources",
        order=1,
    )
    digital = Commitment.objects.create(
        title="Trường học trên nền tảng số",
        title_vi="Trường học trên nền tảng số",
        title_en="Schools on digital platforms",
        unit="percent",
        direction="raise",
        baseline_value=Decimal("20"),
        baseline_year=2020,
        target_value=Decimal("100"),
        target_year=2030,
        key_feature="learning-technologies",
        order=2,
    )
    add_series(
        budget,
        official,
        [
            (datetime.date(2021, 12, 31), "31.2", "Quyết toán 2021"),
            (datetime.date(2022, 12, 31), "32.4", "Quyết toán 2022"),
            (datetime.date(2023, 12, 31), "33.1", "Quyết toán 2023 <b>đã kiểm toán</b>"),
        ],
    )
    add_series(
        digital,
        official,
        [
            (datetime.date(2022, 6, 30), "35", ""),
            (datetime.date(2024, 6, 30), "52", "Khảo sát các trường"),
        ],
    )
    return budget, digital


def pdf_text(field):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: install poppler-utils (make test does)")
    with field.open("rb") as handle:
        data = handle.read()
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def private_root():
    """Where report files are kept in this test (outside MEDIA_ROOT, never served at /media/)."""
    from pathlib import Path

    from django.core.files.storage import storages

    return Path(storages["private"].location)
