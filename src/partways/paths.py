"""Where partways keeps its data on this machine."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_home() -> Path:
    """Return the per-user data directory (``PARTWAYS_HOME`` overrides it).

    The directory is created if it does not exist yet.
    """
    override = os.environ.get("PARTWAYS_HOME")
    home = Path(override).expanduser() if override else Path(platformdirs.user_data_dir("partways"))
    home.mkdir(parents=True, exist_ok=True)
    return home


def sqlite_path() -> Path:
    """Return the path of the default embedded SQLite database."""
    return data_home() / "partways.sqlite3"
