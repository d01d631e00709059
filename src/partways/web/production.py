"""What production mode demands before it serves anyone: a real secret key and hosts.

One function lists the problems; ``partways serve``, the WSGI entry point and
Django's ``check --deploy`` all ask it, so the rules cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

MIN_KEY_LENGTH = 50


def problems() -> list[tuple[str, str]]:
    """(problem, hint) pairs that forbid serving in production mode; empty when fine."""
    found: list[tuple[str, str]] = []
    key = settings.SECRET_KEY
    if key == settings.INSECURE_KEY or key.startswith("django-insecure") or not key:
        found.append(
            (
                "PARTWAYS_SECRET_KEY is not set, so sessions would be signed with a public key.",
                "Set PARTWAYS_SECRET_KEY to a long random value, e.g. "
                '`python -c "import secrets; print(secrets.token_urlsafe(50))"`.',
            )
        )
    elif len(key) < MIN_KEY_LENGTH or len(set(key)) < 5:
        found.append(
            (
                f"PARTWAYS_SECRET_KEY is too weak ({len(key)} characters).",
                f"Use at least {MIN_KEY_LENGTH} random characters.",
            )
        )
    import os

    hosts = os.environ.get("PARTWAYS_ALLOWED_HOSTS", "").strip()
    if not hosts:
        found.append(
            (
                "PARTWAYS_ALLOWED_HOSTS is not set.",
                "Set it to the host names the app is reached at, comma-separated, "
                "e.g. partways.example.com.",
            )
        )
    elif "*" in [h.strip() for h in hosts.split(",")]:
        found.append(
            (
                "PARTWAYS_ALLOWED_HOSTS contains '*', which accepts any Host header.",
                "Name the host names the app is reached at instead.",
            )
        )
    if settings.DEBUG:
        found.append(
            (
                "PARTWAYS_DEBUG=1 shows tracebacks and settings to visitors.",
                "Unset PARTWAYS_DEBUG in production.",
            )
        )
    return found


@register("security", deploy=True)
def production_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not settings.PRODUCTION:
        return []
    return [
        Error(problem, hint=hint, id=f"partways.E{i:03d}")
        for i, (problem, hint) in enumerate(problems(), start=1)
    ]
