#!/usr/bin/env python
"""Benchmark building one progress report: 30 commitments x 120 measurements.

    python bench/report.py [--commitments 30] [--measurements 120] [--language en]
                           [--runs 5] [--profile]

Times whole builds (gather, PDF, CSV + XLSX, storage) with nothing watching the allocations,
and prints the best of ``--runs`` per step and in total. Memory is measured in a separate
process that builds the same report once: its peak resident size (what the worker needs),
then, building again under tracemalloc, its peak Python allocations (tracemalloc slows a build
several times over, so it never runs while the clock does). ``--profile`` adds cProfile's
view of one more build: the costliest functions, and those of the report's own code.
"""

import argparse
import cProfile
import datetime
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = ROOT / "var" / "bench-report.sqlite3"
TARGET_SECONDS, TARGET_MB = 1.5, 200
STEPS = ("gather", "pdf", "data", "store")


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings.base")
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["MEDIA_ROOT"] = str(ROOT / "var" / "bench-media")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(ROOT / "var" / "bench-private")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def make_data(commitments, measurements, language):
    """A fresh database with the report's commitments and series; returns the report's pk."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from apps.commitments.models import Commitment, KeyFeature, Measurement
    from apps.reports.models import ProgressReport

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench")
    features = list(KeyFeature.values)
    start_day = datetime.date(2016, 1, 31)
    for number in range(commitments):
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
            for i in range(measurements)
        )
    report = ProgressReport.objects.create(
        reporting_date=datetime.date(2026, 1, 1), language=language
    )
    return report.pk


def _now():
    # Wall time, and the CPU time of this process: on a shared machine the second is the
    # steadier figure (it leaves out the time other processes held the cores).
    return time.perf_counter(), time.process_time()


def build_once(report_id):
    """One build as the task does it, step by step: ({step: (wall s, CPU s)}, files)."""
    from django.utils import translation

    from apps.reports import data, pdf, services

    clock = [_now()]
    report = services.start(report_id)
    with translation.override(report.language):
        content = data.gather(report)
        clock.append(_now())
        pdf_bytes = pdf.render(report, content)
        clock.append(_now())
        files = {"pdf": ("pdf", pdf_bytes), **data.data_files(content)}
        clock.append(_now())
    services._store(report, files)
    clock.append(_now())
    seconds = {
        step: (clock[i + 1][0] - clock[i][0], clock[i + 1][1] - clock[i][1])
        for i, step in enumerate(STEPS)
    }
    return seconds, files


def memory_pass(report_id):
    """Run in a process of its own: peak resident MB of one build, then tracemalloc's peak."""
    import tracemalloc

    setup_django()
    build_once(report_id)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    tracemalloc.start()
    build_once(report_id)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"rss_mb": rss, "python_mb": peak / 1024 / 1024}))


def profile(report_id):
    profiler = cProfile.Profile()
    profiler.enable()
    build_once(report_id)
    profiler.disable()
    for title, sort, restriction in (
        ("costliest functions (own time)", "tottime", 15),
        ("the report's own code (cumulative)", "cumulative", r"apps/reports/"),
    ):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(sort)
        stats.print_stats(restriction, *([25] if isinstance(restriction, str) else []))
        print(f"\nprofile, {title} (cProfile slows everything ~2x):")
        lines = out.getvalue().replace(str(ROOT) + "/", "").splitlines()
        print("\n".join(line.replace(sys.prefix, "…") for line in lines[6:]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commitments", type=int, default=30)
    parser.add_argument("--measurements", type=int, default=120)
    parser.add_argument("--language", default="en")
    parser.add_argument("--runs", type=int, default=5, help="timed builds; the best is shown")
    parser.add_argument("--profile", action="store_true", help="add cProfile's view")
    parser.add_argument("--memory-pass", type=int, metavar="REPORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_pass:
        return memory_pass(args.memory_pass)

    (ROOT / "var").mkdir(exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    setup_django()
    made = time.perf_counter()
    report_id = make_data(args.commitments, args.measurements, args.language)
    made = time.perf_counter() - made

    build_once(report_id)  # the first build imports reportlab and loads the fonts
    runs = [build_once(report_id) for _run in range(max(1, args.runs))]
    best = {
        step: tuple(min(seconds[step][i] for seconds, _files in runs) for i in (0, 1))
        for step in STEPS
    }
    total = min(sum(wall for wall, _cpu in seconds.values()) for seconds, _files in runs)
    cpu = min(sum(cpu for _wall, cpu in seconds.values()) for seconds, _files in runs)
    _seconds, files = runs[-1]
    pdf_bytes = files["pdf"][1]
    pages = pdf_bytes.count(b"/Type /Page\n") or pdf_bytes.count(b"/Type /Page")

    child = subprocess.run(
        [sys.executable, __file__, "--memory-pass", str(report_id)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    memory = json.loads(child.stdout.strip().splitlines()[-1])

    def kb(field):
        return f"{len(files[field][1]) / 1024:.0f} KB"

    print(
        f"report of {args.commitments} commitments x {args.measurements} measurements "
        f"({args.language}); data made in {made:.1f} s; best of {len(runs)} builds, "
        "no tracemalloc"
    )
    print("               wall s   CPU s")
    print(f"  gather       {best['gather'][0]:6.3f}  {best['gather'][1]:6.3f}")
    print(
        f"  PDF          {best['pdf'][0]:6.3f}  {best['pdf'][1]:6.3f}  "
        f"({kb('pdf')}, ~{pages} pages)"
    )
    print(
        f"  CSV + XLSX   {best['data'][0]:6.3f}  {best['data'][1]:6.3f}  "
        f"({kb('data_csv')} + {kb('data_xlsx')})"
    )
    print(f"  storage      {best['store'][0]:6.3f}  {best['store'][1]:6.3f}")
    print(f"  total        {total:6.3f}  {cpu:6.3f}  (target < {TARGET_SECONDS} s)")
    print(
        f"  memory       {memory['rss_mb']:6.0f} MB resident at peak (whole process, target "
        f"< {TARGET_MB} MB); {memory['python_mb']:.1f} MB Python allocations at peak "
        "(separate pass under tracemalloc)"
    )
    met = total < TARGET_SECONDS and memory["rss_mb"] < TARGET_MB
    print("  targets met" if met else "  TARGETS NOT MET")
    if args.profile:
        profile(report_id)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
