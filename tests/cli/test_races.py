"""Two partways processes at once on one database: both succeed.

Each test starts real ``partways`` processes together on a database of its own (a
fresh SQLite folder, or a fresh PostgreSQL database when DATABASE_URL names a server).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import CLI

TOGGL_HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    "End date,End time,Duration,Tags,Amount (EUR)\n"
)


@pytest.fixture
def fresh_cli(tmp_path: Path) -> Iterator[Callable[[], CLI]]:
    """Make a CLI on a database of its own; every database made is dropped after."""
    url = os.environ.get("DATABASE_URL", "")
    postgres = url.startswith(("postgres://", "postgresql://"))
    made: list[str] = []

    def make() -> CLI:
        home = tmp_path / uuid.uuid4().hex[:8]
        home.mkdir()
        env = {**os.environ, "PARTWAYS_HOME": str(home), "COLUMNS": "200", "NO_COLOR": "1"}
        if not postgres:
            env.pop("DATABASE_URL", None)
            return CLI(env)
        import psycopg

        name = f"partways_race_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
        return CLI(env)

    yield make
    if made:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            for name in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _together(cli: CLI, *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command at once and wait for all of them."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "partways", *args],
            env=cli.env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for args in commands
    ]
    done = []
    for args, proc in zip(commands, procs, strict=True):
        stdout, stderr = proc.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(args, proc.returncode, stdout, stderr))
    return done


def _succeeded(procs: list[subprocess.CompletedProcess[str]]) -> None:
    for proc in procs:
        assert proc.returncode == 0, (proc.args, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr


def test_first_commands_started_together_on_a_fresh_database_both_succeed(fresh_cli):
    # Before the migration lock, the second process found the first one's tables
    # half made: "relation django_admin_log already exists" (PostgreSQL).
    cli = fresh_cli()
    _succeeded(_together(cli, ["clients", "list"], ["clients", "list"], ["rate", "USD", "0.9"]))
    assert "No clients" not in cli("rate", "USD", "0.9").stderr


def _toggl(path: Path, tag: str, clients: list[str]) -> Path:
    lines = "".join(
        f"Ana,ana@studio.hr,{client},Site,,{tag} row {i},Yes,2026-10-0{i + 1},"
        f"09:00:00,2026-10-0{i + 1},10:00:00,01:00:00,,50.00\n"
        for i, client in enumerate(clients)
    )
    path.write_text(TOGGL_HEADER + lines, encoding="utf-8")
    return path


def _imports_meeting_on_the_client_table(cli: CLI, a: Path, b: Path) -> list:
    """Run two imports so that both insert the same new client at the same moment.

    On PostgreSQL the test holds the client table locked until both imports wait (to
    insert, or for the other import's turn), then lets them go: the race that happened
    3 times in 6 by chance now happens every time. SQLite lets one writer in
    at a time, so there the two imports are simply started together.
    """
    url = cli.env.get("DATABASE_URL", "")
    if not url:
        return _together(cli, ["import", str(a)], ["import", str(b)])
    import time

    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("LOCK TABLE partways_client IN EXCLUSIVE MODE")
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "partways", "import", str(path)],
                env=cli.env,
                text=True,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for path in (a, b)
        ]
        with psycopg.connect(url, autocommit=True) as watcher:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                # Waiting on the client table, or on the other import's turn.
                waiting = watcher.execute(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"
                ).fetchone()
                if waiting and waiting[0] >= 2 or any(p.poll() is not None for p in procs):
                    break
                time.sleep(0.05)
        conn.rollback()  # the lock goes; both inserts run at once
    done = []
    for path, proc in zip((a, b), procs, strict=True):
        stdout, stderr = proc.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(str(path), proc.returncode, stdout, stderr))
    return done


def _race(cli: CLI, tmp_path: Path, names_a: list[str], names_b: list[str]) -> CLI:
    """Two Toggl imports, of a row per name each, meeting on the client table of a
    migrated database (so they race on the clients only); both must succeed."""
    cli("clients", "list")
    a = _toggl(tmp_path / "a.csv", "a", names_a)
    b = _toggl(tmp_path / "b.csv", "b", names_b)
    _succeeded(_imports_meeting_on_the_client_table(cli, a, b))
    return cli


def test_two_imports_that_bring_the_same_new_clients_both_succeed(fresh_cli, tmp_path):
    # Before, one of the two was refused with "duplicate key value violates unique
    # constraint partways_client_name_key" (3 of 6 pairs on PostgreSQL).
    names = ["Brand New Client", "Second New Client", "Brand New Client d.o.o."]
    cli = _race(fresh_cli(), tmp_path, names, names)
    # Every row of both files is there, under one client per name (the d.o.o. spelling
    # is the first client's alias, whichever import made it).
    counts = _query(
        cli,
        "from partways.store.models import Client;"
        "print([(c.name, c.time_entries.count(), [a.alias for a in c.aliases.all()])"
        " for c in Client.objects.order_by('name')])",
    )
    expected = [("Brand New Client", 4, ["Brand New Client d.o.o."]), ("Second New Client", 2, [])]
    assert counts == str(expected)


def _query(cli: CLI, code: str) -> str:
    """What ``code`` prints, run against ``cli``'s database in a process of its own."""
    setup = "from partways.store.bootstrap import setup; setup();"
    proc = subprocess.run(
        [sys.executable, "-c", setup + code], env=cli.env, text=True, capture_output=True
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_two_imports_that_bring_the_same_new_project_make_it_once(fresh_cli, tmp_path):
    # Each import reads the projects it knows when it starts; both then created
    # "Site" for the same client, and its hours were split over two projects.
    names = ["Project Race Client", "Project Race Client"]
    cli = _race(fresh_cli(), tmp_path, names, names)
    projects = _query(
        cli,
        "from partways.store.models import Project;"
        "print(sorted((p.client.name, p.name, p.time_entries.count())"
        " for p in Project.objects.all()))",
    )
    assert projects == str([("Project Race Client", "Site", 4)])


def test_two_imports_that_spell_one_new_client_two_ways_make_it_once(fresh_cli, tmp_path):
    # "Key Race Ltd." and "KEY RACE LTD" are one client (the same matching key); each
    # import found neither and inserted its own spelling, both accepted.
    cli = _race(fresh_cli(), tmp_path, ["Key Race Ltd."], ["KEY RACE LTD"])
    clients = _query(
        cli,
        "from partways.store.models import Client;"
        "print([c.time_entries.count() for c in Client.objects.all()])",
    )
    assert clients == "[2]"
