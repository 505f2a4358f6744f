"""Test settings: the main settings with what makes tests fast and self-contained."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("REQUIRE_STAFF_MFA", "true")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SECURE_SSL_REDIRECT = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# No test publishes to a real broker by accident (a transactional test commits, so its
# on_commit hooks run): tasks run in-process. The one test of Celery over real Redis turns
# this off for itself and starts its own worker.
CELERY_TASK_ALWAYS_EAGER = True
# Static files are read from the source folders on every request, never from a copy an
# earlier `collectstatic` left in var/static (the browser tests would test stale scripts).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
