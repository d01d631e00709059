"""Where partways keeps its data, decided without loading Django's settings.

The CLI needs the data folder before Django starts (``partways serve`` reads its local
secret key from it and hands it to the settings), so the rule lives here, and the
settings module imports it rather than the other way round.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_home() -> Path:
    """The per-user data folder: ``$PARTWAYS_HOME``, else the platform's data directory."""
    override = os.environ.get("PARTWAYS_HOME")
    return Path(override).expanduser() if override else Path(platformdirs.user_data_dir("partways"))
