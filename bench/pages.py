#!/usr/bin/env python
"""Time pages in-process (no HTTP server, page cache off): a quick check while optimising.

    python bench/pages.py /vi/ /vi/spaces/ …   [--db var/bench-x1.sqlite3] [--runs 60]
    DATABASE_URL=postgres://… python bench/pages.py /vi/spaces/map/ --profile 30

Prints each page's status, database queries, the CPU milliseconds per request (the best of
three rounds: the steadier figure on a shared machine) and the ratio of the trivial view's CPU
time to the page's, a rough guide to what ``bench/run.py`` will measure uncached. ``--profile``
adds cProfile's costliest functions for each page. ``--cached`` keeps the page cache on (the
trivial view is then a cache hit, as in the bench's cached run). `bench/run.py` is the real
benchmark (gunicorn + wrk); this one is for quick iterations.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROUNDS = 3


def cpu_ms(client, path, runs):
    """The best of ROUNDS rounds of ``runs // ROUNDS`` requests, in CPU ms per request."""
    per_round = max(1, runs // ROUNDS)
    best = float("inf")
    for _round in range(ROUNDS):
        began = time.process_time()
        for _ in range(per_round):
            client.get(path)
        best = min(best, (time.process_time() - began) / per_round * 1000)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--db", default=str(ROOT / "var" / "bench-x1.sqlite3"))
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--profile", type=int, default=0, help="requests to profile per page")
    parser.add_argument("--cached", action="store_true", help="keep the page cache on")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(args.db).resolve()}")
    if not args.cached:
        os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ["BENCHMARK_VIEWS"] = "true"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings.base")

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_ACCEPT_ENCODING="gzip, br")
    trivial = None
    print(f"{'page':<62}{'':>4}{'':>5}{'CPU ms':>9}{'ratio':>7}")
    for path in ["/bench/trivial", *args.paths]:
        response = client.get(path)
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        count = len(queries)  # read now: the next request clears Django's query log
        ms = cpu_ms(client, path, args.runs)
        trivial = trivial or ms
        print(f"{path[:60]:<62}{response.status_code:>4}{count:>3} q{ms:>9.2f}{trivial / ms:>7.2f}")
        if args.profile and path != "/bench/trivial":
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.profile):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
