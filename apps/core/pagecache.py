"""Cache of whole anonymous pages, invalidated by any change to the portal's content.

Every save or delete of a portal model bumps one version number; cached pages are keyed by it,
so after a change every process serves fresh pages (the cache is shared: Redis or a file cache).
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

VERSION_KEY = "pagecache:version"


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
    return version


def bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def invalidate():
    """Make every cached page stale now, and again once the current transaction commits."""
    bump()
    transaction.on_commit(bump)


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


def _static_build():
    # A new deployment's static files have new hashed names: pages cached before it would
    # point at files that may be gone, so the manifest's hash is part of every key.
    return (getattr(staticfiles_storage, "manifest_hash", "") or "") + _code_build()


def page_key(request, version):
    url = request.get_host() + request.get_full_path()
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{version}:{_static_build()}:{digest}"


def timeout():
    return settings.PAGE_CACHE_SECONDS


_MISSING = object()


def memo(name, build, *parts, timeout=300):
    """What ``build()`` returns, kept until the portal's content changes (or ``timeout``).

    For work a page repeats for every visitor (a dashboard's figures, a rendered section):
    the key holds the content version, so any save or delete of portal content makes it
    stale at once, and the page's language, so each language keeps its own. ``parts`` are
    whatever else the result depends on (filters, a slug). Store plain values or HTML. Like a
    page's, the key holds the static files' build, so stored HTML never names a retired file.
    """
    raw = ":".join(str(part) for part in parts)
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    key = f"memo:{current_version()}:{_static_build()}:{get_language()}:{name}:{digest}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, timeout)
    return value
