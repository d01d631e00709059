"""The triage benchmark of issue 2, end to end.

Expects Django configured on a scratch database that is migrated and empty (the
caller sets PARTWAYS_HOME or DATABASE_URL): ``run_benchmark`` fills it, measures, and
writes the "Triage (issue 2)" section of docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import report
from .generate import AS_OF, generate
from .machine import describe

Progress = Callable[[str], None]

TABLES = {
    "clients": "partways_client",
    "time_entries": "partways_timeentry",
    "invoices": "partways_invoice",
    "payments": "partways_payment",
    "messages": "partways_message",
    "message_labels": "partways_messagelabel",
    "meetings": "partways_meeting",
    "proposals": "partways_proposal",
    "deliverables": "partways_deliverable",
    "expenses": "partways_expense",
    "incidents": "partways_incident",
    "contracts": "partways_contract",
}


def _stderr(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure(mode: str, as_of: dt.date, *args: str, timeout: float = 3600) -> dict[str, Any]:
    """Run one ``partways.bench.measure`` mode in a fresh interpreter; its JSON result."""
    cmd = [
        sys.executable,
        "-m",
        "partways.bench.measure",
        mode,
        "--as-of",
        as_of.isoformat(),
        *args,
    ]
    done = subprocess.run(
        cmd, capture_output=True, text=True, timeout=timeout, env=os.environ.copy(), check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:5])} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _counts() -> dict[str, int]:
    from django.db import connection

    out = {}
    with connection.cursor() as cur:
        for key, table in TABLES.items():
            cur.execute(f"SELECT COUNT(*) FROM {table}")
            out[key] = int(cur.fetchone()[0])
    return out


def _database_mib() -> float | None:
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    path = Path(str(connection.settings_dict["NAME"]))
    return path.stat().st_size / 2**20 if path.exists() else None


def _live_ids() -> list[int]:
    from partways.store.models import Client

    return list(Client.objects.filter(archived=False).order_by("id").values_list("id", flat=True))


def _compare(engine: dict[str, dict[str, Any]], naive: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The naive values against the engine's, pair by pair (the oracle at full scale)."""
    import math

    mismatches, agree, compared = [], 0, 0
    for cid, values in naive.items():
        for sid, v in values.items():
            e = engine.get(cid, {}).get(sid)
            compared += 1
            same = (e is None and v is None) or (
                e is not None and v is not None and math.isclose(e, v, rel_tol=1e-6, abs_tol=1e-9)
            )
            if same:
                agree += 1
            else:
                mismatches.append({"client_id": int(cid), "signal": sid, "engine": e, "naive": v})
    return {"clients": len(naive), "compared": compared, "agree": agree, "mismatches": mismatches}


def run_benchmark(
    clients: int = 2000,
    time_entries: int = 5_000_000,
    invoices: int = 200_000,
    messages: int = 2_000_000,
    naive_clients: int = 100,
    out: Path = Path("docs/benchmarks.md"),
    progress: Progress | None = _stderr,
    seed: int = 7,
    full_runs: int = 3,
    retriage_clients: int = 20,
    reuse: bool = False,
) -> dict[str, Any]:
    """Generate the portfolio, measure, write ``out``'s triage section; return the figures.

    ``reuse=True`` measures a portfolio an earlier run already generated in the same
    database (the sizes are then only used for the log).
    """
    from partways.store.bootstrap import setup

    from .measure import spread

    setup()
    say = progress or (lambda _m: None)
    as_of = AS_OF

    generate_seconds: float | None = None
    if not reuse:
        say(
            f"generating {clients:,} clients, {time_entries:,} time entries, "
            f"{invoices:,} invoices, {messages:,} messages"
        )
        start = time.perf_counter()
        generate(
            clients,
            time_entries,
            invoices,
            messages,
            seed=seed,
            progress=lambda table, i, n: say(f"  writing {table} ({i}/{n})"),
        )
        generate_seconds = time.perf_counter() - start
        say(f"generated in {generate_seconds:.0f} s")

    runs = []
    for i in range(full_runs):
        say(f"full triage, run {i + 1} of {full_runs}")
        runs.append(measure("full", as_of, "--retriage", str(retriage_clients)))
        say(
            f"  {runs[-1]['total_seconds']:.2f} s, peak {runs[-1]['peak_rss_mib']:,.0f} MiB, "
            f"re-triage median {runs[-1]['retriage']['median_seconds'] * 1000:.0f} ms"
        )
    median_run = sorted(runs, key=lambda r: r["total_seconds"])[len(runs) // 2]

    ids = spread(_live_ids(), naive_clients)
    id_arg = ",".join(map(str, ids))
    say(f"engine on {len(ids)} clients")
    subset = measure("subset", as_of, "--ids", id_arg, "--repeat", "3")
    say(f"  {subset['seconds']:.2f} s")
    say(f"naive ORM code on {len(ids)} clients")
    naive = measure("naive", as_of, "--ids", id_arg)
    say(f"  {naive['seconds']:.2f} s")

    figures: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "machine": describe(),
        "data": _counts(),
        "database_mib": _database_mib(),
        "generate_seconds": generate_seconds,
        "full": median_run,
        "full_runs": [{k: r[k] for k in ("total_seconds", "peak_rss_mib", "phases")} for r in runs],
        "full_total_seconds": median_run["total_seconds"],
        "peak_rss_mib": max(r["peak_rss_mib"] for r in runs),
        "retriage_median_seconds": statistics.median(r["retriage"]["median_seconds"] for r in runs),
        "subset": {k: subset[k] for k in ("seconds", "all_seconds")},
        "naive": {"seconds": naive["seconds"], "clients": len(ids)},
        "ratio": naive["seconds"] / subset["seconds"],
        "oracle": _compare(subset["values"], naive["values"]),
    }
    report.write(out, figures)
    say(f"wrote {out}")
    return figures
