"""Settings for Citizens in Policing Hub, read from environment variables.

Every variable read here is listed in `.env.example`. The embedded default (no variables
set) is a local demo: SQLite under var/, Celery tasks in-process, e-mail to the console.
"""

from pathlib import Path

import bootstrap_wrapper
import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from .env import env_bool, env_int, env_list, env_str, require

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY") or "insecure-local-development-key-not-for-production-use"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    SECRET_KEY = require("SECRET_KEY", env_str("SECRET_KEY"))
    ALLOWED_HOSTS = require("ALLOWED_HOSTS", env_list("ALLOWED_HOSTS"))

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "crispy_forms",
    "crispy_bootstrap5",
    "volunteers",
    "schemes",
    "esp",
    "careers",
    "scrutiny",
    "schemes.psv",
    "scrutiny.custody",
    "scrutiny.dogwelfare",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "volunteers.middleware.DropUnreadableInputMiddleware",
    "volunteers.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "volunteers.middleware.RequireMfaMiddleware",
    "volunteers.middleware.NoStoreForSignedInMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.csp",
                "volunteers.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite under var/ unless DATABASE_URL points at PostgreSQL. Connections are kept open
# between requests: opening one per request cut a list page's throughput to a third.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    }
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "cipdhub.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions, the cache and allauth's rate limits live in the database, never in Redis,
# so every page keeps working while the broker is down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    }
}

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "volunteers.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "volunteers:after-login"
LOGOUT_REDIRECT_URL = "volunteers:home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Citizens in Policing Hub: "
ACCOUNT_ADAPTER = "volunteers.adapters.AccountAdapter"
# The same forms with our labels (volunteers/account_forms.py).
ACCOUNT_FORMS = {
    name: f"volunteers.account_forms.{form}"
    for name, form in [
        ("login", "LoginForm"),
        ("signup", "SignupForm"),
        ("add_email", "AddEmailForm"),
        ("change_password", "ChangePasswordForm"),
        ("reset_password", "ResetPasswordForm"),
        ("reset_password_from_key", "ResetPasswordKeyForm"),
    ]
}
# Failed sign-ins (volunteers.adapters.AccountAdapter): five for one account from one
# address; an address across many accounts; an account across many addresses.
ACCOUNT_RATE_LIMITS = {
    "login_failed_here": "5/5m/key",
    "login_failed": "60/5m/ip,20/h/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "esp_join": "5/h/ip",  # complete sign-ups of employers
    "esp_join_step": "60/h/ip",  # each page of it sent (volunteers.throttle.public_form)
}
MFA_ADAPTER = "volunteers.adapters.MfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Citizens in Policing Hub"
# Accept the code from the step before or after as well (RFC 6238 allows one step for
# delay): a person typing a code as it turns over is not turned away. Each code still works
# once only.
MFA_TOTP_TOLERANCE = 1
# OPCC staff, coordinators and employer users must set up MFA before anything else.
# Only a local demo may lift this (make run does, and says so).
REQUIRE_STAFF_MFA = env_bool("REQUIRE_STAFF_MFA", True)
# Anyone who sees other people's records is signed out after this long without a request
# (warned a minute before: volunteers.middleware.IdleTimeoutMiddleware).
STAFF_IDLE_MINUTES = env_int("STAFF_IDLE_MINUTES", 30)
# Each person sees where they are signed in and can end their other sessions
# (allauth.usersessions, under /accounts/sessions/).
USERSESSIONS_TRACK_ACTIVITY = False

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- The organisation, as its letters give it -----------------------------------------
# The force's name, as its printed documents carry it.
FORCE_NAME = "Hertfordshire Constabulary"
# The sender's address block at the top of printed letters (attendance letters).
ORGANISATION_ADDRESS = [
    "Special Constabulary",
    FORCE_NAME,
    "Police Headquarters, Stanborough Road",
    "Welwyn Garden City",
    "AL8 6XF",
]

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
# Dates read "26 November 2026" everywhere: config/formats/en_GB/formats.py.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files: our own plus Bootstrap from its PyPI package, served by WhiteNoise ---
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", bootstrap_wrapper.get_bootstrap_dir()),
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
WHITENOISE_USE_FINDERS = DEBUG
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root

# --- E-mail (Django 6.1's MAILERS) ----------------------------------------------------
EMAIL_BACKEND_NAME = env_str("EMAIL_BACKEND", "console" if DEBUG else "smtp")
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
if EMAIL_BACKEND_NAME not in EMAIL_BACKENDS:
    raise ImproperlyConfigured(f"EMAIL_BACKEND must be one of {sorted(EMAIL_BACKENDS)}.")
MAILERS = {"default": {"BACKEND": EMAIL_BACKENDS[EMAIL_BACKEND_NAME]}}
if EMAIL_BACKEND_NAME == "file":
    MAILERS["default"]["OPTIONS"] = {
        "file_path": env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
    }
if EMAIL_BACKEND_NAME == "smtp":
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 20,
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Citizens in Policing Hub <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write to the Commissioner's office about the service (the accessibility
# statement gives it for problems using the site).
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "commissioner@localhost")

# --- Celery: Redis is only the broker; without it tasks run in-process ------------------
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Fail fast when the broker is down, rather than hold a request open retrying.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
# The outbox: how often beat sweeps for due reminders and dispatches the outbox, and how
# long a claimed message stays with a worker before another may send it.
REMINDER_SWEEP_SECONDS = env_int("REMINDER_SWEEP_SECONDS", 60 * 60)
OUTBOX_DISPATCH_SECONDS = env_int("OUTBOX_DISPATCH_SECONDS", 60)
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 10 * 60)
CELERY_BEAT_SCHEDULE = {
    "sweep-reminders": {
        "task": "volunteers.tasks.sweep_reminders",
        "schedule": REMINDER_SWEEP_SECONDS,
    },
    "dispatch-notifications": {
        "task": "volunteers.tasks.dispatch_notifications",
        "schedule": OUTBOX_DISPATCH_SECONDS,
    },
    "rollup-kpis": {"task": "schemes.tasks.rollup_kpis", "schedule": crontab(hour=2, minute=15)},
}

# --- Security -------------------------------------------------------------------------
# Django's built-in Content Security Policy: our own scripts and styles only, nothing
# inline. data: images are allowed for the MFA set-up QR code allauth renders.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the container health check speaks plain HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not DEBUG else None
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG

# Diversity figures: any group smaller than this is shown as "fewer than 5".
SMALL_GROUP_THRESHOLD = env_int("SMALL_GROUP_THRESHOLD", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
