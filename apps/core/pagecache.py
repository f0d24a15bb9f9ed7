"""Cached anonymous pages and memoised page parts, kept until public content changes.

Every cached page and memo is keyed by the *content version*, a random token that changes
whenever public content changes (``invalidate()``, called by ``apps.core.content``), so after a
change every process serves fresh pages: the cache is shared (Redis, or a file cache on one
machine). A random token, not a counter: if the version key is evicted, the next one is new
and nothing cached before the edit can come back.

The cache is an accelerator, never a dependency: every read or write here fails open. When the
cache cannot be reached the page is built and served uncached, the failure is logged once per
``CACHE_ERROR_LOG_SECONDS``, and the cache is left alone for ``CACHE_RETRY_SECONDS`` so that
each request does not pay for a connection attempt. When it answers again, the version is
renewed: changes saved during the outage could not make the pages cached before it stale.
"""

import contextlib
import contextvars
import functools
import hashlib
import logging
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import get_language

from . import compression
from .localmemo import LocalStore

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
MEMO_SECONDS = 300
_MISSING = object()


class _Outage:
    """This process's view of the cache: reachable, or failed until ``retry_at``."""

    retry_at = 0.0
    logged_at = None
    failing = False


_outage = _Outage()


def _cache_call(operation, *args, default=None):
    """``cache.<operation>(*args)``, or ``default`` when the cache fails (logged, not raised)."""
    now = time.monotonic()
    if now < _outage.retry_at:
        return default
    try:
        result = getattr(cache, operation)(*args)
    except Exception as error:  # any back-end error (connection, timeout, disk) fails open
        _outage.failing = True
        _outage.retry_at = now + settings.CACHE_RETRY_SECONDS
        if _outage.logged_at is None or now - _outage.logged_at >= settings.CACHE_ERROR_LOG_SECONDS:
            _outage.logged_at = now
            logger.warning(
                "Cache unavailable (%s: %s): pages are built and served uncached",
                error.__class__.__name__,
                error,
            )
        return default
    if _outage.failing:
        _outage.failing = False
        logger.warning("Cache available again: renewing the content version")
        bump()
        # What was just read (a version, a page) may predate changes saved during the
        # outage: read it again under the renewed version.
        return _cache_call(operation, *args, default=default)
    return result


def cache_is_failing():
    """True while this process has found the cache unreachable (and waits to retry it)."""
    return _outage.failing


# The version read once per request (set up by the page cache middleware): a page with three
# memos asks the cache for it once, not four times.
_request_version = contextvars.ContextVar("pagecache_request_version", default=None)


# What a request asked once and may ask again (an official's areas, their roles): kept for
# the request only (per_request), so that a change is seen by the next request.
_request_values = contextvars.ContextVar("pagecache_request_values", default=None)


@contextlib.contextmanager
def request_scope():
    """Read the content version at most once inside this block (one request)."""
    token = _request_version.set([None])
    values_token = _request_values.set({})
    try:
        yield
    finally:
        _request_values.reset(values_token)
        _request_version.reset(token)


def per_request(key, build):
    """``build()``, once per request for ``key`` (outside a request: every time).

    For facts about the visitor that several parts of one page ask for; never shared between
    requests. Keep a value nobody changes (a tuple, a frozenset).
    """
    values = _request_values.get()
    if values is None:
        return build()
    if key not in values:
        values[key] = build()
    return values[key]


def current_version():
    """The content version, or None when the cache cannot be reached (then nothing is cached)."""
    box = _request_version.get()
    if box is not None and box[0] is not None:
        return box[0]
    version = _cache_call("get", VERSION_KEY)
    if version is None:
        token = secrets.token_hex(8)
        if _cache_call("add", VERSION_KEY, token, None, default=False):
            version = token
        else:
            version = _cache_call("get", VERSION_KEY)  # another process set it first
    if box is not None:
        box[0] = version
    return version


def bump():
    """A new content version now: every page and memo cached before is stale."""
    token = secrets.token_hex(8)
    _cache_call("set", VERSION_KEY, token, None)
    box = _request_version.get()
    if box is not None:
        box[0] = None  # read it again: this request's later memos must see the change


def _bump_after_commit():
    # Registered once per change, run once per commit: the first callback of a commit bumps,
    # the others (one per row changed in the same transaction) find nothing left to do.
    connection = transaction.get_connection()
    if getattr(connection, "_pagecache_stale", False):
        connection._pagecache_stale = False
        bump()
        _published_content_changed()


def _published_content_changed():
    # Open data and feeds follow public content too: their rebuild is sent (debounced) once
    # the change is committed. Imported here: published builds on this module.
    from . import published

    published.content_changed()


def invalidate():
    """Make every cached page stale now, and again once the current transaction commits.

    The first bump lets the writer see its change at once; the second, after the commit,
    drops what another process may have cached from the old rows in between (once per
    commit, however many rows changed). Never raises: an unreachable cache fails no save.
    """
    bump()
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        connection._pagecache_stale = True
        transaction.on_commit(_bump_after_commit)
    else:
        # In autocommit mode the row is written already: the bump above follows it.
        _published_content_changed()


@functools.cache
def _code_build():
    """A fingerprint of the code, templates and translations this process runs.

    A deployment that changes a template or a translation must not serve HTML cached by the
    previous one; the cache is shared, so the fingerprint is part of every key. RELEASE (set by
    the deployment, e.g. a commit id) spares reading the files.
    """
    if settings.RELEASE:
        return settings.RELEASE
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder in ("apps", "templates", "locale", "learningcity"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in {".py", ".html", ".txt", ".mo"}:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def code_build():
    """The fingerprint of the running code (``RELEASE`` when set): what it builds may differ."""
    return _code_build()


def claim(key, seconds):
    """True for the first caller in ``seconds`` (in every process), False for the others.

    None when the cache cannot be reached: the caller decides alone.
    """
    return _cache_call("add", key, True, seconds, default=None)


def release(key):
    _cache_call("delete", key)


def _static_build():
    # A new deployment's static files have new hashed names: pages cached before it would
    # point at files that may be gone, so the manifest's hash is part of every key.
    return (getattr(staticfiles_storage, "manifest_hash", "") or "") + _code_build()


def _digest(text):
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


# Whole pages ----------------------------------------------------------------------------------


def request_query(request):
    """The request's query parameters as the page cache compares them: sorted, blanks dropped."""
    return tuple(sorted((k, v) for k, values in request.GET.lists() for v in values if v != ""))


def accept_query(request, **params):
    """Tell the page cache which query parameters this view understood, with their values.

    A page is stored only when the request's query string holds exactly these (in any order,
    blanks aside), so an unknown or invalid parameter (``?x=1``, ``?area=nowhere``) gets a
    page built for it but never a new cache entry. A view that reads no parameter need not
    call this: any query string then makes its page uncacheable.
    """
    request._page_cache_query = tuple(
        sorted((k, str(v)) for k, v in params.items() if v not in ("", None))
    )


def accepted_query(request):
    """The ``(name, value)`` pairs of the query string the view accepted (``accept_query``)."""
    return getattr(request, "_page_cache_query", ())


def query_accepted(request):
    return accepted_query(request) == request_query(request)


def page_key(request, version):
    url = request.get_host() + request.path + "?" + repr(request_query(request))
    return f"page:{version}:{_static_build()}:{_digest(url)}"


# Brotli's quality for a page being stored: 5 is as fast as gzip and smaller (11 would cost a
# missed request ~90 ms for 60 KB of HTML); published files, built in the background, use 11.
PAGE_BROTLI_QUALITY = 5
_ENTRY_FIELDS = {"body", "variants", "headers", "etag", "built_at"}


def page_entry(body, headers):
    """What the cache keeps of a page: its body, its gzip and Brotli bodies (compressed now,
    once, so a hit costs no compression), its headers, a weak ETag and when it was built."""
    content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
    variants = {}
    if compression.is_compressible(content_type, len(body)):
        variants = compression.variants(body, brotli_quality=PAGE_BROTLI_QUALITY)
    return {
        "body": body,
        "variants": variants,
        "headers": list(headers),
        "etag": compression.weak_etag(body),
        "built_at": int(time.time()),
    }


def is_page_entry(value):
    return isinstance(value, dict) and value.keys() >= _ENTRY_FIELDS


def get_page(key):
    return _cache_call("get", key)


def store_page(key, value):
    _cache_call("set", key, value, settings.PAGE_CACHE_SECONDS)


# Parts of pages -------------------------------------------------------------------------------


# What this process read of the memos lately (apps.core.localmemo): a memo asked again under
# the same content version costs neither the shared cache's round trip nor the unpickling.
# A process keeps its copy a short while: a memo whose shared copy expired (``timeout``) is
# read again soon after, as fresh as every other process's.
LOCAL_MEMO_BYTES = 32 * 1024 * 1024
LOCAL_MEMO_SECONDS = 30
local_memos = LocalStore(LOCAL_MEMO_BYTES)


def memo(name, build, *parts, timeout=MEMO_SECONDS, shared=False):
    """What ``build()`` returns, kept until public content changes (or ``timeout``).

    For work a page repeats for every visitor (a dashboard's figures, a rendered section):
    the key holds the content version, so a change to public content makes it stale at once,
    and the page's language, so each language keeps its own. ``parts`` are whatever else the
    result depends on (validated filters, a slug): never raw query parameters, or anyone could
    fill the cache. Store plain values or HTML. Like a page's, the key holds the static files'
    build, so stored HTML never names a retired file. Without a cache, ``build()`` is called.

    The process keeps its own copy too (``local_memos``): plain values, and copies of lists,
    dicts and arrays of them, so that no caller changes what the next one gets. ``shared=True``
    keeps any value (model instances) for callers that promise never to change it.
    """
    version = current_version()
    if version is None:
        return build()
    raw = ":".join(str(part) for part in parts)
    key = f"memo:{version}:{_static_build()}:{get_language()}:{name}:{_digest(raw)}"
    value = local_memos.get(key, _MISSING)
    if value is not _MISSING:
        return value
    value = _cache_call("get", key, _MISSING, default=_MISSING)
    if value is _MISSING:
        value = build()
        _cache_call("set", key, value, timeout)
    return local_memos.set(key, value, min(timeout, LOCAL_MEMO_SECONDS), shared=shared)


def render_memo(request, template, name, build, *parts, timeout=MEMO_SECONDS, status=200, **extra):
    """Render ``template`` (the page's shell) around what ``build()`` returns, memoised.

    ``build()`` returns the shell's context (a dict: its ``main`` HTML, title, …) or the main
    HTML alone; it is called once per content version, language and ``parts``. ``extra`` is
    context that differs per request (notices about the query) and is never memoised.
    """
    built = memo(name, build, *parts, timeout=timeout)
    context = built if isinstance(built, dict) else {"main": built}
    return render(request, template, {**context, **extra}, status=status)
