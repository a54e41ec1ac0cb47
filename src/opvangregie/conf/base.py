"""Settings shared by every environment."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.contrib.messages import constants as messages
from django.utils.translation import gettext_lazy as _

from opvangregie.conf.env import env_iso_date, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
NODE_MODULES = Path(env_str("OPVANGREGIE_NODE_MODULES", str(PROJECT_DIR / "node_modules")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-change-me-in-production-0123456789")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "opvangregie.ui",
    "opvangregie.areas",
    "opvangregie.organisations",
    "opvangregie.locations",
    "opvangregie.agreements",
    "opvangregie.communication",
    "opvangregie.support",
    "opvangregie.quotas",
    "opvangregie.distribution",
    "opvangregie.households",
    "opvangregie.sites",
    "opvangregie.placement",
    "opvangregie.reports",
    "opvangregie.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "opvangregie.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
    "opvangregie.web.middleware.SessionTimeoutMiddleware",
    "opvangregie.web.middleware.PrivacyHeadersMiddleware",
    "opvangregie.web.middleware.ApplicationErrorMiddleware",
    "opvangregie.web.middleware.NulCharacterMiddleware",
    "opvangregie.ui.request_memo.RequestMemoMiddleware",
]

ROOT_URLCONF = "opvangregie.urls"
WSGI_APPLICATION = "opvangregie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "opvangregie.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'opvangregie.sqlite3'}"),
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
# Locked out: a user name from one client address. Behind proxies the client address is taken from
# X-Forwarded-For, trusting as many proxies as OPVANGREGIE_TRUSTED_PROXIES says (0: REMOTE_ADDR itself;
# web.client_address). Unlock: ``opvangregie axes_reset_username USER`` (or ``axes_reset_ip ADDRESS``).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
TRUSTED_PROXIES = int(env_str("OPVANGREGIE_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "opvangregie.web.client_address.client_address"

# The map (Leaflet, served from node_modules) draws no background tiles: no tile server, no internet at run
# time. An installation with its own tile server sets a URL template ({z}/{x}/{y}) and its attribution.
MAP_TILE_URL = env_str("OPVANGREGIE_MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("OPVANGREGIE_MAP_TILE_ATTRIBUTION", "")


def _map_tile_origin() -> list[str]:
    """The tile server's origin, which the Content-Security-Policy must allow images from."""
    if not MAP_TILE_URL:
        return []
    scheme, _separator, rest = MAP_TILE_URL.partition("://")
    return [f"{scheme}://{rest.split('/', 1)[0]}"]


# Content-Security-Policy (django-csp): scripts only from this site, never inline. Inline styles stay
# allowed: the charts are inline SVG from matplotlib, which styles its elements itself. The admin and the
# API's interactive docs ship their own inline scripts and are left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/beheer/", "/api/docs"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", *_map_tile_origin()],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Sessions: signed out after 30 minutes without a request and 12 hours after signing in.
SESSION_IDLE_SECONDS = int(env_str("OPVANGREGIE_SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_MAX_SECONDS = int(env_str("OPVANGREGIE_SESSION_MAX_SECONDS", str(12 * 60 * 60)))
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
# API tokens expire (create_api_token --days overrides).
API_TOKEN_DAYS = int(env_str("OPVANGREGIE_API_TOKEN_DAYS", "90"))

# The business clock (opvangregie.clock): unset in production; a demo pins "today" to an ISO date.
OPVANGREGIE_TODAY = env_iso_date("OPVANGREGIE_TODAY")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Figures as Dutch readers write them (1.079; 96.000). Numbers in URLs, form values, data attributes and
# identifiers are written with |unlocalize (templates) or outside templates, so they stay plain.
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(PROJECT_DIR / "var" / "static")))
# NL Design System from npm: the Utrecht component library and the example ("voorbeeld") theme's tokens,
# on which web/opvangregie-tokens.css sets our own values. Only CSS is collected (conf/staticfiles.py).
STATICFILES_DIRS = [
    ("nlds/components", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("nlds/theme", NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist"),
    ("leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("proj4", NODE_MODULES / "proj4" / "dist"),
]
STATICFILES_FINDERS = [
    "opvangregie.conf.staticfiles.CssOnlyFileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

# The NL Design System alert for a success message is "ok".
MESSAGE_TAGS = {messages.SUCCESS: "ok"}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Limits of every import: the largest upload (bytes, checked before reading) and the most data rows.
IMPORT_MAX_BYTES = int(env_str("OPVANGREGIE_IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(env_str("OPVANGREGIE_IMPORT_MAX_ROWS", "100000"))
# A count file of more rows than this is imported by a task with a progress page, not while the officer waits.
IMPORT_TASK_ROWS = int(env_str("OPVANGREGIE_IMPORT_TASK_ROWS", "20000"))
# BAG imports (sites): a municipality's extract or GeoPackage may be larger than a spreadsheet.
BAG_IMPORT_MAX_BYTES = int(env_str("OPVANGREGIE_BAG_IMPORT_MAX_BYTES", str(100 * 1024 * 1024)))
# Units (verblijfsobjecten) with an office, education or meeting function from this floor area (m²) are listed.
BAG_MIN_FLOOR_AREA_M2 = int(env_str("OPVANGREGIE_BAG_MIN_FLOOR_AREA_M2", "500"))
# Gross floor area per reception place (m²): COA's planning norm is quoted at about 20-25 m² per bed.
BAG_M2_PER_PLACE = int(env_str("OPVANGREGIE_BAG_M2_PER_PLACE", "25"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Households' personal data is anonymised this many days after they left (AVG art. 5(1)(e)).
# The last day of temporary protection of displaced persons from Ukraine (Council Implementing Decision (EU)
# 2022/382 as extended); the agenda shows it. Set OPVANGREGIE_TEMPORARY_PROTECTION_END when it is extended again.
TEMPORARY_PROTECTION_END = env_iso_date("OPVANGREGIE_TEMPORARY_PROTECTION_END", "2027-03-04")
# A count older than this many days is marked as old on dashboards and overviews (issue 16: the age of figures).
COUNT_MAX_AGE_DAYS = int(env_str("OPVANGREGIE_COUNT_MAX_AGE_DAYS", "45"))
HOUSEHOLD_RETENTION_DAYS = int(env_str("OPVANGREGIE_HOUSEHOLD_RETENTION_DAYS", "365"))
