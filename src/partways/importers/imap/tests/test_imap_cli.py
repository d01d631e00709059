"""``partways import imap://…`` end to end: the real CLI, a real Dovecot, a real database.

The second import starts where the first stopped (the cursor is kept in the
database), so it fetches nothing it already has.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import Server
from .test_imap import _append


def _partways(home: Path, server: Server, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PARTWAYS_HOME": str(home),
        "PARTWAYS_IMAP_PASSWORD": server.password,
        "COLUMNS": "200",
        "NO_COLOR": "1",
    }
    env.pop("DATABASE_URL", None)  # a scratch SQLite file, whatever the suite runs on
    return subprocess.run(
        [sys.executable, "-m", "partways", *args],
        env=env,
        text=True,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_import_from_imap_twice_fetches_only_what_is_new(
    imap_server: Server, tmp_path: Path
) -> None:
    _append(imap_server, "Uvoz", ["01_hr.eml", "02_id.eml"])
    url = imap_server.url("Uvoz")
    first = _partways(tmp_path, imap_server, "import", url)
    assert first.returncode == 0, first.stderr
    assert "2 messages" in first.stdout and "imap" in first.stdout
    _append(imap_server, "Uvoz", ["03_ar.eml"])
    second = _partways(tmp_path, imap_server, "import", url)
    assert second.returncode == 0, second.stderr
    assert "1 messages" in second.stdout
    third = _partways(tmp_path, imap_server, "import", url)
    assert "messages" not in third.stdout.split("Import", 1)[1]  # nothing fetched at all


def test_a_wrong_password_is_a_clear_error(imap_server: Server, tmp_path: Path) -> None:
    wrong = Server(imap_server.host, imap_server.port, imap_server.user, "not-the-password")
    proc = _partways(tmp_path, wrong, "import", imap_server.url("INBOX"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr + proc.stdout
    assert imap_server.host in proc.stdout + proc.stderr
