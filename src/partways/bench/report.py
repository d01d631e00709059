"""The "Triage (issue 2)" section of docs/benchmarks.md.

The section sits between ``<!-- bench:triage -->`` and ``<!-- /bench:triage -->``; a
new run replaces only that part, so other sections of the file are kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .sections import replace_section

START, END = "<!-- bench:triage -->", "<!-- /bench:triage -->"

# The targets. 2 GB is read as 2·10⁹ bytes, the stricter reading.
TARGET_FULL_SECONDS = 15.0
TARGET_PEAK_MIB = 2e9 / 2**20
TARGET_RETRIAGE_SECONDS = 0.100


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _s(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def section(f: dict[str, Any]) -> str:
    m, full, data = f["machine"], f["full"], f["data"]
    rt = full["retriage"]
    per_client = f["naive"]["seconds"] / f["naive"]["clients"]
    runs = f["full_runs"]
    lines = [
        START,
        "## Triage (issue 2)",
        "",
        f"Measured on {m['date']} with `partways.bench.run.run_benchmark` "
        "(`partways bench`), on a synthetic portfolio written by `partways.bench.generate`.",
        "",
        f"**Machine:** {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['os']}; "
        f"Python {m['python']}, Polars {m['polars']}, Django {m['django']}, "
        f"{m.get('readers', '')}; database: {m['database']}.",
        "",
        f"**Data:** {data['clients']:,} clients ({full['clients']:,} active), "
        f"{data['time_entries']:,} time entries, {data['invoices']:,} invoices, "
        f"{data['payments']:,} payments, {data['messages']:,} messages "
        f"({data['message_labels']:,} labels), {data['meetings']:,} meetings, "
        f"{data['proposals']:,} proposals, {data['deliverables']:,} deliverables, "
        f"{data['expenses']:,} expenses, {data['incidents']:,} incidents, over 24 months "
        f"to {f['as_of']}"
        + (f"; database file {f['database_mib']:,.0f} MiB." if f.get("database_mib") else ".")
        + (
            f" Generating it took {f['generate_seconds']:.0f} s (not part of any figure below)."
            if f.get("generate_seconds") is not None
            else ""
        ),
        "",
        "| Figure | Measured | Target | |",
        "|---|---|---|---|",
        f"| Full triage from the database (load + signals + triage), median of {len(runs)} "
        f"| {_s(full['total_seconds'])} | ≤ {TARGET_FULL_SECONDS:.0f} s "
        f"| {_met(f['full_total_seconds'] <= TARGET_FULL_SECONDS)} |",
        f"| Peak resident memory during the full triage (highest of the runs) "
        f"| {f['peak_rss_mib']:,.0f} MiB | ≤ 2 GB ({TARGET_PEAK_MIB:,.0f} MiB) "
        f"| {_met(f['peak_rss_mib'] <= TARGET_PEAK_MIB)} |",
        f"| Re-triage of one client (load its rows + signals + triage), median of "
        f"{len(rt['runs'])} clients | {_s(rt['median_seconds'])} "
        f"| ≤ {TARGET_RETRIAGE_SECONDS * 1000:.0f} ms "
        f"| {_met((rt['median_seconds'] or 0) <= TARGET_RETRIAGE_SECONDS)} |",
        f"| {f['naive']['clients']} clients, straightforward per-client ORM code "
        f"(`partways.bench.naive`) | {_s(f['naive']['seconds'])} | | |",
        f"| The same {f['naive']['clients']} clients, engine (load + signals), median of "
        f"{len(f['subset']['all_seconds'])} | {_s(f['subset']['seconds'])} | | |",
        f"| Naive / engine | {f['naive']['seconds'] / f['subset']['seconds']:,.1f}× | | |",
        f"| Naive code extrapolated to all {full['clients']:,} active clients, against the "
        f"full triage | {_s(per_client * full['clients'])} vs {_s(full['total_seconds'])} "
        f"({per_client * full['clients'] / full['total_seconds']:,.0f}×) | | |",
        "",
        "Full-triage phases (the median run):",
        "",
        "| Phase | Wall time | Peak resident memory |",
        "|---|---|---|",
    ]
    for name, p in full["phases"].items():
        lines.append(f"| `{name}` | {_s(p['seconds'])} | {p['peak_rss_mib']:,.0f} MiB |")
    lines += [
        "",
        "All full runs: " + ", ".join(_s(r["total_seconds"]) for r in runs) + ". "
        f"Re-triage: min {_s(rt['min_seconds'])}, max {_s(rt['max_seconds'])}; "
        f"median split {_s(rt['median_load'])} load, {_s(rt['median_compute'])} signals, "
        f"{_s(rt['median_triage'])} triage.",
        "",
        "Where the loading time goes (per table, the median run):",
        "",
        "| Table | Rows | Read |",
        "|---|---|---|",
    ]
    rows = full["dataset_rows"]
    for table, secs in sorted(full["load_tables"].items(), key=lambda kv: -kv[1]):
        lines.append(f"| {table} | {rows.get(table, 0):,} | {_s(secs)} |")
    lines += [
        "",
        "Where the signal time goes (the median run; steps nest: `context.*` frames are "
        "built inside the first step that needs them, and a lazily planned engine does "
        "its work inside `polars.collect_all`):",
        "",
        "| Step | Time |",
        "|---|---|",
    ]
    for step, secs in sorted(full["compute_steps"].items(), key=lambda kv: -kv[1])[:14]:
        lines.append(f"| {step} | {_s(secs)} |")
    check = f["oracle"]
    lines += [
        "",
        f"**Cross-check:** on the {check['clients']} compared clients the naive code and the "
        f"engine gave the same value for {check['agree']:,} of {check['compared']:,} "
        f"(client, signal) pairs"
        + (
            f"; {len(check['mismatches'])} differ (see the run's JSON)."
            if check["mismatches"]
            else "."
        ),
        "",
        "How it is measured: each figure comes from a fresh Python process "
        "(`python -m partways.bench.measure`), after the data was generated, so the "
        "database file is in the operating system's cache, as on a machine that uses it "
        "daily. Peak memory is the process's resident high-water mark (VmHWM), reset at "
        "the start of each phase. The naive code runs one ORM query per table and client "
        "(no query per row) and defers message text.",
        END,
    ]
    return "\n".join(lines) + "\n"


def write(path: Path, figures: dict[str, Any]) -> None:
    """Write or replace the triage section of ``path``, keeping the rest of the file."""
    replace_section(path, START, END, section(figures))
