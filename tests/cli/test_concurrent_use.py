"""Triages running back to back while another process imports: nothing is lost or damaged.

The scenario that corrupted SQLite files (issue 13): a populated workspace, one process
importing ten small Toggl files one after another, another running full triages for as
long as the imports last; three rounds. Afterwards the database passes SQLite's
``integrity_check`` and holds every imported row, and both kinds of command succeeded.
The same race runs on PostgreSQL when DATABASE_URL names a server.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CLI

ROUNDS = 3
FILES_PER_ROUND = 10
ROWS_PER_FILE = 40
TOGGL_HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    "End date,End time,Duration,Tags,Amount (EUR)\n"
)

IMPORT_ONE_BY_ONE = """
import sys, time
from django.db import connections
from partways.cli import main
for path in sys.argv[1:]:
    sys.argv = ["partways", "import", path]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    print("IMPORTED", path, code, flush=True)
    # Between files this process holds the database no more than a finished
    # `partways import` would: a triage may then take itself for the file's last user.
    connections.close_all()
    time.sleep(0.3)
"""


def _toggl_file(path: Path, clients: list[str], tag: str, first_day: dt.date) -> None:
    """A Toggl detailed-report CSV of one hour a row, spread over the clients."""
    lines = [TOGGL_HEADER]
    for row in range(ROWS_PER_FILE):
        day = first_day + dt.timedelta(days=row % 28)
        start = dt.time(8 + row % 9, row % 60, 0)
        client = clients[row % len(clients)].replace('"', '""')
        lines.append(
            f'Ana Kovač,ana@example.com,"{client}",Concurrency,,{tag}-row{row},Yes,'
            f"{day},{start},{day},{start.replace(hour=start.hour + 1)},01:00:00,,60.00\n"
        )
    path.write_text("".join(lines), encoding="utf-8")


def _count_rows(cli: CLI, prefix: str) -> int:
    url = cli.env.get("DATABASE_URL", "")
    sql = "SELECT COUNT(*) FROM partways_timeentry WHERE description LIKE %s"
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        with psycopg.connect(url) as conn:
            row = conn.execute(sql, [prefix + "%"]).fetchone()
    else:
        with sqlite3.connect(Path(cli.env["PARTWAYS_HOME"]) / "partways.sqlite3") as conn:
            row = conn.execute(sql.replace("%s", "?"), [prefix + "%"]).fetchone()
    assert row is not None
    return int(row[0])


def _integrity(cli: CLI) -> str:
    with sqlite3.connect(Path(cli.env["PARTWAYS_HOME"]) / "partways.sqlite3") as conn:
        return "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check").fetchall())


@pytest.fixture(scope="module")
def populated(cli: CLI) -> list[str]:
    """The demo agency (45 clients: a full triage reads through the fast loader)."""
    cli("demo", "--as-of", "2026-11-30")
    rows = json.loads(cli("triage", "--as-of", "2026-11-30", "--format", "json").stdout)
    names = [r["client"] for r in rows]
    assert len(names) > 10
    return names[:6] + ["Concurrent Newcomer d.o.o."]


def test_back_to_back_triages_during_imports_damage_nothing(
    cli: CLI, populated: list[str], tmp_path: Path
) -> None:
    postgres = cli.env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    for round_ in range(ROUNDS):
        files = []
        for n in range(FILES_PER_ROUND):
            path = tmp_path / f"round{round_}_file{n}.csv"
            _toggl_file(path, populated, f"conc-r{round_}-f{n}", dt.date(2026, 10, 1))
            files.append(path)
        # One process imports the ten files one after another, closing the database
        # after each as ten `partways import` runs would (and without their ten
        # start-ups), with a short pause so triages overlap every stage.
        importer = subprocess.Popen(
            [sys.executable, "-c", IMPORT_ONE_BY_ONE, *map(str, files)],
            env=cli.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        triages = []
        while importer.poll() is None or not triages:
            done = cli("triage", "--as-of", "2026-11-30", "--format", "json", check=False)
            triages.append((done.returncode, done.stderr[-500:]))
        said, errors = importer.communicate(timeout=300)
        import_codes = [
            line.rsplit(" ", 1) for line in said.splitlines() if line.startswith("IMPORTED ")
        ]
        assert len(import_codes) == FILES_PER_ROUND, errors[-2000:]

        failed = [c for c in import_codes if c[1] != "0"]
        assert failed == [], f"round {round_}: imports failed: {errors[-2000:]}"
        assert [t for t in triages if t[0] != 0] == [], f"round {round_}: triages failed"
        if not postgres:
            assert _integrity(cli) == "ok", f"round {round_}"
        expected = FILES_PER_ROUND * ROWS_PER_FILE
        assert _count_rows(cli, f"conc-r{round_}-") == expected, f"round {round_}"
    # The workspace still works afterwards: a triage and a re-import that adds nothing.
    cli("triage", "--as-of", "2026-11-30")
    again = cli("import", str(tmp_path / "round0_file0.csv"))
    assert "Traceback" not in again.stderr
    assert _count_rows(cli, "conc-r0-") == FILES_PER_ROUND * ROWS_PER_FILE


def test_the_fast_reader_leaves_this_process_s_sqlite_files_alone(cli: CLI, populated) -> None:
    """The defect's mechanism, checked directly: after a full load, the write-ahead log
    this process's connection uses is still on disk and its next write is seen by
    another connection (it used to be unlinked under the open connection)."""
    if cli.env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("SQLite's own files")
    script = (
        "import os,sqlite3\n"
        "from partways.store.bootstrap import ensure_database\n"
        "ensure_database()\n"
        "from partways.store.business import load_business\n"
        "from partways.store.loader import load_dataset\n"
        "from partways.store.models import ExchangeRate\n"
        "home=os.environ['PARTWAYS_HOME']; db=os.path.join(home,'partways.sqlite3')\n"
        "ExchangeRate.objects.update_or_create(currency='XAU', defaults={'rate_to_base': 2})\n"
        "wal=os.stat(db+'-wal').st_ino\n"
        "business, _ = load_business()\n"
        "ds = load_dataset(business)\n"
        "assert ds.clients.height > 10\n"
        "assert os.path.exists(db+'-wal') and os.stat(db+'-wal').st_ino == wal, 'WAL replaced'\n"
        "ExchangeRate.objects.update_or_create(currency='XAG', defaults={'rate_to_base': 3})\n"
        "other=sqlite3.connect(db)\n"
        "n=other.execute(\"select count(*) from partways_exchangerate where currency='XAG'\")\n"
        "print('seen', n.fetchone()[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=cli.env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "seen 1" in done.stdout
    assert _integrity(cli) == "ok"
    assert not list(Path(cli.env["PARTWAYS_HOME"]).glob(".partways-read-*")), "scratch left"
