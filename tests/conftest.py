import importlib
import os
import re
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest
from celery._state import _set_task_join_will_block
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import request_finished, request_started
from django.db import OperationalError, connection
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import translation
from django.utils.functional import empty

from apps.core.models import Area, Profile
from apps.core.permissions import CONTENT_STAFF, JURORS, OFFICIALS, ensure_roles
from apps.core.storage import private_storage
from learningcity.celery import app

ROOT = Path(__file__).resolve().parents[1]
# The latest migration that (re)creates the append-only guards of measurements.
MEASUREMENT_GUARDS = importlib.import_module(
    "apps.commitments.migrations.0006_rejection_reason_in_the_review"
)


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_measurement_guards():
    """Transactional tests (browser, worker) empty the database after each test. PostgreSQL does
    it with TRUNCATE, which the append-only triggers on measurements do not see; SQLite with
    DELETE, which they refuse: there the flush drops them and creates them again, all in the
    flush's one transaction."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    operations = DatabaseWrapper.ops_class
    create, drop = MEASUREMENT_GUARDS.GUARDS["sqlite"]
    sql_flush = operations.sql_flush

    def flush_past_the_guards(self, style, tables, **options):
        statements = sql_flush(self, style, tables, **options)
        if statements and MEASUREMENT_GUARDS.TABLE in tables:
            statements = [*drop, *statements, *create]
        return statements

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(operations, "sql_flush", flush_past_the_guards)
        yield


class _LiveRequests:
    """The live server's threads that are answering a request now (the test's own client
    requests run on the main thread and are not followed). A thread that died mid-request no
    longer counts."""

    def __init__(self):
        self.threads = set()
        self.changed = threading.Condition()

    def started(self, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            with self.changed:
                self.threads.add(threading.current_thread())

    def finished(self, **kwargs):
        with self.changed:
            self.threads.discard(threading.current_thread())
            self.changed.notify_all()

    def busy(self):
        self.threads = {thread for thread in self.threads if thread.is_alive()}
        return bool(self.threads)

    def wait_until_idle(self, timeout):
        with self.changed:
            return self.changed.wait_for(lambda: not self.busy(), timeout)


live_requests = _LiveRequests()
FLUSH_ATTEMPTS = 3
execute_sql_flush = BaseDatabaseOperations.execute_sql_flush


def flush_when_idle(operations, sql_list):
    """A transactional test ends by emptying every table. A request the browser sent just before
    its page closed may still be running on the live server: on PostgreSQL its transaction and
    the flush's TRUNCATE can deadlock, and PostgreSQL may abort the TRUNCATE. The rows of the
    test would then stay, and every later test on the process fail on them. So the flush waits
    until the live server has answered what it was asked, and tries again if it loses a lock."""
    for attempt in range(1, FLUSH_ATTEMPTS + 1):
        if not live_requests.wait_until_idle(timeout=30):
            warnings.warn(
                "the live server was still answering a request at the flush", stacklevel=2
            )
        try:
            return execute_sql_flush(operations, sql_list)
        except OperationalError:
            if attempt == FLUSH_ATTEMPTS:
                raise
            time.sleep(0.5 * attempt)


@pytest.fixture(autouse=True, scope="session")
def _flush_once_the_live_server_is_idle():
    request_started.connect(live_requests.started, dispatch_uid="tests-live-requests")
    request_finished.connect(live_requests.finished, dispatch_uid="tests-live-requests")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            BaseDatabaseOperations,
            "execute_sql_flush",
            lambda operations, sql_list: flush_when_idle(operations, sql_list),
        )
        yield
    request_started.disconnect(dispatch_uid="tests-live-requests")
    request_finished.disconnect(dispatch_uid="tests-live-requests")


# A check that can be skipped is a check that fails in CI: with --strict-skips, a run that skips
# a test for any reason not allowed by an --allow-skip pattern fails, listing each skip.


def pytest_addoption(parser):
    parser.addoption(
        "--strict-skips",
        action="store_true",
        help="fail the run when a test is skipped for a reason no --allow-skip pattern matches",
    )
    parser.addoption(
        "--allow-skip",
        action="append",
        default=[],
        metavar="REGEX",
        help="a skip reason that --strict-skips accepts (searched in the reason)",
    )


_SKIPS = []


def _skip_reason(report):
    if isinstance(report.longrepr, tuple):
        return report.longrepr[2].removeprefix("Skipped: ")
    return str(report.longrepr)


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _SKIPS.append((report.nodeid, _skip_reason(report)))


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if hasattr(config, "workerinput") or not config.getoption("--strict-skips"):
        return
    allowed = [re.compile(pattern) for pattern in config.getoption("--allow-skip")]
    unexpected = [
        (nodeid, reason)
        for nodeid, reason in _SKIPS
        if not any(pattern.search(reason) for pattern in allowed)
    ]
    writer = config.get_terminal_reporter() if hasattr(config, "get_terminal_reporter") else None
    writer = writer or config.pluginmanager.get_plugin("terminalreporter")
    for nodeid, reason in _SKIPS:
        flag = "NOT ALLOWED" if (nodeid, reason) in unexpected else "allowed"
        writer.write_line(f"skip ({flag}): {nodeid}: {reason}")
    if unexpected:
        writer.write_line(f"{len(unexpected)} test(s) skipped for a reason not allowed", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Each test gets its own media and private folders, an empty cache and the site's default
    language: a language one test activates never leaks into the next (which test runs before
    which differs between runs with several test processes)."""
    translation.deactivate()
    # Celery's guard against result.get() inside a task is one flag for the whole process, set
    # and restored around each eager task: eager tasks run at once by several threads (the
    # concurrent submissions test) can leave it set, and a later test could not wait for a
    # worker's result. This process is no worker: it starts each test cleared.
    _set_task_join_will_block(False)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLISHED_ROOT = tmp_path / "published"
    # The private storage (evidence) goes to this test's folder too. It is put in Django's
    # storages registry directly: changing settings.STORAGES would also reset the static files
    # storage when the test ends, under fixtures that patch it (test_page_cache).
    storages._storages["private"] = FileSystemStorage(location=tmp_path / "private")
    private_storage._wrapped = empty
    cache.clear()
    yield
    storages._storages.pop("private", None)
    private_storage._wrapped = empty
    cache.clear()
    translation.deactivate()


@pytest.fixture
def make_area(db):
    def make(name="Chiềng Đen", kind=Area.Kind.COMMUNE, parent=None, name_en=""):
        return Area.objects.create(
            name=name, name_vi=name, name_en=name_en, kind=kind, parent=parent
        )

    return make


@pytest.fixture
def commune(make_area):
    return make_area("Xã Chiềng Đen", name_en="Chieng Den Commune")


@pytest.fixture
def village(make_area, commune):
    return make_area("Bản Co Phương", Area.Kind.VILLAGE, commune, "Co Phuong village")


@pytest.fixture
def make_user(db):
    def make(username="user", role=None, areas=(), password="pass-word-123", **extra):
        user = get_user_model().objects.create_user(
            username=username, password=password, email=f"{username}@example.org", **extra
        )
        if role:
            user.groups.add(ensure_roles()[role])
        profile = Profile.objects.create(user=user)
        profile.areas.set(areas)
        return user

    return make


@pytest.fixture
def official(make_user, commune):
    return make_user("official", OFFICIALS, areas=[commune])


@pytest.fixture
def staff_user(make_user):
    return make_user("staff", CONTENT_STAFF, is_staff=True)


@pytest.fixture
def juror(make_user):
    return make_user("juror", JURORS)


@pytest.fixture
def start_worker(transactional_db, tmp_path):
    """Start real Celery worker processes on Redis that share the test database and media."""
    if not settings.BROKER_URL or connection.vendor != "postgresql":
        pytest.skip("needs REDIS_URL and a PostgreSQL DATABASE_URL")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DJANGO_SETTINGS_MODULE": "learningcity.settings.base",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "BROKER_URL": settings.CELERY_BROKER_URL,  # this test process's own queue
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(storages["private"].location),
        "PUBLISHED_ROOT": str(settings.PUBLISHED_ROOT),
        # The test process's cache: the content version a published file follows lives there.
        "CACHE_URL": settings.CACHES["default"].get("LOCATION", ""),
    }
    started = []

    def start(name="w1", **extra_env):
        log = (tmp_path / f"worker-{name}.log").open("w")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "learningcity",
                "worker",
                "--pool=solo",
                f"--hostname={name}@%h",
                "--loglevel=INFO",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env={**env, **extra_env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append((process, log))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            replies = app.control.ping(timeout=0.5) or []
            if any(key.startswith(f"{name}@") for reply in replies for key in reply):
                break
        return process

    app.conf.task_always_eager = False
    try:
        yield start
    finally:
        app.conf.task_always_eager = True
        for process, log in started:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    # Still in a task: it must not write after the test's tables are emptied.
                    process.kill()
                    process.wait()
            log.close()


@pytest.fixture
def worker(start_worker):
    """One real Celery worker process on Redis."""
    return start_worker()
