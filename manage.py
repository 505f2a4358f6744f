#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # manage.py is the local tool: with nothing set it works on the embedded demo. The
    # production entry points (gunicorn, Celery, the image) never pass through here and keep
    # DEBUG off, refusing to start without SECRET_KEY and ALLOWED_HOSTS.
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
