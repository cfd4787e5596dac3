"""WSGI entry point for running the web app behind a real server (gunicorn, uWSGI...)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.conf.settings")
application = get_wsgi_application()
