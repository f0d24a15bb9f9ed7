"""What search engines and link previews read in a page's head: the canonical address, the
page in every language, Open Graph and Twitter-card tags, and JSON-LD structured data.

``templates/base.html`` renders it once for every page (``{% load seo %}``), so an app gives
nothing more than its page's ``title`` and ``description`` blocks; a page with a picture shows it
in previews without a line of code (the first photo of its main part), or names one
(``share_image`` in the shell's context, a path or an address).
"""

import functools
import html
import json
import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import DisallowedHost
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .pagecache import accepted_query
from .siteurl import public_base
from .views import UNESCO_NETWORK_URL

# The portal's own picture for previews of pages without one (1200 × 630, the size Facebook,
# Zalo and X show large).
DEFAULT_IMAGE = "img/share.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
LOGO = "img/icon-512.png"
# Open Graph wants a territory with the language.
OG_LOCALES = {"vi": "vi_VN", "en": "en_GB"}
# The first page of a list is the list itself: no ``?page=1`` in its canonical address.
FIRST_PAGE = ("page", "1")
_MEDIA_IMG = re.compile(r'<img\b[^>]*?\bsrc="([^"]+)"')
# JSON inside <script>: "<", ">" and "&" as \u escapes, so "</script>" or "<!--" in a name can
# never end the element (the escaping of django.utils.html.json_script).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def plain_text(rendered):
    """Rendered template text (a block's HTML) as the plain text it shows, on one line."""
    return " ".join(html.unescape(strip_tags(str(rendered))).split())


def canonical_path(request):
    """The page's path with only the query parameters its view accepted and validated.

    Views tell the page cache what they understood (``pagecache.accept_query``); everything else
    in the query string is noise (``?utm_source=…``, ``?x=1``, an invalid value) and stays out.
    A paginated page is canonical to itself (``?page=2``); the first page has no ``page``.
    """
    accepted = [item for item in accepted_query(request) if tuple(item) != FIRST_PAGE]
    query = urlencode(sorted(accepted))
    return request.path + ("?" + query if query else "")


def absolute(base, path):
    """``path`` as an address on the site (``path`` unchanged when it already is one)."""
    if path.startswith(("http://", "https://")):
        return path
    return base + path


def static_url(base, name):
    return absolute(base, staticfiles_storage.url(name))


def share_image(context, base):
    """The picture a link preview shows, as (address, width, height); sizes may be None.

    ``share_image`` in the context wins; else the first uploaded photo of the page's main part
    (its 640 px copy: ``includes/picture.html``); else the portal's own picture.
    """
    named = context.get("share_image")
    if named:
        return absolute(base, str(named)), None, None
    found = _MEDIA_IMG.search(str(context.get("main", "")))
    if found and html.unescape(found.group(1)).startswith(settings.MEDIA_URL):
        return absolute(base, html.unescape(found.group(1))), None, None
    width, height = DEFAULT_IMAGE_SIZE
    return static_url(base, DEFAULT_IMAGE), width, height


@functools.lru_cache(maxsize=4096)
def _alternates(base, path, language):
    # Resolving an address in each language costs more than many a page's main part: kept by
    # this process (the address map never changes while it runs). The active language is part
    # of the key: translate_url() resolves the path in it.
    pairs = [(code, base + translate_url(path, code)) for code, _name in settings.LANGUAGES]
    return (*pairs, ("x-default", base + translate_url(path, settings.LANGUAGE_CODE)))


def head(context):
    """What ``includes/seo_head.html`` needs, or None for a page not to describe (an error)."""
    request = context.get("request")
    template = getattr(getattr(context, "template", None), "name", "") or ""
    if request is None or template.startswith("errors/"):
        return None
    try:
        base = public_base(request)
    except DisallowedHost:  # the 400 page of a forged Host: no link to it
        return None
    path = canonical_path(request)
    language = get_language() or settings.LANGUAGE_CODE
    alternates = [{"code": code, "href": href} for code, href in _alternates(base, path, language)]
    image, width, height = share_image(context, base)
    return {
        "canonical": base + path,
        "alternates": alternates,
        "type": context.get("share_type") or "website",
        "image": image,
        "image_width": width,
        "image_height": height,
        "locale": OG_LOCALES.get(language, language),
        "other_locales": [
            OG_LOCALES.get(code, code) for code, _ in settings.LANGUAGES if code != language
        ],
        "manifest": reverse("manifest") + "?lang=" + language,
    }


def script(data):
    """``data`` as a JSON-LD element, safe whatever text it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


def _page(name, base):
    try:
        return base + reverse(name)
    except NoReverseMatch:
        return None


def organisation(request):
    """The city as a ``GovernmentOrganization`` (home page), with the site and its search."""
    base = public_base(request)
    home = base + reverse("core:home")
    city = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "@id": base + "/#city",
        "name": _("Son La City People's Committee"),
        "alternateName": _("Son La Learning City"),
        "url": home,
        "logo": static_url(base, LOGO),
        "slogan": _("Lifelong learning, sustainable culture, bright future, deep integration"),
        "areaServed": {
            "@type": "City",
            "name": _("Son La City"),
            "containedInPlace": {"@type": "AdministrativeArea", "name": _("Son La Province")},
        },
        "address": {
            "@type": "PostalAddress",
            "addressLocality": _("Son La City"),
            "addressRegion": _("Son La Province"),
            "addressCountry": "VN",
        },
        "memberOf": {
            "@type": "Organization",
            "name": _("UNESCO Global Network of Learning Cities"),
            "url": UNESCO_NETWORK_URL,
        },
    }
    site = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": _("Son La Learning City"),
        "url": home,
        "inLanguage": get_language() or settings.LANGUAGE_CODE,
        "publisher": {"@id": base + "/#city"},
    }
    search = _page("search:results", base)
    if search:
        site["potentialAction"] = {
            "@type": "SearchAction",
            "target": search + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        }
    return [city, site]


def text_of(obj, field):
    """A model text in the page's language, else in the other one (plain, for structured data)."""
    language = get_language() or settings.LANGUAGE_CODE
    codes = [language] + [code for code, _ in settings.LANGUAGES if code != language]
    for code in codes:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return str(value)
    return str(getattr(obj, field, "") or "")


def opening_hours(week):
    """``week`` (dicts with ``weekday``, 0 = Monday, and ``intervals``: objects with ``opens`` and
    ``closes`` times, as ``LearningSpace.week()`` gives) as schema.org opening hours."""
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/" + _WEEKDAYS[int(day["weekday"])],
            "opens": interval.opens.strftime("%H:%M"),
            "closes": interval.closes.strftime("%H:%M"),
        }
        for day in week or ()
        for interval in day["intervals"]
    ]


def place(request, obj, image="", week=None, kind="Place"):
    """``obj`` (a learning space, a club's venue) as a schema.org ``Place``, in the page's language.

    Reads what it finds: ``name``, ``description``, ``address``, ``latitude``/``longitude``,
    ``contact_phone`` and ``get_absolute_url()``; ``image`` is a path or an address.
    """
    base = public_base(request)
    data = {"@context": "https://schema.org", "@type": kind, "name": text_of(obj, "name")}
    description = plain_text(text_of(obj, "description"))
    if description:
        data["description"] = description
    if hasattr(obj, "get_absolute_url"):
        data["url"] = base + obj.get_absolute_url()
    address = getattr(obj, "address", "")
    if address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": address,
            "addressCountry": "VN",
        }
    latitude, longitude = getattr(obj, "latitude", None), getattr(obj, "longitude", None)
    if latitude is not None and longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(latitude),
            "longitude": float(longitude),
        }
    phone = getattr(obj, "contact_phone", "")
    if phone:
        data["telephone"] = phone
    if image:
        data["image"] = absolute(base, str(image))
    hours = opening_hours(week)
    if hours:
        data["openingHoursSpecification"] = hours
    return data
