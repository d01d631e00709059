"""WSGI entry point for a production server: ``gunicorn partways.web.wsgi``.

With PARTWAYS_PRODUCTION=1 it refuses to load without a real secret key and explicit
allowed hosts (see :mod:`partways.web.production`).
"""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partways.store.settings")
application = get_wsgi_application()


def _refuse_unsafe_production() -> None:
    from django.conf import settings

    from .production import problems

    if settings.PRODUCTION and (found := problems()):
        raise ImproperlyConfigured(
            "partways will not serve in production mode: " + " ".join(f"{p} {h}" for p, h in found)
        )


_refuse_unsafe_production()
