"""Files built once per change of public content and served as files: open data, map feeds.

An app registers each of its files in its ``AppConfig.ready()``::

    published.register("commitments-data.csv", build_csv,
                       content_type="text/csv; charset=utf-8", filename="son-la-commitments.csv")

``build(stamp)`` is called once per language, inside ``translation.override(language)``, and
returns the file's bytes (or text, written as UTF-8). Where the file says when it was generated
it writes ``stamp``: the build time replaces it, and a rebuild whose content did not change
keeps the file as it was (same bytes, same ETag), so clients download it again only when it
changed.

A request never builds a file. A change to public content (``pagecache.invalidate()``, on
commit) sends the Celery task ``rebuild_published`` once per burst of changes; a request that
finds its file out of date is answered with the file as it is and asks for the rebuild too;
Celery beat sweeps every few minutes for files left stale (a broker outage). A file is written
under a temporary name, its .gz and .br copies beside it, then published by replacing its small
JSON sidecar (``os.replace``, atomic): a reader sees the previous file or the new one, never a
half-written one. A file never built yet is a 503 with ``Retry-After``. With tasks run eagerly
(no broker: ``make run``, the tests) there is no background: the request that finds the file
out of date runs the task itself, and nothing runs on commit (a demo load would rebuild for
every row).
"""

import dataclasses
import hashlib
import json
import logging
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _

from . import compression, pagecache

log = logging.getLogger(__name__)

SIDECAR = "current.json"
PENDING_KEY = "published:rebuild-pending"
RETRY_AFTER_SECONDS = 30
# A temporary file older than this is what a crashed build left behind.
ABANDONED_SECONDS = 3600


@dataclasses.dataclass(frozen=True)
class Feed:
    name: str
    build: Callable[[str], bytes | str]
    content_type: str
    filename: str
    max_age: int


_feeds = {}


def register(name, build, *, content_type, filename, max_age=300):
    """Publish ``build(stamp)``'s output at the views that call ``serve(request, name)``."""
    _feeds[name] = Feed(name, build, content_type, filename, max_age)


def feeds():
    return list(_feeds.values())


def languages():
    return [code for code, _name in settings.LANGUAGES]


def content_version():
    """What a file follows: public content, the code that builds it, its links' address
    (``SITE_URL``) and the city's date (a commitment's status depends on it).

    None when the cache (which holds the content version) cannot be reached: then nobody can
    tell whether a file is current.
    """
    version = pagecache.current_version()
    if version is None:
        return None
    today = timezone.localdate()  # as Commitment.status() reads it
    return f"{version}:{pagecache.code_build()}:{settings.SITE_URL}:{today.isoformat()}"


# Storage --------------------------------------------------------------------------------------


def _folder(feed, language):
    return Path(settings.PUBLISHED_ROOT) / feed.name / language


# The sidecars this process read last, by path: (their bytes, what they say). Every request
# reads its sidecar (a small file) but parses it again only when its bytes changed.
_sidecars = {}


def current(feed, language):
    """The sidecar of the file being served (etag, built_at, version, files), or None."""
    path = os.path.join(settings.PUBLISHED_ROOT, feed.name, language, SIDECAR)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    known = _sidecars.get(path)
    if known is not None and known[0] == raw:
        return dict(known[1])
    try:
        sidecar = json.loads(raw.decode("utf-8"))
    except ValueError:
        return None
    _sidecars[path] = (raw, sidecar)
    return dict(sidecar)


def _write_atomic(path, data):
    """Write ``data`` to ``path``: a reader finds the whole old file or the whole new one."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _remove_unused(folder, keep):
    """Files of builds before the previous one (a reader may still be opening the previous)."""
    now = time.time()
    for path in folder.iterdir():
        if path.name in keep:
            continue
        if path.name.endswith(".tmp") and now - path.stat().st_mtime < ABANDONED_SECONDS:
            continue  # another build is writing it
        path.unlink(missing_ok=True)


def rebuild(feed, language, version):
    """Build one file and publish it with its compressed copies. True when its content changed."""
    stamp = secrets.token_hex(16)
    with translation.override(language):
        body = feed.build(stamp)
    if isinstance(body, str):
        body = body.encode("utf-8")
    content = hashlib.sha256(body.replace(stamp.encode(), b"")).hexdigest()[:32]
    folder = _folder(feed, language)
    folder.mkdir(parents=True, exist_ok=True)
    previous = current(feed, language)
    if previous and previous.get("content") == content and _files_exist(folder, previous):
        _write_atomic(folder / SIDECAR, json.dumps({**previous, "version": version}).encode())
        return False
    built_at = timezone.now()
    body = body.replace(stamp.encode(), built_at.isoformat(timespec="seconds").encode())
    etag = compression.weak_etag(body)
    name = etag[3:-1]
    files = {"": name}
    _write_atomic(folder / name, body)
    for coding, data in compression.variants(body).items():
        files[coding] = f"{name}.{coding}"
        _write_atomic(folder / files[coding], data)
    sidecar = {
        "etag": etag,
        "built_at": int(built_at.timestamp()),
        "version": version,
        "content": content,
        "size": len(body),
        "files": files,
    }
    _write_atomic(folder / SIDECAR, json.dumps(sidecar).encode())
    kept = {SIDECAR, *files.values(), *((previous or {}).get("files") or {}).values()}
    _remove_unused(folder, kept)
    return True


def _files_exist(folder, sidecar):
    return all((folder / name).is_file() for name in sidecar.get("files", {}).values())


def rebuild_stale(*, name=None, language=None, force=False):
    """Rebuild the files built from other content than the current one; returns their names.

    Every file, or only ``name`` in ``language``. Safe to run twice, or in two workers at once
    (each write is atomic; the later one wins).
    """
    if name is None:
        pagecache.release(PENDING_KEY)  # a change from now on needs a rebuild of its own
    version = content_version()
    rebuilt = []
    for feed in feeds():
        if name not in (None, feed.name):
            continue
        for code in [language] if language else languages():
            sidecar = current(feed, code)
            fresh = version is not None and sidecar and sidecar.get("version") == version
            if (force or not fresh) and rebuild(feed, code, version or ""):
                rebuilt.append(f"{feed.name} ({code})")
    return rebuilt


# Sending the rebuild --------------------------------------------------------------------------


class _Sent:
    at = -float("inf")  # when this process last sent a rebuild without the cache to agree on


def content_changed():
    """Public content changed (and is committed): send one rebuild for the burst it belongs to."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return  # no worker: the next request for a file rebuilds it (see the module's doc)
    request_rebuild()


def request_rebuild(name=None, language=None):
    """Send the rebuild task unless one is pending; never raises. True when it was sent.

    The first change of a burst sends it, to run ``PUBLISH_DEBOUNCE_SECONDS`` later, so the
    changes made meanwhile are published by the same rebuild. With eager tasks it runs now,
    for ``name`` in ``language`` only when given (what the request asking for it needs).
    """
    from .tasks import rebuild_published

    delay = settings.PUBLISH_DEBOUNCE_SECONDS
    if settings.CELERY_TASK_ALWAYS_EAGER:
        arguments = (name, language)
    else:
        arguments = ()
        claimed = pagecache.claim(PENDING_KEY, delay)
        if claimed is None:  # the cache is down: at most one send per process per delay
            now = time.monotonic()
            if now - _Sent.at < delay:
                return False
            _Sent.at = now
        elif not claimed:
            return False
    try:
        rebuild_published.apply_async(arguments, countdown=delay, retry=False)
    except Exception as error:  # broker down (or an eager build failing): the sweep retries
        log.warning("Published files not rebuilt now (%s: %s)", error.__class__.__name__, error)
        return False
    return True


# Serving --------------------------------------------------------------------------------------


def serve(request, name):
    """The published file ``name`` in the request's language, in the encoding it accepts best.

    An out-of-date file is served as it is while its rebuild is asked for; a file never built
    is a 503 asking to come back. ETag and Last-Modified come from the build, with 304s.
    """
    feed = _feeds[name]
    language = translation.get_language() or settings.LANGUAGE_CODE
    sidecar = current(feed, language)
    version = content_version()
    stale = sidecar is None or (version is not None and sidecar.get("version") != version)
    if stale and request_rebuild(name, language) and settings.CELERY_TASK_ALWAYS_EAGER:
        sidecar = current(feed, language)  # built just now, in this process
    for _attempt in range(2):
        if sidecar is None:
            return _not_ready(name)
        response = _file_response(request, feed, language, sidecar)
        if response is not None:
            response.published_as = (name, language)  # the page cache answers it next time
            return response
        sidecar = current(feed, language)  # two rebuilds replaced it meanwhile: read it again
    return _not_ready(name)


def _file_response(request, feed, language, sidecar):
    files = sidecar["files"]
    not_modified = get_conditional_response(
        request, etag=sidecar["etag"], last_modified=sidecar["built_at"]
    )
    if not_modified is not None:
        response = not_modified
    else:
        header = request.META.get("HTTP_ACCEPT_ENCODING", "")
        coding = compression.choose_encoding(header, tuple(c for c in files if c))
        path = os.path.join(settings.PUBLISHED_ROOT, feed.name, language, files[coding])
        try:
            handle = open(path, "rb")  # noqa: SIM115 - the response closes it
        except FileNotFoundError:
            return None
        response = FileResponse(handle, content_type=feed.content_type, filename=feed.filename)
        if coding:
            response["Content-Encoding"] = coding
    response["ETag"] = sidecar["etag"]
    response["Last-Modified"] = http_date(sidecar["built_at"])
    patch_vary_headers(response, ("Accept-Encoding",))
    patch_cache_control(response, public=True, max_age=feed.max_age)
    return response


def _not_ready(name):
    message = _("This file is being prepared. Please try again in a minute.")
    response = HttpResponse(message, content_type="text/plain; charset=utf-8", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    # Expected for a moment after a first deployment (a worker publishes every file as it
    # starts): said once as a warning here, not as the server error Django logs for a 503.
    log.warning("Published file %s not built yet: answered 503 with Retry-After", name)
    response._has_been_logged = True
    return response
