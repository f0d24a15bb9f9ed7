"""The cache is an accelerator, never a dependency: with the cache down every page still answers.

``apps.core.pagecache`` fails open: a cache error is logged (once per
``CACHE_ERROR_LOG_SECONDS``), the page is built and served uncached, the cache is left alone for
``CACHE_RETRY_SECONDS``, and when it answers again the content version is renewed.
"""

import contextlib
import datetime
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from decimal import Decimal

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.utils import translation

from apps.commitments.models import Commitment, KeyFeature, Measurement, Unit
from apps.core import pagecache
from apps.core.models import KeyFigure
from apps.core.permissions import OFFICIALS

pytestmark = pytest.mark.django_db

LOGGER = "apps.core.pagecache"
PUBLIC_PAGES = ["/vi/", "/vi/spaces/", "/vi/commitments/", "/vi/reports/"]


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }


def warnings_logged(caplog):
    return [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]


@pytest.fixture(autouse=True)
def _fresh_outage_state():
    """Each test starts (and leaves) with a process that has seen no cache failure."""

    def reset():
        pagecache._outage.retry_at = 0.0
        pagecache._outage.logged_at = None
        pagecache._outage.failing = False

    reset()
    yield
    reset()


class FlakyCache:
    """A working local cache that raises ConnectionError on every call while ``down``."""

    def __init__(self):
        self.backend = LocMemCache("cache-outage-tests", {})
        self.backend.clear()
        self.down = False
        self.calls = 0

    def __getattr__(self, name):
        method = getattr(self.backend, name)

        def call(*args, **kwargs):
            self.calls += 1
            if self.down:
                raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
            return method(*args, **kwargs)

        return call


@pytest.fixture
def flaky(monkeypatch):
    """The page cache's cache replaced by a FlakyCache (the rest of Django is untouched)."""
    fake = FlakyCache()
    monkeypatch.setattr(pagecache, "cache", fake)
    yield fake
    fake.backend.clear()


@pytest.fixture
def unreachable(settings):
    """Every use of Django's cache goes to a Redis nobody listens to (a closed port)."""
    original = settings.CACHES
    settings.CACHES = redis_cache("redis://127.0.0.1:1/0")
    yield
    # Back to the test cache before the autouse fixture clears it at teardown.
    settings.CACHES = original


@pytest.fixture
def figure(db):
    return KeyFigure.objects.create(label_vi="Dân số", label_en="Residents", value=106000)


# Unit level: a cache that raises ----------------------------------------------------------------


def test_memo_returns_what_build_returns_when_the_cache_is_unreachable(unreachable):
    calls = []

    def build():
        calls.append(1)
        return {"main": "<p>built</p>"}

    with translation.override("vi"):
        assert pagecache.memo("block", build, "a") == {"main": "<p>built</p>"}
        assert pagecache.memo("block", build, "a") == {"main": "<p>built</p>"}
    assert len(calls) == 2  # nothing could be kept: built each time
    assert pagecache.current_version() is None
    assert pagecache.cache_is_failing()


def test_memo_returns_what_build_returns_when_every_cache_call_raises(flaky):
    flaky.down = True
    with translation.override("en"):
        assert pagecache.memo("block", lambda: "built", "a") == "built"


def test_the_home_page_answers_in_both_languages_when_the_cache_is_unreachable(
    client, figure, unreachable
):
    for url in ("/vi/", "/en/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response  # served uncached
    assert "106,000" in client.get("/en/").content.decode()


def test_a_save_that_invalidates_the_pages_does_not_fail_when_the_cache_is_unreachable(
    unreachable, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        KeyFigure.objects.create(label_vi="x", value=1)
    assert callbacks  # the after-commit bump ran too, and failed open
    assert KeyFigure.objects.filter(label_vi="x").exists()


def test_the_outage_is_logged_once_however_many_calls_fail(flaky, settings, caplog):
    settings.CACHE_RETRY_SECONDS = 0  # every call tries the cache, and fails
    settings.CACHE_ERROR_LOG_SECONDS = 60
    flaky.down = True
    caplog.set_level(logging.WARNING, logger=LOGGER)
    with translation.override("vi"):
        for n in range(20):
            assert pagecache.memo("block", lambda n=n: n, n) == n
    assert flaky.calls >= 20
    [record] = warnings_logged(caplog)
    assert "ConnectionError" in record.getMessage()


def test_the_outage_is_logged_again_once_the_log_interval_has_passed(flaky, settings, caplog):
    settings.CACHE_RETRY_SECONDS = 0
    settings.CACHE_ERROR_LOG_SECONDS = 0.5
    flaky.down = True
    caplog.set_level(logging.WARNING, logger=LOGGER)
    pagecache.bump()
    pagecache.bump()
    time.sleep(0.55)
    pagecache.bump()
    assert len(warnings_logged(caplog)) == 2


def test_the_cache_is_left_alone_until_the_retry_interval_has_passed(flaky, settings, caplog):
    settings.CACHE_RETRY_SECONDS = 0.5
    caplog.set_level(logging.WARNING, logger=LOGGER)
    flaky.down = True
    builds = []

    def build():
        builds.append(1)
        return "built"

    with translation.override("vi"):
        for _ in range(10):
            assert pagecache.memo("block", build) == "built"
        assert flaky.calls == 1  # one failed attempt, then no request pays for another
        assert pagecache.cache_is_failing()

        flaky.down = False
        time.sleep(0.55)
        assert pagecache.memo("block", build) == "built"
        assert flaky.calls > 1  # tried again
        assert not pagecache.cache_is_failing()
        assert pagecache.memo("block", build) == "built"
    assert len(builds) == 11  # ten uncached, then built once and kept
    assert "available again" in warnings_logged(caplog)[-1].getMessage()


def test_a_change_saved_during_an_outage_is_served_during_it(
    client, figure, flaky, settings, django_capture_on_commit_callbacks
):
    settings.CACHE_RETRY_SECONDS = 0
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"

    flaky.down = True
    with django_capture_on_commit_callbacks(execute=True):
        figure.value = 107500
        figure.save()  # its bumps fail: the old page stays in the cache
    during = client.get("/en/")
    assert during.status_code == 200
    assert "X-Page-Cache" not in during
    assert "107,500" in during.content.decode()


def test_the_content_version_is_renewed_when_the_cache_answers_again(flaky, settings, caplog):
    settings.CACHE_RETRY_SECONDS = 0
    caplog.set_level(logging.WARNING, logger=LOGGER)
    before = pagecache.current_version()
    flaky.down = True
    assert pagecache.current_version() is None
    pagecache.bump()  # a change saved during the outage: its bump is lost
    flaky.down = False
    pagecache.get_page("page:any")  # the first call that reaches the cache again
    renewed = flaky.backend.get(pagecache.VERSION_KEY)
    assert renewed not in (None, before)
    assert pagecache.current_version() == renewed
    messages = [r.getMessage() for r in warnings_logged(caplog)]
    assert messages[0].startswith("Cache unavailable")
    assert messages[-1] == "Cache available again: renewing the content version"


def test_the_first_page_after_an_outage_is_not_one_cached_before_a_change_made_during_it(
    client, figure, flaky, settings, django_capture_on_commit_callbacks
):
    settings.CACHE_RETRY_SECONDS = 0
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    flaky.down = True
    with django_capture_on_commit_callbacks(execute=True):
        figure.value = 107500
        figure.save()
    flaky.down = False  # the cache answers again, still holding the page from before the change
    after = client.get("/en/")
    assert after.status_code == 200
    assert "107,500" in after.content.decode()
    assert after["X-Page-Cache"] == "miss"
    assert client.get("/en/")["X-Page-Cache"] == "hit"


# /healthz ---------------------------------------------------------------------------------------


def test_healthz_says_degraded_but_answers_200_when_the_cache_is_unreachable(client, unreachable):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["ok"] is False
    assert body["cache"]["ok"] is False
    assert body["database"]["ok"] is True


# A real Redis that stops and starts again ---------------------------------------------------------


class SpareRedis:
    """A redis-server of this test's own, on a port of its own, that can be stopped and started."""

    def __init__(self, port, folder):
        self.port = port
        self.folder = folder
        self.pidfile = folder / "redis.pid"

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def listening(self):
        with socket.socket() as probe:
            probe.settimeout(0.2)
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def _cli(self, *command):
        return subprocess.run(
            ["redis-cli", "-p", str(self.port), *command],
            capture_output=True,
            text=True,
            timeout=10,
        )

    def start(self):
        subprocess.run(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "yes",
                "--dir", str(self.folder),
                "--pidfile", str(self.pidfile),
                "--logfile", str(self.folder / "redis.log"),
            ],
            check=True,
            timeout=10,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while self._cli("ping").stdout.strip() != "PONG":
            if time.monotonic() > deadline:
                log = (self.folder / "redis.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"redis-server did not start on port {self.port}:\n{log}")
            time.sleep(0.05)

    def stop(self):
        self._cli("shutdown", "nosave")
        deadline = time.monotonic() + 10
        while self.listening():
            if time.monotonic() > deadline:
                self._kill()
                break
            time.sleep(0.05)

    def _kill(self):
        # Only the redis-server this fixture started, by the id it wrote.
        with contextlib.suppress(OSError, ValueError):
            os.kill(int(self.pidfile.read_text().strip()), signal.SIGTERM)


@pytest.fixture
def spare_redis(settings, tmp_path):
    """A redis-server started for this test, the site's cache pointed at it; always shut down."""
    if shutil.which("redis-server") is None or shutil.which("redis-cli") is None:
        pytest.skip("redis-server and redis-cli are not installed")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")  # each xdist worker its own port
    port = 6391 + int(worker.removeprefix("gw") or 0)
    server = SpareRedis(port, tmp_path)
    if server.listening():
        pytest.fail(f"port {port} is taken already: the spare Redis needs it free")
    original = settings.CACHES
    server.start()
    try:
        settings.CACHES = redis_cache(server.url)
        settings.CACHE_RETRY_SECONDS = 0  # try the cache again at once, once it is back
        yield server
    finally:
        settings.CACHES = original  # the autouse fixture clears the test cache at teardown
        server.stop()


def make_commitment(official):
    commitment = Commitment.objects.create(
        title="Trường học số",
        title_vi="Trường học số",
        title_en="Digital schools",
        key_feature=KeyFeature.TECHNOLOGIES,
        unit=Unit.PERCENT,
        baseline_value=Decimal(40),
        baseline_year=2020,
        target_value=Decimal(100),
        target_year=2030,
    )
    commitment.officials.set([official])
    return commitment


def test_pages_are_served_through_a_redis_outage_and_cached_again_after_it(
    client, spare_redis, make_user, figure, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    official = make_user("official", OFFICIALS)
    commitment = make_commitment(official)
    detail = f"/en/commitments/{commitment.slug}/"

    # The site's cache is the spare Redis now, for the page cache as for everyone else.
    assert cache._servers == [spare_redis.url]
    assert pagecache.cache._servers == [spare_redis.url]

    for url in PUBLIC_PAGES:
        first = client.get(url)
        assert (first.status_code, first["X-Page-Cache"]) == (200, "miss"), url
        second = client.get(url)
        assert (second.status_code, second["X-Page-Cache"]) == (200, "hit"), url
        assert second.content == first.content
    assert client.get(detail)["X-Page-Cache"] == "miss"
    assert "72.5" not in client.get(detail).content.decode()

    spare_redis.stop()

    for url in [*PUBLIC_PAGES, detail]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response, url  # built, not served from the cache
    assert pagecache.cache_is_failing()

    # An official records a figure: it is saved, approved and public at once.
    workspace = Client()
    workspace.force_login(official)
    record = f"/en/workspace/commitments/{commitment.slug}/record/"
    with django_capture_on_commit_callbacks(execute=True):
        response = workspace.post(
            record,
            {
                "value": "72.5",
                "valid_on": "2025-06-30",
                "note_vi": "Số liệu giữa năm",
                "note_en": "",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == "/en/workspace/commitments/"
    measurement = Measurement.objects.get(commitment=commitment)
    assert (measurement.value, measurement.valid_on, measurement.status) == (
        Decimal("72.5"),
        datetime.date(2025, 6, 30),
        Measurement.State.APPROVED,
    )
    during = client.get(detail)
    assert during.status_code == 200
    assert "72.5" in during.content.decode()

    spare_redis.start()

    after = client.get(detail)
    assert (after.status_code, after["X-Page-Cache"]) == (200, "miss")
    assert "72.5" in after.content.decode()
    again = client.get(detail)
    assert (again.status_code, again["X-Page-Cache"]) == (200, "hit")
    assert again.content == after.content
    assert not pagecache.cache_is_failing()
    for url in PUBLIC_PAGES:
        assert client.get(url)["X-Page-Cache"] == "miss", url
        assert client.get(url)["X-Page-Cache"] == "hit", url
