from django.conf import settings
from django.http import HttpResponse

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
