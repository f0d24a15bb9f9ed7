import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.utils.translation import gettext as _

from . import pagecache

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
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with pagecache.request_scope():
            return self._respond(request)

    def _respond(self, request):
        cacheable = (
            request.method == "GET"
            and settings.PAGE_CACHE_SECONDS > 0
            and _is_anonymous(request)
            and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
        )
        if not cacheable:
            return self.get_response(request)
        version = pagecache.current_version()
        if version is None:  # the cache is unreachable: build the page
            return self.get_response(request)
        try:
            key = pagecache.page_key(request, version)
        except Exception:  # a disallowed host: let the view answer it (400)
            return self.get_response(request)
        stored = pagecache.get_page(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            self._mark(response, "hit")
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() != "set-cookie"]
            pagecache.store_page(key, (response.content, headers))
            self._mark(response, "miss")
        return response

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
