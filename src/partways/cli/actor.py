"""Who is acting, for the audit trail: --by, else $PARTWAYS_USER, else the login name."""

from __future__ import annotations

import getpass
import os


def actor(by: str | None) -> str:
    if by and by.strip():
        return by.strip()
    try:
        return os.environ.get("PARTWAYS_USER") or getpass.getuser()
    except (KeyError, OSError):
        # No login name (a container without a passwd entry): still say who, vaguely.
        return "command line"
