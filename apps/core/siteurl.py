"""The portal's public address, for absolute links (hreflang, canonical, robots.txt)."""

from django.conf import settings


def public_base(request=None):
    """``SITE_URL`` without its trailing slash when it is set; else the address the request came to.

    Django checks the request's host against ``ALLOWED_HOSTS`` before giving it (a disallowed
    host raises ``DisallowedHost``, answered with a 400), so a forged ``Host`` never becomes a link.
    Without a request and without ``SITE_URL`` the links stay relative ("").
    """
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if request is None:
        return ""
    return request.build_absolute_uri("/").rstrip("/")


# Without SITE_URL and without a request (an e-mail, a PDF report built by a worker) links point
# at the development server. Production sets SITE_URL.
DEVELOPMENT_SITE = "http://127.0.0.1:8000"


def absolute(path, request=None):
    """``path`` (from ``reverse()``) as a link that works outside the site: in a mailbox, a PDF."""
    return (public_base(request) or DEVELOPMENT_SITE) + path
