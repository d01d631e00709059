"""What this machine says about where it is: its time zone, for the first run's default.

Django replaces the TZ variable with its own TIME_ZONE as its settings load, after which
this process can no longer tell the machine's zone. The command line remembers it before
Django starts (:func:`remember_time_zone`), in the environment, where the web server's
first-run page finds it too.
"""

from __future__ import annotations

import os

ZONE_VARIABLE = "PARTWAYS_MACHINE_TIME_ZONE"


def _zone_now() -> str:
    import tzlocal

    try:
        name = tzlocal.get_localzone_name()
    except Exception:  # noqa: BLE001 - an odd /etc/localtime must not stop a start
        return "UTC"
    return name or "UTC"


def remember_time_zone() -> None:
    """Keep this machine's time zone where :func:`time_zone` finds it after Django."""
    os.environ.setdefault(ZONE_VARIABLE, _zone_now())


def time_zone() -> str:
    """This machine's time zone by its tz database name (``Europe/Zagreb``); UTC when
    it has none."""
    return os.environ.get(ZONE_VARIABLE) or _zone_now()
