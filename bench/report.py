#!/usr/bin/env python
"""Benchmark building one progress report: 30 commitments x 120 measurements.

    python bench/report.py [--commitments 30] [--measurements 120] [--language en]

Prints the seconds to gather, render the PDF and write the data files, the PDF's size and pages,
and the peak memory (Python allocations and the process's resident size).
"""

import argparse
import datetime
import os
import resource
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commitments", type=int, default=30)
    parser.add_argument("--measurements", type=int, default=120)
    parser.add_argument("--language", default="en")
    args = parser.parse_args()

    (ROOT / "var").mkdir(exist_ok=True)
    database = ROOT / "var" / "bench-report.sqlite3"
    database.unlink(missing_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings.base")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["MEDIA_ROOT"] = str(ROOT / "var" / "bench-media")
    os.environ["LOG_LEVEL"] = "WARNING"

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import translation

    from apps.commitments.models import Commitment, KeyFeature, Measurement
    from apps.reports import data, pdf, services
    from apps.reports.models import ProgressReport

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench")
    features = list(KeyFeature.values)
    start_day = datetime.date(2016, 1, 31)
    for number in range(args.commitments):
        commitment = Commitment.objects.create(
            title=f"Cam kết {number} — học tập suốt đời",
            title_en=f"Commitment {number}",
            unit="percent",
            direction="raise",
            baseline_value=Decimal(10),
            baseline_year=2015,
            target_value=Decimal(95),
            target_year=2030,
            key_feature=features[number % 12],
            order=number,
        )
        Measurement.objects.bulk_create(
            Measurement(
                commitment=commitment,
                recorded_by=user,
                valid_on=start_day + datetime.timedelta(days=30 * i),
                value=Decimal(10) + Decimal(i) * Decimal("0.6"),
                note=f"Ghi chú số {i}: số liệu của phòng Giáo dục",
                status="approved",
            )
            for i in range(args.measurements)
        )
    report = ProgressReport.objects.create(
        reporting_date=datetime.date(2026, 1, 1), language=args.language
    )

    report = services.start(report.pk)
    tracemalloc.start()
    began = time.perf_counter()
    with translation.override(args.language):
        content = data.gather(report)
        gathered = time.perf_counter()
        pdf_bytes = pdf.render(report, content)
        rendered = time.perf_counter()
        files = {
            "pdf": ("pdf", pdf_bytes),
            "data_csv": ("csv", data.to_csv(content)),
            "data_xlsx": ("xlsx", data.to_xlsx(content)),
        }
    services._store(report, files)
    finished = time.perf_counter()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    pages = pdf_bytes.count(b"/Type /Page\n") or pdf_bytes.count(b"/Type /Page")
    print(
        f"report of {args.commitments} commitments x {args.measurements} measurements "
        f"({args.language})"
    )
    print(f"  gather       {gathered - began:6.2f} s")
    print(
        f"  render PDF   {rendered - gathered:6.2f} s  ({len(pdf_bytes) / 1024:.0f} KB, "
        f"~{pages} pages)"
    )
    print(f"  data + store {finished - rendered:6.2f} s")
    print(f"  total        {finished - began:6.2f} s")
    print(f"  peak memory  {peak / 1024 / 1024:6.1f} MB Python allocations, {rss:.0f} MB resident")


if __name__ == "__main__":
    main()
