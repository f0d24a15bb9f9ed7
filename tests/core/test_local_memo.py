"""What a process keeps of the memos it read (apps.core.localmemo): never stale, never shared
in a way a caller could change."""

from array import array

import pytest
from django.core.cache import cache
from django.utils import translation

from apps.core import pagecache
from apps.core.localmemo import LocalStore
from apps.core.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted_gets(monkeypatch):
    """The keys the memos asked the shared cache for (the content version's aside)."""
    asked = []
    real_get = cache.get

    def get(key, *args, **kwargs):
        if key != pagecache.VERSION_KEY:
            asked.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(pagecache.cache, "get", get)
    return asked


def test_a_memo_asked_again_is_not_read_from_the_shared_cache_again(counted_gets):
    builds = []

    def build():
        builds.append(1)
        return "<p>built</p>"

    with translation.override("vi"):
        for _ in range(5):
            assert pagecache.memo("probe", build, "a") == "<p>built</p>"
    assert len(builds) == 1
    assert len(counted_gets) == 1


def test_a_change_of_content_is_seen_at_once_by_the_process_that_kept_the_memo(db):
    with translation.override("vi"):
        assert pagecache.memo("probe", lambda: "before") == "before"
        pagecache.invalidate()
        assert pagecache.memo("probe", lambda: "after") == "after"


def test_another_process_changing_the_content_is_seen_at_once(db):
    # Another process renews the version in the shared cache; this one kept the old memo.
    with translation.override("vi"):
        assert pagecache.memo("probe", lambda: "before") == "before"
        cache.set(pagecache.VERSION_KEY, "renewed-elsewhere", None)
        assert pagecache.memo("probe", lambda: "after") == "after"


def test_a_caller_changing_a_list_dict_or_array_it_got_changes_nothing_for_the_next():
    values = {
        "list": lambda: [1, 2, 3],
        "dict": lambda: {"main": "<p>x</p>", "title": "T"},
        "array": lambda: array("q", [3, 2, 1]),
    }
    with translation.override("vi"):
        for name, build in values.items():
            first = pagecache.memo(name, build)
            if isinstance(first, dict):
                first["main"] = "changed"
            else:
                first[0] = 99
            assert pagecache.memo(name, build) == build(), name


def test_model_instances_are_not_kept_by_the_process_unless_shared(counted_gets, commune):
    with translation.override("vi"):
        for _ in range(3):
            pagecache.memo("areas", lambda: list(Area.objects.all()))
        assert len(counted_gets) == 3  # read from the shared cache each time
        for _ in range(3):
            pagecache.memo("areas-shared", lambda: list(Area.objects.all()), shared=True)
        assert len(counted_gets) == 4


def test_nothing_is_kept_when_the_cache_cannot_be_reached(monkeypatch):
    monkeypatch.setattr(pagecache, "current_version", lambda: None)
    builds = []
    for _ in range(3):
        pagecache.memo("probe", lambda: builds.append(1) or "x")
    assert len(builds) == 3


def test_the_store_drops_the_least_recently_used_beyond_its_size():
    store = LocalStore(max_bytes=8000)
    for i in range(20):
        store.set(i, "x" * 500, 60)
    assert store.get(0) is None
    assert store.get(19) == "x" * 500
    assert store._size <= 8000


def test_a_value_is_dropped_when_its_time_is_up(monkeypatch):
    store = LocalStore(max_bytes=8000)
    store.set("k", "v", 10)
    now = pagecache.time.monotonic()
    monkeypatch.setattr("apps.core.localmemo.time.monotonic", lambda: now + 11)
    assert store.get("k") is None


def test_a_huge_value_is_not_kept():
    store = LocalStore(max_bytes=8000)
    assert store.set("big", "x" * 5000, 60) == "x" * 5000
    assert store.get("big") is None
