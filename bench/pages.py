#!/usr/bin/env python
"""Time pages in-process (no HTTP server, page cache off): a quick check while optimising.

    python bench/pages.py /vi/ /vi/spaces/ …   [--db var/bench-x1.sqlite3] [--runs 40]

Prints each page's status, database queries and milliseconds per request, next to a trivial
view. `bench/run.py` is the real benchmark (gunicorn + wrk); this one is for quick iterations.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--db", default=str(ROOT / "var" / "bench-x1.sqlite3"))
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(args.db).resolve()}")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ["BENCHMARK_VIEWS"] = "true"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings.base")

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for path in ["/bench/trivial", *args.paths]:
        response = client.get(path)
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        count = len(queries)  # read now: the next request clears Django's query log
        began = time.perf_counter()
        for _ in range(args.runs):
            client.get(path)
        ms = (time.perf_counter() - began) / args.runs * 1000
        print(f"{path[:60]:<62}{response.status_code:>4}{count:>4} q{ms:>8.2f} ms")


if __name__ == "__main__":
    main()
