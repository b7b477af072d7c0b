"""LAKIP settings: one module, driven by environment variables.

The defaults are for development on one machine (SQLite file, DEBUG on). A deployment
sets at least DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-key-for-lakip-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_htmx",
    "django_tables2",
    # Before django_tasks_db: reports' db_worker command is the library's worker
    # made to survive (reports/management/commands/db_worker.py).
    "reports",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "reports.basisdata.SibukMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "lakip.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "lakip.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
# How long a web request waits for a lock another writer holds before it gives up
# and says so ("coba simpan lagi"), rather than hang; the task worker waits longer
# and then tries again (reports/management/commands/db_worker.py).
LAKIP_DB_TUNGGU_DETIK = float(os.environ.get("LAKIP_DB_TUNGGU_DETIK", "5"))
LAKIP_DB_TUNGGU_PEKERJA_DETIK = float(
    os.environ.get("LAKIP_DB_TUNGGU_PEKERJA_DETIK", "30")
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time: take write locks up front, and in WAL mode so that
    # pages are read while someone writes (a locked save can show its form again).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=LAKIP_DB_TUNGGU_DETIK,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL;",
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c lock_timeout={int(LAKIP_DB_TUNGGU_DETIK * 1000)}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Long exports (the office report, the bundle) are made by a worker:
# `python manage.py db_worker` (`make run` starts one).
# An export not finished this long after it was asked for is shown as failed (and
# stopped, if it is still running), with a button to try again.
LAKIP_EKSPOR_BATAS_MENIT = int(os.environ.get("LAKIP_EKSPOR_BATAS_MENIT", "10"))
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Content-Security-Policy: scripts, styles, images and fonts only from the app itself,
# no inline script, style or eval (the templates carry none: their behaviour is in
# static/js/lakip.js), no plugins, no framing. Evidence files are served with
# their own stricter "sandbox" policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:beranda"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))

# Evidence files are private: they live outside any public URL and are served only
# through views that check who may see the report they belong to.
MEDIA_ROOT = Path(os.environ.get("LAKIP_MEDIA_ROOT", BASE_DIR / "media"))

# Evidence uploads: PDF, JPG or PNG up to this size, and all the evidence of one
# quarterly report up to the quota.
LAKIP_BUKTI_MAKS_MB = int(os.environ.get("LAKIP_BUKTI_MAKS_MB", "5"))
LAKIP_BUKTI_KUOTA_MB = int(os.environ.get("LAKIP_BUKTI_KUOTA_MB", "100"))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000  # a unit with a hundred indicators posts many

# Password guessing: after LAKIP_LOGIN_GAGAL_MAKS failed sign-ins for one username
# from one address, that pair is locked for LAKIP_LOGIN_KUNCI_MENIT minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("LAKIP_LOGIN_GAGAL_MAKS", "5"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("LAKIP_LOGIN_KUNCI_MENIT", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_VERBOSE = False

# Email, for password resets: without DJANGO_EMAIL_HOST the reset pages do not exist.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "lakip@localhost")

SESSION_COOKIE_AGE = int(os.environ.get("LAKIP_SESSION_SECONDS", str(8 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Asking browsers to preload HTTPS for the whole domain is the domain
        # owner's (the pemda's) decision, not this application's: opt in with
        # DJANGO_HSTS_PRELOAD=1.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("LAKIP_LOG_LEVEL", "INFO"),
    },
    # django-axes logs every sign-in at INFO; failures and lockouts are warnings.
    # WeasyPrint and fontTools narrate every step of a PDF at INFO.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
