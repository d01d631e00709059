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


def local_secret_key() -> str:
    """A random key made once per data folder (``secret_key``, readable by its owner only).

    ``partways serve`` signs log-ins with it outside production mode, so they survive
    a restart; connection credentials are encrypted with it when PARTWAYS_SECRET_KEY
    is not set (store/sync/secrets.py).
    """
    path = data_home() / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    import secrets

    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it in between: use theirs
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key + "\n")
    return key
