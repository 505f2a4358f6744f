"""Settings for `make bench`: production-like (DEBUG off, persistent connections, the
manifest static storage) but over plain HTTP on loopback, with two baseline pages and a
header that counts each response's SQL queries."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("EMAIL_BACKEND", "console")

from config.settings import *  # noqa: E402,F403

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# The console "mailer" is fine on loopback; the deploy check about it does not apply here.
SILENCED_SYSTEM_CHECKS = ["mail.E001"]
# Bookings in the load scenario send e-mails in-process (no broker here): drop them, so the
# output stays the table.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
# Sending belongs to a Celery worker, as in production: requests only queue (the broker is
# in memory here), rather than send the outbox in-process as the local demo does.
CELERY_TASK_ALWAYS_EAGER = False
