"""Files a killed partways process left beside the database, found by the host and
process id in their names and removed once that process is gone.

A name holds ``<host>.<pid>``: a data folder shared with a container (or another
machine) holds files of processes this one cannot see, and those are left alone.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
from pathlib import Path


def owner_token() -> str:
    """``<host>.<pid>`` of this process, for the names of the files it leaves."""
    host = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32] or "host"
    return f"{host}.{os.getpid()}"


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (always assumed on Windows,
    where there is no harmless signal to ask with)."""
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process; or no pid at all
        return True
    return True


def remove_orphans(folder: Path, prefix: str) -> None:
    """Delete the files and folders in ``folder`` named ``<prefix><host>.<pid>-…`` of
    this host whose process no longer runs. Never raises: this is tidying up after
    work that has already succeeded."""
    host = owner_token().rpartition(".")[0]
    for path in folder.glob(f"{prefix}*"):
        token = path.name.removeprefix(prefix).split("-", 1)[0]
        owner, _, pid = token.rpartition(".")
        if owner != host or not (pid.isascii() and pid.isdecimal()):
            continue
        if process_alive(int(pid)):
            continue
        try:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            continue
