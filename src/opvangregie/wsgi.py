"""WSGI entry point for gunicorn (``gunicorn opvangregie.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opvangregie.conf.production")
application = get_wsgi_application()
