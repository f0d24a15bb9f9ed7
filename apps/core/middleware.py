import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _

from . import compression, pagecache, published

MAX_QUERY_LENGTH = 300
NO_STORE = ("private", "no-store", "no-cache")


def _is_anonymous(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the page cache; store the successful ones.

    A request is anonymous when it carries no session and no message cookie; signed-in people
    always get a fresh page. A response is stored only when it is a 200 that sets no cookie
    (a page with a CSRF token sets one), does not ask to be private or uncached, and answers a
    query string its view accepted (``pagecache.accept_query``). Without a reachable cache
    every page is simply built. ``X-Page-Cache: hit|miss`` is sent only when
    ``PAGE_CACHE_HEADER`` is on: it would tell anyone what others have asked for.

    A stored page keeps its gzip and Brotli bodies, compressed once when it is stored, so a
    hit costs no compression: the body sent is the one ``Accept-Encoding`` prefers, with
    ``Vary: Accept-Encoding``, a weak ETag (one per content, whatever the encoding) and the
    time it was built as Last-Modified; a request that already holds it gets a 304. HEAD is
    answered from the cache too (headers only); only GET stores.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._published = {}

    def __call__(self, request):
        with pagecache.request_scope():
            return self._respond(request)

    def _respond(self, request):
        cacheable = (
            request.method in ("GET", "HEAD")
            and settings.PAGE_CACHE_SECONDS > 0
            and _is_anonymous(request)
            and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
        )
        if not cacheable:
            return self.get_response(request)
        shortcut = self._published.get(request.path_info) if not request.GET else None
        if shortcut is not None:
            return self._serve_published(request, *shortcut)
        version = pagecache.current_version()
        if version is None:  # the cache is unreachable: build the page
            return self.get_response(request)
        try:
            key = pagecache.page_key(request, version)
        except Exception:  # a disallowed host: let the view answer it (400)
            return self.get_response(request)
        stored = pagecache.get_page(key)
        if pagecache.is_page_entry(stored):
            response = HttpResponse()
            for name, value in stored["headers"]:
                response[name] = value
            self._mark(response, "hit")
            return self._serve(request, stored, response)
        response = self.get_response(request)
        self._learn_published(request, response)
        if request.method == "GET" and self._storable(request, response):
            skipped = {"set-cookie", "content-length", "etag", "last-modified"}
            headers = [(k, v) for k, v in response.items() if k.lower() not in skipped]
            entry = pagecache.page_entry(response.content, headers)
            pagecache.store_page(key, entry)
            self._mark(response, "miss")
            return self._serve(request, entry, response)
        return response

    # Published files (apps.core.published) answered without a query string, by address:
    # (file, language, the headers the layers below the cache added). Such a file is never a
    # cached page (it is streamed from disk): once an address is known to serve one, an
    # anonymous request for it is answered here, like a cached page, without the layers below.
    PUBLISHED_ADDRESSES = 256
    _SERVE_HEADERS = {
        "content-type",
        "content-length",
        "content-disposition",
        "content-encoding",
        "etag",
        "last-modified",
        "cache-control",
    }

    def _learn_published(self, request, response):
        published_as = getattr(response, "published_as", None)
        if published_as is None or request.method != "GET" or request.GET:
            return
        if response.status_code not in (200, 304) or response.cookies:
            return
        if len(self._published) >= self.PUBLISHED_ADDRESSES:
            return
        added = tuple((k, v) for k, v in response.items() if k.lower() not in self._SERVE_HEADERS)
        self._published[request.path_info] = (*published_as, added)

    @staticmethod
    def _serve_published(request, name, language, added):
        with translation.override(language):
            response = published.serve(request, name)
        if getattr(response, "published_as", None) is None:  # not built yet: a 503
            return response
        for header, value in added:
            response[header] = value
        return response

    @staticmethod
    def _serve(request, entry, response):
        """``response`` given the body ``Accept-Encoding`` prefers, or a 304 when it is held."""
        header = request.META.get("HTTP_ACCEPT_ENCODING", "")
        coding = compression.choose_encoding(header, tuple(entry["variants"]))
        body = entry["variants"][coding] if coding else entry["body"]
        if coding:
            response["Content-Encoding"] = coding
        patch_vary_headers(response, ("Accept-Encoding",))
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["built_at"])
        response["Content-Length"] = str(len(body))
        response.content = b"" if request.method == "HEAD" else body
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["built_at"], response=response
        )

    @staticmethod
    def _mark(response, outcome):
        if settings.PAGE_CACHE_HEADER:
            response["X-Page-Cache"] = outcome

    @staticmethod
    def _storable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if not pagecache.query_accepted(request):
            return False
        control = response.get("Cache-Control", "")
        return not any(word in control for word in NO_STORE)


class CompressionMiddleware:
    """gzip for text responses built for one request (signed-in pages, uncached pages).

    Cached pages and published files come with their compressed bodies already (and a
    ``Content-Encoding``): they are left alone, as are streaming responses (files, static files
    served by WhiteNoise with their own precompressed copies), bodies under
    ``compression.MIN_SIZE`` and anything that is not text (images, PDFs, spreadsheets, archives
    are compressed already). Against BREACH (a secret in a compressed page that also echoes the
    visitor's input), Django masks the CSRF token afresh in every response and the gzip header
    gets random padding (Django's "Heal the Breach", as in its GZipMiddleware); Brotli, with no
    such padding, is kept for pages that hold nothing personal (the cached ones).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or response.has_header("Content-Encoding"):
            return response
        content_type = response.get("Content-Type", "")
        if not compression.is_compressible(content_type, compression.MIN_SIZE):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        header = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if len(response.content) < compression.MIN_SIZE:
            return response
        if compression.choose_encoding(header, ("gzip",)) != "gzip":
            return response
        compressed = compression.on_the_fly_gzip(response.content)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        response["Content-Encoding"] = "gzip"
        etag = response.get("ETag", "")
        if etag.startswith('"'):
            # The bytes differ from the identity body's: the same content, weakly.
            response["ETag"] = "W/" + etag
        return response


# Features no page of the portal uses, refused to every page (and to anything injected).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    """Headers Django does not set: Permissions-Policy and Cross-Origin-Resource-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


IDLE_KEY = "last_seen"


class IdleSessionMiddleware:
    """Sign out a signed-in person after SESSION_IDLE_SECONDS without a request.

    Sessions last two weeks at most (SESSION_COOKIE_AGE); an official's or staff member's left
    open on a shared computer ends after a working day of inactivity besides. The time seen is
    written at most once a minute, so a page view rarely costs a session write.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(IDLE_KEY, now)
            if now - last_seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
                messages.info(request, _("You were signed out after a long time without activity."))
                return redirect_to_login(request.get_full_path())
            if now - last_seen >= 60 or IDLE_KEY not in request.session:
                request.session[IDLE_KEY] = now
        return self.get_response(request)
