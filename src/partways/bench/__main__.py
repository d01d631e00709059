"""``python -m partways.bench``: what ``partways bench`` runs in its scratch directory.

Django must start on the scratch database, so the benchmark runs in a process of its
own whose PARTWAYS_HOME (or DATABASE_URL) the CLI has pointed there.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from partways.store.bootstrap import ensure_database

from .run import run_benchmark


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m partways.bench")
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--time-entries", type=int, default=5_000_000)
    parser.add_argument("--invoices", type=int, default=200_000)
    parser.add_argument("--messages", type=int, default=2_000_000)
    parser.add_argument("--naive-clients", type=int, default=100)
    parser.add_argument("--full-runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    ensure_database()
    figures = run_benchmark(
        clients=args.clients,
        time_entries=args.time_entries,
        invoices=args.invoices,
        messages=args.messages,
        naive_clients=args.naive_clients,
        full_runs=args.full_runs,
        out=args.out,
        reuse=args.reuse,
    )
    print(json.dumps(figures, indent=2, default=str))


if __name__ == "__main__":
    main()
