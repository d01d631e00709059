"""An import killed with SIGKILL at any moment leaves the database intact, holding all of
that file or none of it; the next import of the same file completes it.

The file is large enough that the import spends seconds parsing, staging and writing,
and the kills land at several points across that span.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CLI

ROWS = 60_000
TAG = "killed-import"
# Seconds after the process starts; the first ones land in start-up and parsing, the
# later ones in the writes.
KILL_AFTER = (0.8, 1.6, 2.4, 3.2, 4.0, 5.0, 6.5)
HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    "End date,End time,Duration,Tags,Amount (EUR)\n"
)


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "toggl_large.csv"
    start = dt.datetime(2024, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for row in range(ROWS):
            at = start + dt.timedelta(minutes=37 * row)
            end = at + dt.timedelta(minutes=30)
            out.write(
                f"Ana,ana@example.com,Client {row % 40:02d},Site,,{TAG}-{row},Yes,"
                f"{at:%Y-%m-%d},{at:%H:%M:%S},{end:%Y-%m-%d},{end:%H:%M:%S},00:30:00,,25.00\n"
            )
    return path


def _rows(cli: CLI) -> tuple[int, str]:
    """How many of the file's rows are in the database, and SQLite's integrity verdict."""
    sql = "SELECT COUNT(*) FROM partways_timeentry WHERE description LIKE 'killed-import-%'"
    return cli.scalar(sql), cli.integrity()


def test_an_import_killed_at_any_moment_writes_all_or_nothing(cli: CLI, large_file: Path) -> None:
    cli("import", str(large_file), "--dry-run")  # the database exists before the first kill
    outcomes = []
    for delay in KILL_AFTER:
        proc = subprocess.Popen(
            [sys.executable, "-m", "partways", "import", str(large_file)],
            env=cli.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        finished = proc.poll() is not None
        if not finished:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        count, check = _rows(cli)
        outcomes.append((delay, finished, count))
        assert check == "ok", f"killed after {delay} s: {check}"
        assert count in (0, ROWS), f"killed after {delay} s: {count} of {ROWS} rows"
        if count == ROWS:
            break
    assert any(not finished for _, finished, _ in outcomes), "no import was killed mid-way"
    # The next import completes the file; one more adds nothing.
    cli("import", str(large_file))
    assert _rows(cli) == (ROWS, "ok")
    again = cli("import", str(large_file))
    assert "Traceback" not in again.stderr
    assert _rows(cli) == (ROWS, "ok")
    home = Path(cli.env["PARTWAYS_HOME"])
    assert not list(home.glob("*-import-staging-*")), "a killed import's staging files stay"
