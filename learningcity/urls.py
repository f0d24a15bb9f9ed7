from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from apps.core import accounts, offline
from apps.core import views as core_views
from apps.core.sitemaps import all_sitemaps

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots, name="robots"),
    path("sitemap.xml", core_views.sitemap, {"sitemaps": all_sitemaps()}, name="sitemap"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("lang/<str:code>/", core_views.switch_language, name="switch_language"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("accounts/login/", accounts.sign_in, name="login"),
    path("accounts/password_reset/", accounts.password_reset, name="password_reset"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("accounts/password_change/", accounts.password_change, name="password_change"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("apps.core.urls")),
    path("", include("apps.commitments.urls")),
    path("", include("apps.reports.urls")),
    path("", include("apps.spaces.urls")),
    path("", include("apps.culture.urls")),
    path("", include("apps.stories.urls")),
    path("", include("apps.events.urls")),
    path("", include("apps.contests.urls")),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:
    # The one-machine mode serves uploads itself; production lets the reverse proxy do it.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", core_views.media),
    ]

if settings.BENCHMARK_VIEWS:
    urlpatterns += [path("bench/trivial", core_views.trivial)]

handler400 = "apps.core.views.bad_request"
handler403 = "apps.core.views.permission_denied"
handler404 = "apps.core.views.page_not_found"
handler500 = "apps.core.views.server_error"
