"""Published files (apps.core.published): built once per change in the background, served as files.

A request never builds a file: it gets the file as last built (or a 503 when none was ever
built) while the rebuild is sent; writes are atomic, so a half-written file is never served.
The test feed's content is whatever ``source["text"]`` says when it is built.
"""

import gzip
import io
import json
import os

import brotli
import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import translation
from kombu.exceptions import OperationalError

from apps.core import pagecache, published
from apps.core.tasks import rebuild_published

pytestmark = pytest.mark.django_db

NAME = "test-feed.txt"
LINE = "Nhà Tri thức bản Co Phương, Chiềng Đen; built at {stamp}\n"


@pytest.fixture
def source():
    return {"text": LINE * 200}


@pytest.fixture
def feed(source):
    def build(stamp):
        return source["text"].replace("{stamp}", stamp) + f"{translation.get_language()}\n"

    published.register(NAME, build, content_type="text/plain; charset=utf-8", filename="t.txt")
    yield published._feeds[NAME]
    published._feeds.pop(NAME)


@pytest.fixture
def sent(settings, monkeypatch):
    """A broker that keeps what is sent (a worker that has not run it yet)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    queue = []
    monkeypatch.setattr(
        rebuild_published, "apply_async", lambda *args, **kwargs: queue.append((args, kwargs))
    )
    return queue


def get(language="vi", **headers):
    request = RequestFactory().get(f"/{language}/feed.txt", headers=headers)
    with translation.override(language):
        return published.serve(request, NAME)


def body(response):
    data = response.getvalue()
    coding = response.get("Content-Encoding")
    if coding == "gzip":
        return gzip.decompress(data).decode()
    if coding == "br":
        return brotli.decompress(data).decode()
    return data.decode()


def change(source, text):
    source["text"] = text
    pagecache.invalidate()  # what saving public content does


def test_a_file_never_built_is_a_503_asking_to_come_back_and_its_build_is_sent(feed, sent):
    for language, message in (
        ("vi", "Tệp này đang được chuẩn bị"),
        ("en", "This file is being prepared"),
    ):
        response = get(language)
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "no-store" in response["Cache-Control"]
        assert message in response.content.decode()
    assert len(sent) == 1  # one send for both requests: the second finds it pending
    assert sent[0][1]["countdown"] == 10


def test_a_change_is_served_as_the_previous_file_until_the_rebuild_has_run(feed, source, sent):
    published.rebuild_stale()
    first = get()
    assert first.status_code == 200
    text = body(first)
    assert "Co Phương" in text
    change(source, "Bản mới\n" * 200)
    stale = get()
    assert stale.status_code == 200
    assert body(stale) == text
    assert stale["ETag"] == first["ETag"]
    assert len(sent) == 1
    rebuild_published(*sent[0][0][0])  # the worker runs what was sent
    fresh = get()
    assert body(fresh).startswith("Bản mới")
    assert fresh["ETag"] != first["ETag"]


def test_a_burst_of_changes_sends_one_rebuild_and_a_change_after_it_ran_sends_another(
    feed, source, sent, django_capture_on_commit_callbacks
):
    published.rebuild_stale()
    for number in range(5):  # five commits
        with django_capture_on_commit_callbacks(execute=True):
            change(source, f"{number}\n" * 500)
    assert len(sent) == 1
    rebuild_published()
    with django_capture_on_commit_callbacks(execute=True):
        change(source, "again\n" * 500)
    assert len(sent) == 2


def test_without_a_worker_nothing_is_sent_on_commit_and_the_request_rebuilds_its_file(
    feed, source, settings, monkeypatch, django_capture_on_commit_callbacks
):
    assert settings.CELERY_TASK_ALWAYS_EAGER  # make run and the tests: no broker
    published.rebuild_stale()
    builds = []
    build = published.rebuild
    monkeypatch.setattr(
        published, "rebuild", lambda *args: builds.append(args[1:2]) or build(*args)
    )
    with django_capture_on_commit_callbacks(execute=True):
        change(source, "một\n" * 300)
    assert builds == []  # a demo load would otherwise rebuild everything for each row
    assert body(get("vi")).startswith("một")
    assert builds == [("vi",)]  # the file asked for, not every file
    assert body(get("en")).endswith("en\n")


def test_a_half_written_file_is_never_served(feed, source, sent, monkeypatch):
    published.rebuild_stale()
    before = body(get())
    folder = published._folder(feed, "vi")
    # A build that died mid-way leaves a temporary file: it is never read.
    (folder / ".half.tmp").write_bytes(b"half a fi")
    seen = []
    write = published._write_atomic

    def write_then_crash(path, data):
        if path.name == published.SIDECAR:
            seen.append(body(get()))  # a request while the new files are written
            raise OSError("disk full")
        write(path, data)

    monkeypatch.setattr(published, "_write_atomic", write_then_crash)
    change(source, "mới\n" * 300)
    with pytest.raises(OSError, match="disk full"):
        published.rebuild(feed, "vi", published.content_version())
    assert seen == [before]
    assert body(get()) == before
    monkeypatch.setattr(published, "_write_atomic", write)
    rebuild_published()
    assert body(get()).startswith("mới")
    assert (folder / ".half.tmp").exists()  # young: perhaps another build's; kept an hour


def test_with_the_broker_down_the_old_file_stays_and_the_sweep_publishes_the_change(
    feed, source, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    published.rebuild_stale()
    before = body(get())

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(rebuild_published, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        change(source, "sau\n" * 300)
    response = get()
    assert response.status_code == 200
    assert body(response) == before
    rebuild_published()  # Celery beat's sweep, once the broker is back
    assert body(get()).startswith("sau")


def test_a_rebuild_whose_content_did_not_change_keeps_the_file_and_its_etag(feed, source):
    published.rebuild_stale()
    first = get()
    pagecache.invalidate()  # another app's content changed
    assert published.rebuild_stale() == []
    again = get()
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]
    sidecar = published.current(feed, "vi")
    assert sidecar["version"] == published.content_version()


def test_the_build_time_goes_where_the_file_says_when_it_was_generated(feed):
    published.rebuild_stale()
    text = body(get())
    built = published.current(feed, "vi")["built_at"]
    assert "{stamp}" not in text
    assert "built at 20" in text
    assert get()["Last-Modified"].endswith("GMT")
    assert built > 0


def test_each_language_has_its_own_file(feed):
    published.rebuild_stale()
    assert body(get("vi")).endswith("vi\n")
    assert body(get("en")).endswith("en\n")


def test_the_smallest_accepted_encoding_is_sent_with_vary_and_the_same_content(feed):
    published.rebuild_stale()
    plain = get()
    gz = get(accept_encoding="gzip")
    br = get(accept_encoding="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert (gz["Content-Encoding"], br["Content-Encoding"]) == ("gzip", "br")
    sizes = [int(r["Content-Length"]) for r in (plain, gz, br)]
    assert sizes[0] > 5 * sizes[1]
    assert sizes[2] <= sizes[1]
    assert body(plain) == body(gz) == body(br)
    for response in (plain, gz, br):
        assert "Accept-Encoding" in response["Vary"]
        assert response["Cache-Control"] == "public, max-age=300"
        assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_a_client_holding_the_file_gets_a_304_whichever_encoding_it_got(feed):
    published.rebuild_stale()
    br = get(accept_encoding="br")
    for headers in (
        {"if_none_match": br["ETag"]},
        {"if_none_match": br["ETag"], "accept_encoding": "gzip"},
        {"if_modified_since": br["Last-Modified"]},
    ):
        response = get(**headers)
        assert response.status_code == 304
        assert response["ETag"] == br["ETag"]
        assert "Accept-Encoding" in response["Vary"]
    assert get(if_none_match='W/"other"').status_code == 200


def test_a_malformed_accept_encoding_gets_the_plain_file(feed):
    published.rebuild_stale()
    for header in ("gzip;q=x", "br;q=2", "ǵzip", "br;q=0, gzip;q=0"):
        response = get(accept_encoding=header)
        assert response.status_code == 200
        assert "Content-Encoding" not in response


def test_with_the_cache_down_the_file_is_served_as_it_is(feed, sent, monkeypatch):
    published.rebuild_stale()
    before = body(get())
    monkeypatch.setattr(pagecache, "current_version", lambda: None)
    assert body(get()) == before
    assert sent == []  # nobody can tell it is stale: the sweep rebuilds it


def test_only_the_current_and_the_previous_build_are_kept(feed, source):
    folder = published._folder(feed, "vi")
    names = []
    for number in range(4):
        change(source, f"{number}\n" * 300)
        published.rebuild_stale()
        names.append(published.current(feed, "vi")["files"][""])
    kept = {p.name for p in folder.iterdir()}
    assert names[-1] in kept
    assert names[-2] in kept
    assert not {names[0], names[1]} & kept
    assert json.loads((folder / published.SIDECAR).read_text())["files"][""] == names[-1]
    assert all(os.path.getsize(folder / name) for name in kept)


def test_the_publish_command_builds_every_file_so_a_fresh_site_serves_them(feed, sent):
    out = io.StringIO()
    call_command("publish", stdout=out)
    assert "published test-feed.txt (vi)" in out.getvalue()
    assert get("vi").status_code == get("en").status_code == 200
    assert sent == []
    call_command("publish", stdout=out)
    assert out.getvalue().endswith("0 file(s) changed.\n")


def test_a_write_that_fails_midway_leaves_the_old_file_whole_and_no_temporary_file(
    tmp_path, monkeypatch
):
    path = tmp_path / published.SIDECAR
    path.write_bytes(b'{"etag": "old"}')

    def power_cut(descriptor):
        raise OSError("power cut")

    monkeypatch.setattr(os, "fsync", power_cut)
    with pytest.raises(OSError, match="power cut"):
        published._write_atomic(path, b'{"etag": "new", "files": {}}')
    assert path.read_bytes() == b'{"etag": "old"}'
    assert [p.name for p in tmp_path.iterdir()] == [published.SIDECAR]


def test_a_file_not_built_yet_is_a_warning_in_the_log_not_a_server_error(client, sent, caplog):
    caplog.set_level("WARNING")
    with translation.override("en"):
        response = client.get("/en/commitments/data.csv")
    assert response.status_code == 503
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    assert any("not built yet" in r.getMessage() for r in caplog.records)


def test_a_worker_that_starts_publishes_every_missing_file(feed, settings):
    from apps.core.tasks import publish_when_a_worker_starts

    assert published.current(feed, "vi") is None
    publish_when_a_worker_starts()  # eager here: the task runs at once
    assert published.current(feed, "vi") is not None
    assert published.current(feed, "en") is not None
    assert get().status_code == 200
