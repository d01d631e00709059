"""Reading tables with ConnectorX in a child process, so SQLite is never opened twice.

ConnectorX carries its own copy of the SQLite library. Two copies in one process do not
see each other's POSIX locks: when ConnectorX closes the database it takes itself for
the last user, deletes the write-ahead log under Django's still-open connection and
drops that connection's locks, and Django's next write goes into a deleted file (SQLite's
"How To Corrupt An SQLite Database File", §2.2). Another *process* opening the same file
is ordinary SQLite use, so the fast reader runs here, in a process of its own that never
loads Django, and hands each table back as an Arrow IPC file.

The parent (:func:`read_tables`) sends the job as JSON on standard input; the child
prints each table's name when it starts reading it (the parent's progress), writes
``<name>.arrow`` into the folder it was given and exits 0. Any failure ends it non-zero
with the reason on standard error.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from .leftovers import owner_token, remove_orphans

SCRATCH_PREFIX = ".partways-read-"
# (table name, SQL, column to partition on or None)
Query = tuple[str, str, str | None]


class ChildReadFailed(RuntimeError):
    """The reading process failed; the message holds the end of what it said."""


def read_tables(
    url: str,
    queries: Sequence[Query],
    partitions: int,
    scratch_parent: Path,
    progress: Callable[[str], None] | None = None,
) -> dict[str, pl.DataFrame]:
    """Run ``queries`` against ``url`` in a child process; one frame per table name.

    The Arrow files go in a temporary folder under ``scratch_parent`` (beside the
    database, which has room for a copy of its own tables; ``/tmp`` may be a small
    tmpfs) and are removed before this returns. Raises :class:`ChildReadFailed`.
    """
    # The host and process in the name let a later read remove what a killed one left.
    remove_orphans(scratch_parent, SCRATCH_PREFIX)
    scratch = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{owner_token()}-", dir=scratch_parent))
    try:
        job = {
            "url": url,
            "dir": str(scratch),
            "partitions": partitions,
            "queries": [list(q) for q in queries],
        }
        # What the child says on error goes to a file: a pipe read only after its
        # output could fill up and stall it.
        with (scratch / "stderr.txt").open("w+") as errors:
            child = subprocess.Popen(
                [sys.executable, "-m", "partways.store.loader_child"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
            )
            assert child.stdin and child.stdout
            child.stdin.write(json.dumps(job))
            child.stdin.close()
            for line in child.stdout:
                if progress and line.strip():
                    progress(line.strip())
            child.wait()
            errors.seek(0)
            said = errors.read()
        if child.returncode != 0:
            tail = said.strip().splitlines()[-3:]
            said = " / ".join(tail) or f"exit status {child.returncode}"
            raise ChildReadFailed(f"the process reading the database failed: {said}")
        return {name: pl.read_ipc(scratch / f"{name}.arrow") for name, *_ in queries}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def read_query(url: str, sql: str, partition_on: str | None, partitions: int) -> pl.DataFrame:
    """One query's rows through ConnectorX, in this process: never on a SQLite file
    that this process also has open through another library."""
    import connectorx as cx

    kwargs: dict[str, Any] = {}
    if partition_on and partitions > 1:
        kwargs = {"partition_on": partition_on, "partition_num": partitions}
    try:
        table = cx.read_sql(url, sql, return_type="arrow", **kwargs)
    except RuntimeError:
        if not kwargs:
            raise
        # An empty table has no id range to split; read it whole.
        table = cx.read_sql(url, sql, return_type="arrow")
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame


def main() -> int:
    job = json.loads(sys.stdin.read())
    folder = Path(job["dir"])
    for name, sql, partition_on in job["queries"]:
        print(name, flush=True)
        frame = read_query(job["url"], sql, partition_on, int(job["partitions"]))
        frame.write_ipc(folder / f"{name}.arrow", compression="uncompressed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
