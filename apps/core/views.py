from celery import current_app
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from .apps import portal_apps
from .models import Area, KeyFigure
from .pagecache import accept_query, memo, render_memo
from .permissions import ROLES, assigned_areas, has_role
from .sitemaps import site_map_sections
from .siteurl import public_base

# The network's own page (UNESCO Institute for Lifelong Learning); it has no Vietnamese version.
UNESCO_NETWORK_URL = "https://www.uil.unesco.org/en/learning-cities"


def media(request, path):
    """An upload, in the one-machine mode (``SERVE_MEDIA``): from ``MEDIA_ROOT`` as it is when
    asked (a test gives each test its own folder), never a folder listing."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def home(request):
    def build():
        sections = [
            {"template": config.home_template, **config.home_context(request)}
            for config in portal_apps()
            if config.home_template
        ]
        context = {
            "figures": KeyFigure.objects.all(),
            "unit_count": Area.objects.active().units().count(),
            "locality_count": Area.objects.active().localities().count(),
            "sections": sections,
        }
        return render_to_string("core/home_main.html", context, request=request)

    # The sections are the same for every visitor until the content changes.
    return render_memo(request, "core/home.html", "home", build)


def about(request):
    def build():
        context = {"sections": _sections(), "unesco_url": UNESCO_NETWORK_URL}
        return render_to_string("core/about_main.html", context, request=request)

    return render_memo(request, "core/about.html", "about", build)


def site_map(request):
    """The human sitemap: every public section and its pages (``/sitemap.xml`` is for robots)."""

    def build():
        context = {"sections": site_map_sections()}
        return render_to_string("core/sitemap_main.html", context, request=request)

    return render_memo(request, "core/sitemap.html", "site-map", build)


def _sections():
    return [
        {"label": config.nav_label, "url_name": config.nav_url_name}
        for config in portal_apps()
        if config.nav_label and config.nav_url_name
    ]


def switch_language(request, code):
    """Remember the chosen language and go to the same page in it (works without JavaScript)."""
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    target = request.GET.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"/{code}/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    return response


@never_cache
@login_required
def workspace(request):
    entries = []
    for config in portal_apps():
        for entry in config.workspace_entries(request.user):
            entries.append({"app": config.verbose_name, **entry})
    context = {
        "entries": entries,
        # The wards and communes among the areas the apps' entries read already.
        "areas": [area for area in assigned_areas(request.user) if area.is_unit],
        "roles": [role for role in ROLES if has_role(request.user, role)],
    }
    return render(request, "core/workspace.html", context)


def _check(probe):
    try:
        probe()
    except Exception as exc:  # a health check reports every failure instead of raising
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    cache.set("healthz", "ok", 5)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not keep a value")


def _broker():
    # The project's Celery app is the current one (learningcity/__init__.py makes it so): core
    # does not import the project.
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


@never_cache
@require_GET
def healthz(request):
    """The state of the database, cache and broker, for monitors and load balancers.

    200 while the database answers, even with the cache or broker down (the portal still
    serves every page, more slowly, and queues background work): ``status`` then says
    "degraded" and which check failed. 503, "down", when the database does not answer.
    """
    checks = {"database": _check(_database), "cache": _check(_cache)}
    if settings.CELERY_TASK_ALWAYS_EAGER:
        checks["broker"] = {"ok": True, "mode": "eager"}
    else:
        checks["broker"] = _check(_broker)
    if not checks["database"]["ok"]:
        state = "down"
    elif all(check["ok"] for check in checks.values()):
        state = "ok"
    else:
        state = "degraded"
    body = {"status": state, "ok": state == "ok", **checks}
    return JsonResponse(body, status=503 if state == "down" else 200)


@require_GET
def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: /{code}/workspace/" for code, _name in settings.LANGUAGES),
        *(f"Disallow: /{code}/accounts/" for code, _name in settings.LANGUAGES),
        # Search results repeat the pages they find, one page per query: the sitemap lists those.
        *(f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES),
        "Disallow: /lang/",
        f"Sitemap: {public_base(request)}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap(request, sitemaps):
    """The sitemap, rendered once until the content changes (it names every page twice)."""

    def build():
        response = sitemap_view(request, sitemaps)  # an unknown ?p= raises Http404: not kept
        response.render()
        headers = [(k, v) for k, v in response.items() if k.lower() != "set-cookie"]
        return response.content, headers

    page = request.GET.get("p", "1")
    if page.isascii() and page.isdigit():
        accept_query(request, p=page)
    content, headers = memo("sitemap", build, request.get_host(), request.scheme, page)
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def trivial(request):
    """The benchmark's yardstick: the cheapest response Django can give."""
    return HttpResponse("ok")


def error_page(request, status, template):
    response = render(request, template, status=status)
    return response


def bad_request(request, exception=None):
    return error_page(request, 400, "errors/400.html")


def permission_denied(request, exception=None):
    return error_page(request, 403, "errors/403.html")


def page_not_found(request, exception=None):
    return error_page(request, 404, "errors/404.html")


def server_error(request):
    # No context processors or database: the failure may be the database itself.
    from django.template import loader

    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        html = loader.get_template("errors/500.html").render({})
    return HttpResponse(html, status=500)


def csrf_failure(request, reason=""):
    return error_page(request, 403, "errors/403_csrf.html")
