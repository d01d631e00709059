"""Running a full triage from the web app without endangering the SQLite file.

A full triage reads the tables through ConnectorX (store/loader.py), which carries its
own copy of the SQLite library. Two copies of SQLite in one process do not see each
other's locks: when ConnectorX closes the file, it takes itself for the last user,
deletes the write-ahead log under the server's open connections and drops their
POSIX locks (SQLite's "How To Corrupt An SQLite Database File", §2.2.1). The server
has many connections open, so on SQLite the triage runs in a process of its own,
the CLI's, where it is the only user. PostgreSQL has no such trap.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

from partways.store.triage import run_triage


class TriageFailed(Exception):
    """The triage could not run; the message says why, in the CLI's words."""


def run_full_triage(as_of: dt.date) -> int:
    """Triage every active client as of ``as_of`` and keep the verdicts; the client count.

    Raises :class:`TriageFailed` with the CLI's own message when the triage fails.
    """
    if connection.vendor != "sqlite":
        return len(run_triage(as_of).decisions)
    database = Path(str(connection.settings_dict["NAME"])).resolve()
    command = ["triage", "--as-of", as_of.isoformat(), "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-m", "partways", *command],
        # The very file this server uses, however its settings named it.
        env={**os.environ, "NO_COLOR": "1", "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if done.returncode != 0:
        said = done.stderr.strip().splitlines()
        raise TriageFailed(said[-1] if said else f"exit status {done.returncode}")
    return len(json.loads(done.stdout)) if done.stdout.strip() else 0
