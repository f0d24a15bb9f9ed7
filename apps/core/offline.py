"""Pages that keep working in a village without signal: the service worker and the manifest.

``/sw.js`` is our own small worker (``static/js/sw.js``), served from the site's root so that it
may look after every page, with its settings written in front of it: the addresses to keep from
the first visit (the home page and the learning-space directory, in the visitor's language), the
paths it never keeps (the workspace, sign-in, the admin), how many pages and pictures (public
media) it keeps, and the texts it shows. Its cache names
carry a fingerprint of the static files and the worker itself, so a deployment installs a new
worker that removes the old caches (the pages saved by the visitor stay: their cache is named by
``PAGES_VERSION``, to change only when saved pages could no longer be shown).

``/manifest.webmanifest?lang=`` lets a phone add the portal to its home screen.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .pagecache import accept_query, code_build, memo
from .seo import OG_LOCALES

WORKER_SOURCE = "js/sw.js"
# Kept at the first visit, beside every page opened: the site's look and the worker's helper.
STATIC_FILES = ("css/site.css", "js/offline.js", "img/favicon.svg")
# Pages kept at the first visit, by URL name; a name no app provides is left out.
START_PAGES = ("core:home", "spaces:list")
# Never kept, whoever asks: signed-in work, sign-in and its forms, the admin, the switch.
PRIVATE_PATHS = ("workspace/", "accounts/")
ROOT_PRIVATE_PATHS = ("/admin/", "/lang/")
PAGES_VERSION = "1"
# How many pages a phone keeps (the oldest go first): a cheap phone has little room.
MAX_PAGES = 60
# How many pictures of those pages it keeps beside them (public media only; a rendition is a
# few tens of KB at phone width, so about 5 MB at most).
MAX_PICTURES = 150
PICTURES_VERSION = "1"
# After this long without an answer on a weak connection, the saved copy is shown (the request
# goes on, and a page that arrives later replaces the copy for next time).
NETWORK_TIMEOUT_MS = 10000
THEME = "#0b5d3b"
# The dates the worker writes, as a reader of each language expects them (27 November 2026).
LOCALES = {code: locale.replace("_", "-") for code, locale in OG_LOCALES.items()}
ICONS = (
    ("img/icon-192.png", "192x192", "any"),
    ("img/icon-512.png", "512x512", "any"),
    ("img/icon-maskable-512.png", "512x512", "maskable"),
)


def _fingerprint(names):
    digest = hashlib.sha256(code_build().encode())
    for name in names:
        digest.update(staticfiles_storage.url(name).encode())
        path = finders.find(name)
        if path:  # development serves unhashed names: their content names the version
            with open(path, "rb") as file:
                digest.update(file.read())
    return digest.hexdigest()[:12]


def _start_pages():
    pages = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found = []
            for name in START_PAGES:
                try:
                    found.append(reverse(name))
                except NoReverseMatch:
                    continue
            pages[code] = found
    return pages


def _texts():
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = {
                "title": _("You are offline"),
                "body": _("This page was not saved on this device. Pages you opened before:"),
                "none": _("No page has been saved on this device yet."),
                "home": _("Home"),
                # When a page was saved, in the notice "this page was saved on …".
                "savedOn": _("%(date)s at %(time)s"),
            }
    return texts


def worker_config():
    """The settings written in front of ``static/js/sw.js``."""
    precache = [staticfiles_storage.url(name) for name in STATIC_FILES]
    private = [f"/{code}/{path}" for code, _name in settings.LANGUAGES for path in PRIVATE_PATHS]
    return {
        "version": _fingerprint((WORKER_SOURCE, *STATIC_FILES)),
        "pagesVersion": PAGES_VERSION,
        "precache": precache,
        "startPages": _start_pages(),
        "private": [*private, *ROOT_PRIVATE_PATHS, reverse("service_worker")],
        "staticUrl": settings.STATIC_URL,
        "mediaUrl": settings.MEDIA_URL,
        "picturesVersion": PICTURES_VERSION,
        "maxPictures": MAX_PICTURES,
        "stylesheet": staticfiles_storage.url("css/site.css"),
        "defaultLanguage": settings.LANGUAGE_CODE,
        "languages": [code for code, _name in settings.LANGUAGES],
        "timeZone": settings.TIME_ZONE,
        "locales": {code: LOCALES.get(code, code) for code, _name in settings.LANGUAGES},
        "maxPages": MAX_PAGES,
        "networkTimeout": NETWORK_TIMEOUT_MS,
        "texts": _texts(),
    }


def _worker_script():
    path = finders.find(WORKER_SOURCE)
    if not path:
        raise Http404("no service worker")
    with open(path, encoding="utf-8") as file:
        source = file.read()
    config = json.dumps(worker_config(), ensure_ascii=False, separators=(",", ":"))
    return f"self.SW_CONFIG = {config};\n{source}"


@require_GET
def service_worker(request):
    """``/sw.js``: the worker, from the root so its scope is the whole site."""
    body = memo("offline:sw", _worker_script)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # Browsers look for a new worker at each visit; no-cache makes them ask us, cheaply (304).
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def manifest_body(language):
    """The web app manifest in ``language``: the name, colours and icons of the portal."""
    with translation.override(language):
        return {
            "id": "/",
            "name": _("Son La Learning City"),
            "short_name": _("Learning City"),
            "description": _(
                "Son La City, member of the UNESCO Global Network of Learning Cities."
            ),
            "lang": language,
            "dir": "ltr",
            "start_url": reverse("core:home"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": THEME,
            "icons": [
                {
                    "src": staticfiles_storage.url(name),
                    "sizes": sizes,
                    "type": "image/png",
                    "purpose": purpose,
                }
                for name, sizes, purpose in ICONS
            ],
        }


@require_GET
def manifest(request):
    """``/manifest.webmanifest?lang=vi|en`` (Vietnamese without, or with an unknown language)."""
    language = request.GET.get("lang", "")
    if language in dict(settings.LANGUAGES):
        accept_query(request, lang=language)
    else:
        language = settings.LANGUAGE_CODE
        if not request.GET:
            accept_query(request)
    response = JsonResponse(manifest_body(language), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json; charset=utf-8"
    return response
