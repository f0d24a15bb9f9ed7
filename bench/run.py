#!/usr/bin/env python
"""Benchmark the portal's public pages against a trivial Django view, through gunicorn.

    python bench/run.py --scale 1 [--duration 5] [--connections 8] [--workers 2]

Builds a SQLite database at var/bench-x<scale>.sqlite3 with the demo data grown SCALE times
(or uses DATABASE_URL), serves it with gunicorn on 127.0.0.1 and loads each page with wrk:
first with the anonymous page cache on, then with it off. Prints requests per second, latency
percentiles and each page's ratio to the trivial view measured in the same run, and the
compressed weight of each page (HTML + CSS + JS).
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
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
TRIVIAL = "/bench/trivial"
TARGET_CACHED, TARGET_UNCACHED = 0.5, 0.15


def run(*args, env):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(scale, env):
    run("migrate", "--noinput", "-v0", env=env)
    run("bench_data", "--scale", str(scale), env=env)
    run("collectstatic", "--noinput", "-v0", env=env)


def fetch(path, headers=None):
    request = urllib.request.Request(BASE + path, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


# The key public pages, measured whatever the sitemap holds.
KEY_PAGES = [
    "/vi/",
    "/en/",
    "/vi/commitments/",
    "/en/commitments/",
    "/vi/commitments/data.csv",
    "/vi/reports/",
    "/vi/spaces/",
    "/vi/spaces/?q=nha+tri+thuc+chieng+den",
    "/vi/spaces/map/",
    "/vi/spaces.geojson",
]


def pages_to_measure():
    """The key pages that exist, then the first detail page of every sitemap section."""
    pages = []
    for path in KEY_PAGES:
        try:
            fetch(path)
        except OSError:
            continue
        pages.append(path)
    xml = fetch("/sitemap.xml")
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


def weight(path):
    """Compressed bytes of the page and of the stylesheets and scripts it links."""
    html = fetch(path)
    total = len(gzip.compress(html))
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        total += len(gzip.compress(fetch(asset.decode())))
    return total


def wrk(path, duration, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", BASE + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, pct(50), pct(99), int(errors.group(1)) if errors else 0


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
        env={**env, "GUNICORN_ACCESS_LOG": "0", "GUNICORN_MAX_REQUESTS": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            fetch(TRIVIAL)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def measure(label, env, args, pages):
    server = serve(env, args.workers)
    try:
        for path in [TRIVIAL, *pages]:  # warm every page (and the cache)
            fetch(path)
        trivial = wrk(TRIVIAL, args.duration, args.connections)
        target = TARGET_CACHED if label == "cached" else TARGET_UNCACHED
        print(f"\n{label}: trivial view {trivial[0]:.0f} req/s (target ratio >= {target})")
        print(f"{'page':<48}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}  ok")
        failures = 0
        for path in pages:
            rps, p50, p99, errors = wrk(path, args.duration, args.connections)
            ratio = rps / trivial[0]
            ok = ratio >= target and errors == 0
            failures += not ok
            print(
                f"{path[:47]:<48}{rps:>9.0f}{p50:>9.1f}{p99:>9.1f}{ratio:>8.2f}  "
                f"{'yes' if ok else 'NO'}{f' ({errors} errors)' if errors else ''}"
            )
        return failures
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--duration", type=int, default=5, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
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
    print(f"Preparing data x{args.scale} in {env['DATABASE_URL']} …")
    prepare(args.scale, env)

    server = serve(env, 1)
    try:
        pages = pages_to_measure()
        print(f"\n{'page':<48}{'gzip KB (HTML+CSS+JS)':>24}")
        for path in pages:
            size = weight(path) / 1024
            print(f"{path[:47]:<48}{size:>24.1f}{'' if size < 60 else '  OVER 60 KB'}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    failures = measure("cached", env, args, pages)
    failures += measure("uncached", {**env, "PAGE_CACHE_SECONDS": "0"}, args, pages)
    print(f"\n{failures} page(s) below target" if failures else "\nevery page meets its target")


if __name__ == "__main__":
    main()
