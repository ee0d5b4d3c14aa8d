"""WSGI entry point for production servers (gunicorn concord.config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concord.config.settings")
application = get_wsgi_application()
