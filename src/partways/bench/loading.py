"""How to read a SQLite database into the engine: the options, side by side.

``python -m partways.bench.loading [--time-entries N …]`` generates a portfolio in a
scratch SQLite database, then reads every engine table with each reader in turn, each
in a fresh process, the readers interleaved round after round so that a busy moment on
the machine falls on all of them alike. It writes the medians to docs/benchmarks.md.

The readers:

* ``child``: ConnectorX in a child process that hands back Arrow IPC files: what
  ``load_dataset`` does on SQLite (store/loader_child.py).
* ``in-process``: ConnectorX in the reading process itself, as partways did before
  issue 13. It is unsafe beside an open Django connection (two SQLite libraries in one
  process), so here it runs with Django's connection closed, for its speed alone.
* ``cursor``: Django's own connection through a DB-API cursor (one library, no child).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

READERS = ("child", "in-process", "cursor")
START = "<!-- loading:start -->"
END = "<!-- loading:end -->"


def _measure(reader: str) -> dict[str, float]:
    """Read every engine table with ``reader`` in this process; seconds and peak memory."""
    from partways.store.bootstrap import setup

    setup()
    from django.db import connection

    from partways.store import loader
    from partways.store.business import load_business
    from partways.store.loader_child import read_query

    from .measure import peak_mib, reset_peak

    business, _ = load_business()
    reset_peak()
    start = time.perf_counter()
    if reader == "child":
        rows = loader.load_dataset(business).time_entries.height
    elif reader == "in-process":
        url = loader._sqlite_url()
        connection.close()
        frames = {
            name: read_query(url, loader._sql(name, None), loader._partition(name, None), 2)
            for name in loader.QUERIES
        }
        rows = frames["time_entries"].height
    else:
        frames = {name: loader._cursor_read(loader._sql(name, None)) for name in loader.QUERIES}
        rows = frames["time_entries"].height
    seconds = time.perf_counter() - start
    child_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mib": peak_mib(), "child_peak_mib": child_mib, "rows": rows}


def run(sizes: dict[str, int], rounds: int, out: Path) -> dict[str, Any]:
    from .machine import describe_host

    with tempfile.TemporaryDirectory(prefix="partways-bench-loading-") as home:
        env = {**os.environ, "PARTWAYS_HOME": home}
        env.pop("DATABASE_URL", None)
        gen = (
            "from partways.store.bootstrap import setup, ensure_database; setup(); "
            "ensure_database(); from partways.bench.generate import generate; "
            f"generate(**{sizes!r})"
        )
        subprocess.run([sys.executable, "-c", gen], env=env, check=True)
        figures: dict[str, list[dict[str, float]]] = {r: [] for r in READERS}
        for _ in range(rounds):
            for reader in READERS:
                done = subprocess.run(
                    [sys.executable, "-m", "partways.bench.loading", "--measure", reader],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                figures[reader].append(json.loads(done.stdout.strip().splitlines()[-1]))
    medians = {
        r: {k: statistics.median(f[k] for f in runs) for k in runs[0]}
        for r, runs in figures.items()
    }
    result = {"sizes": sizes, "rounds": rounds, "medians": medians, "machine": describe_host()}
    _write(out, result)
    return result


def _write(out: Path, result: dict[str, Any]) -> None:
    from .sections import replace_section

    m = result["medians"]
    sizes = result["sizes"]
    host = result["machine"]
    lines = [
        START,
        "## Reading SQLite into the engine (issue 13)",
        "",
        "`python -m partways.bench.loading`: every engine table read from a generated "
        f"SQLite portfolio ({sizes['clients']:,} clients, {sizes['time_entries']:,} time "
        f"entries, {sizes['invoices']:,} invoices, {sizes['messages']:,} messages), each "
        f"reader in a fresh process, interleaved, median of {result['rounds']} rounds.",
        f"Machine: {host['cpu']}, {host['cores']} cores, {host['ram_gib']} GiB, "
        "shared with other work while it ran (read the ratios, not the seconds).",
        "",
        "| reader | seconds | peak memory, reading process | peak memory, child |",
        "|---|---|---|---|",
    ]
    for reader in READERS:
        f = m[reader]
        child = f"{f['child_peak_mib']:.0f} MiB" if reader == "child" else "–"
        lines.append(f"| {reader} | {f['seconds']:.2f} | {f['peak_mib']:.0f} MiB | {child} |")
    lines += [
        "",
        "`child` is what partways does: ConnectorX may not open a SQLite file that the "
        "same process has open through Python's sqlite3 (it deletes the write-ahead log "
        "under it), so it reads in a process of its own and hands back Arrow files. "
        "`in-process` is the former, unsafe way, timed with Django's connection closed; "
        "`cursor` reads through Django's connection alone. `child` is timed as the whole "
        "`load_dataset`, archived clients filtered out, so it does a little more than "
        "the other two.",
        END,
    ]
    replace_section(out, START, END, "\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", choices=READERS)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--time-entries", type=int, default=2_000_000)
    parser.add_argument("--invoices", type=int, default=80_000)
    parser.add_argument("--messages", type=int, default=800_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure(args.measure)))
        return
    sizes = {
        "clients": args.clients,
        "time_entries": args.time_entries,
        "invoices": args.invoices,
        "messages": args.messages,
    }
    print(json.dumps(run(sizes, args.rounds, args.out)["medians"], indent=2))


if __name__ == "__main__":
    main()
