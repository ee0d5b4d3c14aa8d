"""One settings module. The embedded default needs no configuration; production sets environment
variables only (see docs/configuration.md)."""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from concord.config.env import env_bool, env_int, env_list, env_rate, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
# The SQLite file, collected static files, uploads, file email: `./var` under the directory the
# command runs in (a checkout's root for `make run`; the service's working directory in
# production), never beside the installed package (inside site-packages after `pip install .`).
VAR_DIR = Path(env_str("CONCORD_VAR_DIR", "var")).resolve()

DEBUG = env_bool("CONCORD_DEBUG", default=not env_str("CONCORD_SECRET_KEY"))
SECRET_KEY = env_str("CONCORD_SECRET_KEY") or (
    "insecure-development-key-set-CONCORD_SECRET_KEY-in-production" if DEBUG else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured("CONCORD_SECRET_KEY must be set when CONCORD_DEBUG is off")
ALLOWED_HOSTS = env_list("CONCORD_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CONCORD_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("CONCORD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",
    "concord.core",
    "concord.access",
    "concord.accounts",
    "concord.audit",
    "concord.organisations",
    "concord.partnerships",
    "concord.invitations",
    "concord.vision",
    "concord.agreements",
    "concord.goals",
    "concord.lessons",
    "concord.scorecards",
    "concord.commitments",
    "concord.meetings",
    "concord.insight",
    "concord.notifications",
    "concord.risks",
    "concord.reviews",
    "concord.governance",
    "concord.lifecycle",
    "concord.health",
    "concord.overview",
    "concord.selection",
    "concord.privacy",
    "concord.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "concord.core.middleware.Utf8FormsMiddleware",  # before anything reads the form
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "concord.accounts.middleware.TwoFactorMiddleware",  # members who must enrol see that page only
    "concord.accounts.middleware.PersonalFormatsMiddleware",  # the person's time zone, number format
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "concord.core.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out sign-in
]

ROOT_URLCONF = "concord.config.urls"
WSGI_APPLICATION = "concord.config.wsgi.application"

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
                "concord.core.context_processors.concord",
                "concord.notifications.context_processors.notifications",
                "concord.overview.context_processors.attention",
                "concord.selection.context_processors.choosing",
            ],
        },
    }
]
# Form widgets (every input, select and option) render through Jinja2's copies of Django's widget
# templates: the same markup, escaped the same way, at a fraction of the Django template language's
# cost per widget; a page's forms were up to a fifth of its time made anew (docs/benchmarks.md).
# The pages themselves stay Django templates.
FORM_RENDERER = "django.forms.renderers.Jinja2"

# SQLite in var/ is the embedded default; DATABASE_URL selects PostgreSQL for real deployments.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'concord.sqlite3'}",
        conn_max_age=env_int("CONCORD_DB_CONN_MAX_AGE", 0),
        # A kept connection is checked before a request reuses it: after a database restart the
        # first request gets a new connection instead of an error.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL and a busy timeout keep the embedded database usable by the web process and a worker at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache_from_url(url: str) -> dict[str, object]:
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("file://"):
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url.removeprefix("file://"),
        }
    if url in ("", "locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(f"CONCORD_CACHE_URL: unsupported cache {url!r}")


CACHES = {"default": _cache_from_url(env_str("CONCORD_CACHE_URL"))}
# Sessions live in the database, which every app process shares: signed in through one process is
# signed in through all. With Redis (shared by every process), `cached_db` reads them from the cache
# and writes through to the database, so losing the cache signs no one out. Never with a cache of
# one process or one host (locmem, file): a session ended through one process would live on in
# another's copy.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    else "django.contrib.sessions.backends.db"
)
# Pages kept per reader until what they show changes (core.pagecache): only with a cache every app
# process shares, for the same reason as above (a write through one process must retire the copies
# all of them serve). CONCORD_PAGE_CACHE=true/false forces it.
PAGE_CACHE = env_bool(
    "CONCORD_PAGE_CACHE", CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
)

AUTH_USER_MODEL = "accounts.User"
# Sign-in throttling (django-axes): after CONCORD_SIGNIN_FAILURES failed sign-ins in a row for one
# account, or from one address, that account or address is locked out for CONCORD_SIGNIN_LOCKOUT_MINUTES
# (a success resets the count). The lockout answers 429 with a page that says when to try again.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("CONCORD_SIGNIN_FAILURES", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("CONCORD_SIGNIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's field (it holds the email address)
AXES_USERNAME_CALLABLE = "concord.core.http.signin_name"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Two-factor sign-in (django-otp): authenticator apps (TOTP) and one-time backup codes. A wrong code
# at sign-in counts as a failed sign-in for the throttling above; each device also slows down
# guessing by itself (django-otp doubles its wait after every wrong code).
OTP_TOTP_ISSUER = env_str("CONCORD_TOTP_ISSUER", "Concord")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("CONCORD_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Uploaded files (kept outside the web root; served only through views that check access). Nothing
# is stored there today (concord.core.uploads); with several hosts, point it at a shared volume.
MEDIA_ROOT = Path(env_str("CONCORD_MEDIA_DIR") or VAR_DIR / "media").resolve()
STATIC_ROOT = VAR_DIR / "static"
if DEBUG:
    # WhiteNoise serves from the finders in development but still expects the folder to exist.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root whatever the page says (/favicon.ico, asked for beside
# images and downloads, which carry no icon link): WhiteNoise answers them before any view, session
# or database is touched. Before, each was a 404 page rendered for the signed-in person.
WHITENOISE_ROOT = BASE_DIR / "root"
# Uploads (concord.core.uploads): no file, form or JSON body larger than this is accepted; the
# first upload handler keeps at most this much of a file, so a larger one is never stored.
CONCORD_UPLOAD_MAX_MB = env_int("CONCORD_UPLOAD_MAX_MB", 5)
DATA_UPLOAD_MAX_MEMORY_SIZE = CONCORD_UPLOAD_MAX_MB * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "concord.core.uploads.LimitedUpload",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Email: console by default, a file folder or SMTP when configured (Django 6.1 MAILERS).
_MAIL_KIND = env_str("CONCORD_EMAIL", "console" if DEBUG else "smtp")
if _MAIL_KIND == "smtp":
    _MAILER: dict[str, object] = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("CONCORD_EMAIL_HOST", "localhost"),
            "port": env_int("CONCORD_EMAIL_PORT", 587),
            "username": env_str("CONCORD_EMAIL_USER"),
            "password": env_str("CONCORD_EMAIL_PASSWORD"),
            "use_tls": env_bool("CONCORD_EMAIL_TLS", True),
            "timeout": 20,
        },
    }
elif _MAIL_KIND == "file":
    _MAILER = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    }
elif _MAIL_KIND == "console":
    _MAILER = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
else:
    raise ImproperlyConfigured("CONCORD_EMAIL must be console, file or smtp")
MAILERS = {"default": _MAILER}
DEFAULT_FROM_EMAIL = env_str("CONCORD_EMAIL_FROM", "Concord <concord@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: immediate by default (no set-up); the database worker when configured.
TASKS = {
    "default": (
        {"BACKEND": "django_tasks_db.DatabaseBackend"}
        if env_str("CONCORD_TASKS", "immediate") == "database"
        else {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    )
}
# A daily run still RUNNING after this long lost its worker; `concord daily` queues it again.
CONCORD_TASK_STALL_MINUTES = env_int("CONCORD_TASK_STALL_MINUTES", 60)

# HTTPS hardening: on when CONCORD_HTTPS is true (behind a TLS-terminating proxy).
HTTPS = env_bool("CONCORD_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("CONCORD_SSL_REDIRECT", True)
# A load balancer's health check speaks plain HTTP to the app process: answer it, do not redirect.
SECURE_REDIRECT_EXEMPT = [r"^health$"]
SECURE_HSTS_SECONDS = env_int("CONCORD_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
CONCORD_BEHIND_PROXY = env_bool("CONCORD_BEHIND_PROXY", False)
if CONCORD_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_CLIENT_IP_CALLABLE = "concord.core.http.client_ip_behind_proxy"
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: pages put the token in their forms and in htmx's headers
# (base.html), the API docs in their page.
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy: everything from Concord itself, nothing inline, no eval. Templates
# carry no inline script, style or event handler (tests/test_templates.py keeps it so); charts
# use Vega's expression interpreter; htmx's indicator styles are in concord.css. `data:` images
# are Swagger UI's icons on the API docs page.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Invitations: signed, single-use links valid this many days.
CONCORD_INVITATION_DAYS = env_int("CONCORD_INVITATION_DAYS", 14)
# The API's rate limit per token, and per signed-in person using the session: "300/min", "20/s",
# "5000/hour" (a fixed window in the cache); "off" for none. Over it: 429 with Retry-After.
CONCORD_API_RATE = env_rate("CONCORD_API_RATE", "300/min")
# Calls that fail to authenticate (no session, no token, an unknown, revoked or expired token), per
# client address: over it, 429 with Retry-After, and no token is even looked at from that address
# until the window ends. Same format as CONCORD_API_RATE.
CONCORD_API_ANON_RATE = env_rate("CONCORD_API_ANON_RATE", "60/min")
# The largest page an API list returns, whatever the client asks.
CONCORD_API_MAX_PAGE_SIZE = 200
# `make bench` only: mounts the bare view the benchmark compares every page with (config/bench.py).
CONCORD_BENCH = env_bool("CONCORD_BENCH", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_traceback": {"()": "concord.core.logs.WithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CONCORD_LOG_LEVEL", "INFO")},
    # A request for a host not in CONCORD_ALLOWED_HOSTS (scanners, a misconfigured proxy): one line.
    "loggers": {"django.security.DisallowedHost": {"filters": ["without_traceback"]}},
}
