#!/usr/bin/env python
"""Benchmark the portal's public pages against a trivial Django view, through gunicorn.

    python bench/run.py --scale 1 [--duration 5] [--connections 8] [--workers 2] [--pages …]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/run.py --scale 100

Loads the demo data grown SCALE times into a SQLite file, var/bench-x<scale>.sqlite3, or into
the database of DATABASE_URL (PostgreSQL: created when missing; kept when it holds this scale
already, emptied first when it holds a larger one; --reload loads it again), serves it with
gunicorn on 127.0.0.1 and loads each page with wrk as a browser asks for it
(``Accept-Encoding: gzip, br``): first with the anonymous page cache on, then with it off. For
each page it prints requests per second, latency percentiles, the ratio to the trivial view
measured in the same run (before and after the pages), and the bytes the response sends
compressed (the page alone, and with the stylesheets and scripts it links), then one table
that says whether each page meets its targets: cached >= 0.5x, uncached >= 0.15x, no error,
and at most 60 KB compressed (HTML + CSS + JS) except the data feeds (CSV, JSON, GeoJSON,
iCalendar). Exits 1 when a page misses one. docs/PERFORMANCE.md describes the method.
"""

import argparse
import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8765"))  # another port for a second bench at once
BASE = f"http://127.0.0.1:{PORT}"
TRIVIAL = "/bench/trivial"
TARGET_CACHED, TARGET_UNCACHED, TARGET_KB = 0.5, 0.15, 60
ACCEPT = {"Accept-Encoding": "gzip, br"}
# Open data, not pages: they are as big as the data (and are downloaded, not browsed).
FEEDS = (".csv", ".json", ".geojson", ".ics", ".xml")

# The key public pages, measured whatever the sitemap holds.
KEY_PAGES = [
    "/vi/",
    "/en/",
    "/vi/commitments/",
    "/en/commitments/",
    "/vi/commitments/?area=building-blocks",
    "/vi/commitments/data.csv",
    "/vi/reports/",
    "/vi/spaces/",
    "/vi/spaces/?q=nha+tri+thuc+chieng+den",
    "/vi/spaces/map/",
    "/vi/spaces.geojson",
    "/vi/spaces.geojson?zoom=12&bbox=103.8,21.2,104.0,21.4",
    "/vi/clubs/",
    "/en/clubs/?area=chieng-den&focus=script",
    "/vi/clubs/clb-van-hoa-thai-ban-co-phuong-chieng-den/",
    "/en/heritage/",
    "/vi/events/",
    "/en/events/?area=to-hieu&category=reading",
    "/vi/events/?month=2024-10",
    "/en/events/khanh-thanh-truong-mam-non-chieng-den-2024/",
    "/en/programmes/tuan-le-hoc-tap-suot-doi-2024/",
    "/vi/events/calendar.ics",
    "/en/events/khanh-thanh-truong-mam-non-chieng-den-2024.ics",
    "/vi/contests/",
    "/en/contests/son-la-thanh-pho-hoc-tap-toan-cau-toi-yeu-2024/",
    "/vi/contests/son-la-thanh-pho-hoc-tap-toan-cau-toi-yeu-2024/winners/",
    "/vi/about/",
    "/vi/search/?q=nha+tri+thuc+chieng+den",
    "/en/search/?q=le+hoi+xoe",
    "/vi/stories/",
    "/en/stories/le-hoi-xoe-cua-cac-cau-lac-bo-van-hoa-thai/",
]


def manage(*args, env, capture=False):
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    )
    return result.stdout


def ensure_database(url):
    """Create the PostgreSQL database of ``url`` when it does not exist yet."""
    parts = urllib.parse.urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = "SELECT 1 FROM pg_database WHERE datname = %s"
        if not connection.execute(exists, [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def prepare(scale, env, reload=False):
    """The demo data grown ``scale`` times, loaded once: a database at another scale is emptied."""
    ensure_database(env["DATABASE_URL"])
    manage("migrate", "--noinput", "-v0", env=env)
    # bench_data adds 10 commitments "bench-…" per step of scale beyond 1 (and as much of the
    # other content): their count says which scale the database holds.
    count = "from apps.commitments.models import Commitment as C; " + (
        "print(C.objects.count(), C.objects.filter(slug__startswith='bench-').count())"
    )
    output = manage("shell", "-v0", "-c", count, env=env, capture=True).split()
    commitments, loaded = int(output[-2]), int(output[-1])
    if commitments and loaded == (scale - 1) * 10 and not reload:
        print(f"data x{scale} already loaded (--reload to load it again)")
    else:
        if loaded > (scale - 1) * 10:
            print(f"the database holds a larger scale ({loaded} synthetic commitments): emptied")
            manage("flush", "--noinput", "-v0", env=env)
        began = time.perf_counter()
        manage("bench_data", "--scale", str(scale), env=env)
        print(f"data x{scale} loaded in {time.perf_counter() - began:.0f} s")
    if env["DATABASE_URL"].startswith("postgres"):
        # Statistics for the planner as autovacuum would gather them after a bulk load (it is
        # off on some servers): without them a query over 20,000 measurements took 10 s.
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
            connection.execute("ANALYZE")
    manage("collectstatic", "--noinput", "-v0", env=env)
    # Without Redis the cache is one folder (var/cache) for every database: a new content
    # version keeps memos built from another database (another scale) out of this run.
    manage("shell", "-v0", "-c", "from apps.core import pagecache; pagecache.bump()", env=env)


def fetch(path, headers=None):
    """The body as sent (compressed if the server compressed it) and its Content-Encoding."""
    request = urllib.request.Request(BASE + path, headers=headers or {})
    with urllib.request.urlopen(request, timeout=600) as response:
        return response.read(), response.headers.get("Content-Encoding", "")


def pages_to_measure(only=None):
    """The key pages that exist, then the first detail page of every sitemap section."""
    if only:
        return only
    pages = []
    print(f"\n{'page':<48}{'first (cold) request s':>24}")
    for path in KEY_PAGES:
        began = time.perf_counter()
        try:
            fetch(path)
        except urllib.error.HTTPError as error:
            print(f"skipped {path}: {error.code}")
            continue
        print(f"{path[:47]:<48}{time.perf_counter() - began:>24.2f}", flush=True)
        pages.append(path)
    xml, _encoding = fetch("/sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sections = set()
    for loc in ElementTree.fromstring(xml).findall("s:url/s:loc", ns):
        path = re.sub(r"^https?://[^/]+", "", loc.text)
        parts = path.split("/")
        # A detail page: /vi/<section>/<slug>/ — the first of each section.
        if len(parts) == 5 and parts[1] == "vi" and parts[2] not in sections:
            sections.add(parts[2])
            pages.append(path)
    return pages


def sent_bytes(path):
    """Bytes the response sends to a browser that accepts gzip and Brotli.

    Returns (bytes, how): how is the Content-Encoding the server chose, or "gzip*" when the
    server sent the body uncompressed and the bench compressed it to estimate the weight.
    """
    body, encoding = fetch(path, ACCEPT)
    if encoding:
        return len(body), encoding
    return len(gzip.compress(body)), "gzip*"


def weight(path):
    """(page bytes, page + linked CSS and JS bytes, how the page was compressed)."""
    page, how = sent_bytes(path)
    html, _encoding = fetch(path)
    total = page
    for asset in sorted(set(re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html))):
        total += sent_bytes(asset.decode())[0]
    return page, total, how


def wrk(path, duration, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
        + [arg for name, value in ACCEPT.items() for arg in ("-H", f"{name}: {value}")]
        + [BASE + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    failed = int(errors.group(1)) if errors else 0
    failed += sum(int(n) for n in socket.groups()) if socket else 0
    return rps, pct(50), pct(99), failed


def serve(env, workers):
    process = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "learningcity.wsgi",
            "-c",
            "learningcity/gunicorn.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        # A first (cold) build of a big page at x100 may take longer than a worker's usual
        # 30 s: the bench measures warm pages and reports the cold times apart.
        env={
            **env,
            "GUNICORN_ACCESS_LOG": "0",
            "GUNICORN_MAX_REQUESTS": "0",
            "GUNICORN_TIMEOUT": env.get("GUNICORN_TIMEOUT", "600"),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            fetch(TRIVIAL)
            return process
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


def stop(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def measure(label, env, args, pages):
    """{path: (ratio, errors)} for one run of every page, with the page cache on or off."""
    server = serve(env, args.workers)
    try:
        for path in [TRIVIAL, *pages]:  # warm every page (and the cache)
            fetch(path, ACCEPT)
        trivial = wrk(TRIVIAL, args.duration, args.connections)[0]
        target = TARGET_CACHED if label == "cached" else TARGET_UNCACHED
        print(f"\n{label}: trivial view {trivial:.0f} req/s (target ratio >= {target})")
        print(f"{'page':<48}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}  ok")
        measured = {path: wrk(path, args.duration, args.connections) for path in pages}
        # Measured again at the end: on a machine others use, the rate drifts within a run;
        # each ratio is to the mean of the two.
        after = wrk(TRIVIAL, args.duration, args.connections)[0]
        results = {}
        for path, (rps, p50, p99, errors) in measured.items():
            ratio = rps / ((trivial + after) / 2)
            results[path] = (ratio, errors)
            ok = ratio >= target and errors == 0
            print(
                f"{path[:47]:<48}{rps:>9.0f}{p50:>9.1f}{p99:>9.1f}{ratio:>8.2f}  "
                f"{'yes' if ok else 'NO'}{f' ({errors} errors)' if errors else ''}"
            )
        drift = abs(after - trivial) / max(trivial, after)
        print(
            f"trivial view again at the end: {after:.0f} req/s"
            + (
                f" — {drift:.0%} apart: the machine was busy, ratios are rough"
                if drift > 0.2
                else ""
            )
        )
        return results
    finally:
        stop(server)


def summary(pages, weights, cached, uncached):
    """The verdict per page, as a Markdown table (docs/PERFORMANCE.md keeps them)."""
    print("\n| page | cached × | uncached × | page KB sent | with CSS+JS KB | errors | targets |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    failures = 0
    for path in pages:
        page, total, how = weights[path]
        (c_ratio, c_errors), (u_ratio, u_errors) = cached[path], uncached[path]
        feed = urllib.parse.urlsplit(path).path.endswith(FEEDS)
        misses = []
        if c_ratio < TARGET_CACHED:
            misses.append("cached")
        if u_ratio < TARGET_UNCACHED:
            misses.append("uncached")
        if c_errors or u_errors:
            misses.append("errors")
        if not feed and total / 1024 > TARGET_KB:
            misses.append("weight")
        failures += bool(misses)
        verdict = "yes" if not misses else "NO: " + ", ".join(misses)
        print(
            f"| `{path}` | {c_ratio:.2f} | {u_ratio:.2f} | {page / 1024:.1f} ({how}) | "
            f"{total / 1024:.1f}{' (feed)' if feed else ''} | {c_errors + u_errors} | {verdict} |"
        )
    print(
        "\nKB sent: the body as the server sent it to a client accepting gzip and Brotli "
        "(br, gzip); gzip* = sent uncompressed, size gzipped by the bench. A feed has no "
        "weight target."
    )
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--duration", type=int, default=5, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--pages", nargs="+", help="measure these paths only")
    parser.add_argument("--reload", action="store_true", help="load the data even if present")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench installs it)")

    (ROOT / "var").mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learningcity.settings.base",
        "BENCHMARK_VIEWS": "true",
        "LOG_LEVEL": "WARNING",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / f'bench-x{args.scale}.sqlite3'}")
    shown = re.sub(r"//([^:@/]+):[^@/]+@", r"//\1:…@", env["DATABASE_URL"])  # no password
    print(f"Preparing data x{args.scale} in {shown} …", flush=True)
    prepare(args.scale, env, args.reload)

    server = serve(env, 1)
    try:
        pages = pages_to_measure(args.pages)
        weights = {path: weight(path) for path in pages}
    finally:
        stop(server)
    print(f"\n{'page':<48}{'KB sent':>10}{'with CSS+JS':>13}")
    for path in pages:
        page, total, how = weights[path]
        print(f"{path[:47]:<48}{page / 1024:>10.1f}{total / 1024:>13.1f}  {how}")

    cached = measure("cached", env, args, pages)
    uncached = measure("uncached", {**env, "PAGE_CACHE_SECONDS": "0"}, args, pages)
    failures = summary(pages, weights, cached, uncached)
    print(f"\n{failures} page(s) miss a target" if failures else "\nevery page meets its targets")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
