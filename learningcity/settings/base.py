"""Settings for every environment, read from environment variables (see README)."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from learningcity.env import env_bool, env_float, env_int, env_list, env_str, require

BASE_DIR = Path(__file__).resolve().parent.parent.parent

PRODUCTION = env_str("DJANGO_ENV", "development") == "production"
if env_str("DJANGO_ENV", "development") not in {"development", "production", "test"}:
    raise ImproperlyConfigured("DJANGO_ENV must be development, test or production")

DEV_SECRET_KEY = "insecure-development-key-never-use-in-production-son-la"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else DEV_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if PRODUCTION:
    require("SECRET_KEY", SECRET_KEY, "production needs a long random secret key.")
    if (
        SECRET_KEY == DEV_SECRET_KEY
        or SECRET_KEY.startswith("django-insecure")
        or len(SECRET_KEY) < 50
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY is a default or short key: set a random value of 50+ characters."
        )
    require("ALLOWED_HOSTS", ALLOWED_HOSTS, "list the host names the portal answers to.")
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "apps.core.apps.CoreConfig",
    "apps.commitments.apps.CommitmentsConfig",
    "apps.reports.apps.ReportsConfig",
    "apps.spaces.apps.SpacesConfig",
    "apps.culture.apps.CultureConfig",
    "apps.stories.apps.StoriesConfig",
    "apps.events.apps.EventsConfig",
    "apps.contests.apps.ContestsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Compresses what nothing below compressed (uncached pages), after every change to a body.
    "apps.core.middleware.CompressionMiddleware",
    # ETag and 304 for uncached pages (cached pages and published files bring their own).
    "django.middleware.http.ConditionalGetMiddleware",
    "apps.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "apps.core.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "apps.core.middleware.IdleSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "learningcity.urls"
WSGI_APPLICATION = "learningcity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "apps.core.context_processors.site",
            ],
        },
    }
]

# Database: DATABASE_URL (postgres://…) or a SQLite file beside the code.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and broker: REDIS_URL for both, or CACHE_URL and BROKER_URL apart (production: two Redis
# servers, the cache evicting least-recently-used keys, the broker never evicting). Without
# them a file cache that every local process shares (so a content change invalidates the
# cached pages of every gunicorn worker) and eager tasks.
REDIS_URL = env_str("REDIS_URL")
CACHE_URL = env_str("CACHE_URL", REDIS_URL)
BROKER_URL = env_str("BROKER_URL", REDIS_URL)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "lc",
            # A cache that does not answer must not hold a page up: give up quickly and build
            # the page (apps.core.pagecache fails open).
            "OPTIONS": {
                "socket_connect_timeout": env_float("CACHE_CONNECT_TIMEOUT", 0.5),
                "socket_timeout": env_float("CACHE_TIMEOUT", 1.0),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache"),
        }
    }
# After a cache failure, leave the cache alone this many seconds (pages are built meanwhile);
# log the failure at most once per CACHE_ERROR_LOG_SECONDS.
CACHE_RETRY_SECONDS = env_float("CACHE_RETRY_SECONDS", 5.0)
CACHE_ERROR_LOG_SECONDS = env_float("CACHE_ERROR_LOG_SECONDS", 60.0)
# Send X-Page-Cache: hit|miss (for debugging and the benchmark; it tells what others asked).
PAGE_CACHE_HEADER = env_bool("PAGE_CACHE_HEADER", False)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# An identifier of the deployed version (e.g. a commit id); empty = worked out from the files.
RELEASE = env_str("RELEASE")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "apps.core.backends.PortalModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:workspace"
LOGOUT_REDIRECT_URL = "core:home"

# Sign-in throttling (django-axes): lock a user name from one address after repeated failures.
# Signed-in sessions end after two weeks, or after this long without a request.
SESSION_COOKIE_AGE = 14 * 24 * 3600
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 8 * 3600)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
# …and an address, across every user name, after this many (password spraying; apps.core.accounts).
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
# Password-reset requests per hour: from one address (then refused), for one account (then
# silently not sent, with the usual answer).
PASSWORD_RESET_ADDRESS_LIMIT = env_int("PASSWORD_RESET_ADDRESS_LIMIT", 5)
PASSWORD_RESET_ACCOUNT_LIMIT = env_int("PASSWORD_RESET_ACCOUNT_LIMIT", 3)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind reverse proxies the visitor's address is read from X-Forwarded-For (see clientip.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "apps.core.clientip.client_ip"
AXES_VERBOSE = False

# Languages: Vietnamese first, English second; every public address carries its prefix.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["learningcity.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("vi",), "vi": ("en",)}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files that are not for everyone (evidence of commitments' measurements): outside MEDIA_ROOT,
# never served as media, only by views that check who may see them.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
# Open data and feeds built once per change (apps.core.published), with their .gz and .br
# copies; on several machines, a folder they all share (like MEDIA_ROOT).
PUBLISHED_ROOT = Path(env_str("PUBLISHED_ROOT", str(BASE_DIR / "var" / "published")))
# A burst of changes within this many seconds is published by one rebuild.
PUBLISH_DEBOUNCE_SECONDS = env_int("PUBLISH_DEBOUNCE_SECONDS", 10)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}
WHITENOISE_MAX_AGE = 3600
# Our static files are for our pages only: no "Access-Control-Allow-Origin: *".
WHITENOISE_ALLOW_ALL_ORIGINS = False
# Uploaded media are served by the portal itself in the one-machine mode; behind a reverse proxy
# the proxy should serve MEDIA_ROOT and SERVE_MEDIA be turned off.
SERVE_MEDIA = env_bool("SERVE_MEDIA", not PRODUCTION)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: console by default; EMAIL_URL=smtp://user:pass@host:587 or the EMAIL_* variables.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A mail server that stops answering fails the attempt (apps.core.mail tries again later).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Son La Learning City <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env_str("EMAIL_URL"):
    _mail = urlsplit(env_str("EMAIL_URL"))
    if _mail.scheme not in {"smtp", "smtps", "submission"}:
        raise ImproperlyConfigured("EMAIL_URL must start with smtp://, smtps:// or submission://")
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or (465 if _mail.scheme == "smtps" else 587)
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme == "submission"
    EMAIL_USE_SSL = _mail.scheme == "smtps"

if PRODUCTION and EMAIL_BACKEND.endswith("console.EmailBackend"):
    # Password-reset links would end in the logs instead of the official's mailbox.
    raise ImproperlyConfigured("EMAIL_URL is not set: production needs a mail server.")

# Celery: Redis broker when REDIS_URL is set, otherwise tasks run in-process.
CELERY_BROKER_URL = BROKER_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = BROKER_URL or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # a task leaves the queue only once it has finished …
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # … and goes back when its worker dies mid-way
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task taken by a worker that dies unacknowledged goes back to the queue after this long.
# Workers look for such tasks every CELERY_RESTORE_INTERVAL seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "unacked_restore_interval": env_int("CELERY_RESTORE_INTERVAL", 10),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "apps.core.tasks.clear_expired_sessions",
        "schedule": 24 * 3600,
    },
    "sweep-outgoing-mail": {
        "task": "apps.core.tasks.sweep_outgoing_mail",
        "schedule": 60,
    },
    "rebuild-stale-published-files": {
        "task": "apps.core.tasks.rebuild_published",
        "schedule": 5 * 60,
    },
    "sweep-queued-reports": {
        "task": "apps.reports.tasks.sweep_queued_reports",
        "schedule": 5 * 60,
    },
    "monthly-progress-reports": {
        "task": "apps.reports.tasks.build_monthly_reports",
        "schedule": crontab(minute=0, hour=6, day_of_month=1),
    },
}
REPORT_FONT_DIR = env_str("REPORT_FONT_DIR", "/usr/share/fonts/truetype/dejavu")

# Content Security Policy (django-csp 4): our own files only; map tiles from the tile host.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
_tiles = urlsplit(MAP_TILE_URL.replace("{s}", "a"))
MAP_TILE_ORIGIN = f"{_tiles.scheme}://{_tiles.netloc}" if _tiles.netloc else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MAP_TILE_ORIGIN] if MAP_TILE_ORIGIN else [])],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# Requests refused for the client's mistakes (apps.core.logfilters).
CLIENT_ERRORS = (
    "DisallowedHost",
    "DisallowedRedirect",
    "InvalidSessionKey",
    "RequestDataTooBig",
    "SuspiciousMultipartForm",
    "SuspiciousSession",
    "TooManyFieldsSent",
    "TooManyFilesSent",
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO")},
    "filters": {"client_error": {"()": "apps.core.logfilters.ClientErrorFilter"}},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Django logs a refused request on django.security.<exception>; a logger's filters are
        # not inherited by its children, so each is named.
        **{
            f"django.security.{name}": {"level": "WARNING", "filters": ["client_error"]}
            for name in CLIENT_ERRORS
        },
        "axes": {"level": "WARNING"},
    },
}

# The site's identity. The navigation comes from the portal apps' configs (PortalAppConfig).
# Public address for absolute links (hreflang, robots.txt); empty = the address each request
# came to (its host checked against ALLOWED_HOSTS), so `make run PORT=…` links to itself.
SITE_URL = env_str("SITE_URL", "")
DEMO_MODE = env_bool("DEMO_MODE", not PRODUCTION)
BENCHMARK_VIEWS = env_bool("BENCHMARK_VIEWS", False)
CSRF_FAILURE_VIEW = "apps.core.views.csrf_failure"
