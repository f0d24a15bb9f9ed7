"""Test settings: the base settings with fast hashing, in-memory files and a local cache."""

import os
import re

os.environ.setdefault("DJANGO_ENV", "test")

from .base import *  # noqa: F403
from .base import BROKER_URL, CACHE_URL, PRIVATE_MEDIA_ROOT

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
_worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or "0")
if not CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Tests clear the cache (FLUSHDB): each test process gets a Redis database of its own for
    # it (10, 11, … by pytest-xdist worker), apart from the broker's queues and each other.
    CACHES["default"]["LOCATION"] = re.sub(r"(/\d*)?$", f"/{10 + _worker}", CACHE_URL, count=1)
CELERY_TASK_ALWAYS_EAGER = True
if BROKER_URL:
    # The real workers a test starts (tests/conftest.py) take their tasks from this test
    # process's own queue (Redis database 4, 5, …): two test processes' workers never take
    # each other's tasks.
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = re.sub(
        r"(/\d*)?$", f"/{4 + _worker}", BROKER_URL, count=1
    )
SERVE_MEDIA = True
BENCHMARK_VIEWS = True
PAGE_CACHE_HEADER = True  # the page cache tests read it
