"""The speed benchmark of issue 19: every target beside its floor, in one run.

``python -m partways.bench.speed`` (``partways bench-speed``) measures, on the same
machine and in the same run:

* the full triage of a generated portfolio (2,000 clients, 5M time entries, 2M
  messages, 200k invoices) against the floor: the same rows as typed Parquet, scanned
  and grouped by client and month in Polars;
* the re-triage of one client in a warm process (what a page does) and in a fresh one
  (what the command line does), start-up apart;
* the import of a 1M-row Toggl CSV against a plain ``polars.read_csv`` of it;
* light commands (``partways --help``) against the interpreter's own start;
* tier 0 of the text analysis, on one core, against splitting the same messages into
  words.

Each figure is measured in fresh processes (``partways.bench.measure``,
``partways.bench.imports``), so none carries another's memory or warm objects. The
figures go to the ``<!-- bench:speed -->`` section of docs/benchmarks.md. Not a timed
test: absolute times drift on a shared machine, which is why each target is read as a
ratio to a floor measured beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .sections import replace_section

START, END = "<!-- bench:speed -->", "<!-- /bench:speed -->"
TRIAGE_RATIO = 3.0
TRIAGE_PEAK_MIB = 1e9 / 2**20  # 1 GB, read as 10⁹ bytes: the stricter reading
RETRIAGE_WARM = 0.020
RETRIAGE_COLD = 0.100
IMPORT_RATIO = 5.0
IMPORT_PEAK_MIB = TRIAGE_PEAK_MIB
LIGHT_SECONDS = 0.3
TEXT_RATE = 15_000
LIGHT_COMMANDS = (("--help",), ("triage", "--help"), ("--version",))


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the parts, each in processes of its own ------------------------------------------


def _portfolio(sizes: dict[str, int]) -> float | None:
    """Generate the portfolio into the database PARTWAYS_HOME names, unless it holds one;
    the seconds it took, or None when it was there."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.models import Client

    if Client.objects.exists():
        return None
    from .generate import generate

    start = time.perf_counter()
    generate(sizes["clients"], sizes["time_entries"], sizes["invoices"], sizes["messages"], seed=7)
    return time.perf_counter() - start


def _triage(runs: int) -> dict[str, Any]:
    from .generate import AS_OF
    from .run import _live_ids, measure

    ids = _live_ids()
    # Untimed: what the first triage after an import does once (label the messages,
    # answer the proposals' feedback), so that every timed run finds it done.
    _say("first triage (labels every message; not timed)")
    measure("cold", AS_OF, "--ids", str(ids[0]))
    _say("floor: the same rows from Parquet, grouped by client and month")
    floor = measure("floor", AS_OF, "--repeat", "3")
    _say(f"  {floor['seconds']:.2f} s")
    # The way every full triage read the database before issue 19: no columnar copies.
    shutil.rmtree(Path(os.environ["PARTWAYS_HOME"]) / "snapshot", ignore_errors=True)
    _say("full triage without copies (they are made by this run)")
    uncopied = measure("full", AS_OF, "--retriage", "0")
    _say(f"  {uncopied['total_seconds']:.2f} s")
    full = []
    for i in range(runs):
        _say(f"full triage, run {i + 1} of {runs}")
        full.append(measure("full", AS_OF, "--retriage", "20"))
        _say(f"  {full[-1]['total_seconds']:.2f} s, peak {full[-1]['peak_rss_mib']:,.0f} MiB")
    cold = []
    for cid in random.Random(3).sample(ids, min(5, len(ids))):
        cold.append(measure("cold", AS_OF, "--ids", str(cid)))
    _say(f"cold re-triage median {statistics.median(c['seconds'] for c in cold) * 1000:.0f} ms")
    median_run = sorted(full, key=lambda r: r["total_seconds"])[len(full) // 2]
    return {
        "floor": floor,
        "uncopied_seconds": uncopied["total_seconds"],
        "uncopied_load": uncopied["phases"]["load_dataset"]["seconds"],
        "full_seconds": median_run["total_seconds"],
        "full_all": [r["total_seconds"] for r in full],
        "phases": median_run["phases"],
        "peak_mib": max(r["peak_rss_mib"] for r in full),
        "rows": median_run["dataset_rows"],
        "warm": statistics.median(r["retriage"]["median_seconds"] for r in full),
        "warm_split": {
            k: median_run["retriage"][f"median_{k}"] for k in ("load", "compute", "triage")
        },
        "cold": statistics.median(c["seconds"] for c in cold),
        "cold_all": [c["seconds"] for c in cold],
        "start_up": statistics.median(c["start_up"] for c in cold),
    }


def _import(rows: int, runs: int, scratch: Path) -> dict[str, Any]:
    from .imports import _child, write_toggl_csv

    csv = scratch / "toggl.csv"
    write_toggl_csv(csv, rows)
    imports, reads, writes = [], [], []
    for i in range(runs):
        # Interleaved, so drift on a shared machine touches both sides alike.
        reads.append(_child("polars", csv, scratch / f"p{i}"))
        imports.append(_child("import", csv, scratch / f"c{i}"))
        writes.append(_child("sqlite", csv, scratch / f"s{i}"))
        _say(
            f"import {imports[-1]['seconds']:.2f} s, polars {reads[-1]['seconds']:.2f} s, "
            f"bare SQLite write {writes[-1]['write']:.2f} s"
        )
    return {
        "rows": rows,
        "mib": csv.stat().st_size / 2**20,
        "seconds": statistics.median(r["seconds"] for r in imports),
        "all": [r["seconds"] for r in imports],
        "extract": statistics.median(r["extract"] for r in imports),
        "write": statistics.median(r["write"] for r in imports),
        "peak_mib": max(r["peak_mib"] for r in imports),
        "polars": statistics.median(r["seconds"] for r in reads),
        "sqlite_write": statistics.median(r["write"] for r in writes),
    }


def _seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=True)
    return time.perf_counter() - start


def _light(repeat: int) -> dict[str, Any]:
    """Median wall time of each light command and of a bare interpreter, interleaved."""
    script = Path(sys.executable).parent / "partways"
    partways = [str(script)] if script.exists() else [sys.executable, "-m", "partways"]
    env = {**os.environ, "PARTWAYS_LANG": "en"}
    bare = [sys.executable, "-c", "pass"]
    times: dict[str, list[float]] = {" ".join(a): [] for a in LIGHT_COMMANDS}
    times["python"] = []
    for _ in range(repeat):
        for args in LIGHT_COMMANDS:
            times[" ".join(args)].append(_seconds([*partways, *args], env))
        times["python"].append(_seconds(bare, env))
    return {name: statistics.median(ts) for name, ts in times.items()}


def _text(per_language: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "partways.bench.speed", "--measure-text", str(per_language)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


_WORDS = re.compile(r"\w+")


def measure_text(per_language: int = 20_000, runs: int = 5) -> dict[str, Any]:
    """Tier 0's rate on one core over mixed-language business messages, and the rate of
    splitting the same messages into words (the floor), best of ``runs`` each."""
    from partways.core.text.lexicon_analyzer import LexiconAnalyzer
    from partways.demo.phrases import PHRASES

    from .text import _one_core, _rate, messages

    pinned = _one_core()
    analyzer = LexiconAnalyzer()
    mixed = [t for i, code in enumerate(PHRASES) for t in messages(code, per_language, seed=i)]
    random.Random(5).shuffle(mixed)
    analyzer.analyze(mixed[:2000])  # load lingua's models and warm the word cache
    return {
        "messages": len(mixed),
        "pinned": pinned,
        "analyzer": f"{analyzer.name}/{analyzer.version}",
        "rate": _rate(analyzer.analyze, mixed, runs),
        "floor": _rate(lambda ts: [_WORDS.findall(t) for t in ts], mixed, runs),
    }


# --- the report -------------------------------------------------------------------------


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def section(f: dict[str, Any]) -> str:
    m, t, imp, light, text = f["machine"], f["triage"], f["import"], f["light"], f["text"]
    floor = t["floor"]["seconds"]
    ratio = t["full_seconds"] / floor
    import_ratio = imp["seconds"] / imp["polars"]
    rows = t["rows"]
    lines = [
        START,
        "## Speed (issue 19): every target beside its floor",
        "",
        f"Measured on {f['date']} with `partways bench-speed` (`partways.bench.speed`), every "
        "figure and its floor in the same run, each in fresh processes.",
        "",
        f"**Machine:** {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['os']}; "
        f"Python {m['python']}, Polars {m['polars']}, Django {m['django']}; "
        f"database: {m['database']}.",
        "",
        f"**Portfolio:** {rows.get('clients', 0):,} active clients, "
        f"{rows.get('time_entries', 0):,} time entries, {rows.get('messages', 0):,} messages, "
        f"{rows.get('invoices', 0):,} invoices (and the other tables of `partways bench`), "
        "triaged as of the generator's date.",
        "",
        "| Target | Measured | Floor, same run | Ratio | Target | |",
        "|---|---:|---|---:|---|---|",
        f"| Full triage from the database (load + signals + triage), median of "
        f"{len(t['full_all'])} | {t['full_seconds']:.2f} s | {floor:.2f} s: the same "
        f"{t['floor']['rows']:,} rows as typed Parquet, scanned and grouped by client and "
        f"month | {ratio:.1f}× | ≤ {TRIAGE_RATIO:.0f}× | {_met(ratio <= TRIAGE_RATIO)} |",
        f"| The same, reading the database without columnar copies (as before issue 19; "
        f"one run, which makes them) | {t['uncopied_seconds']:.2f} s | {floor:.2f} s | "
        f"{t['uncopied_seconds'] / floor:.1f}× | | previous |",
        f"| Peak memory of the full triage | {t['peak_mib']:,.0f} MiB | "
        f"{t['floor']['peak_rss_mib']:,.0f} MiB (the floor's) | | ≤ 1 GB | "
        f"{_met(t['peak_mib'] <= TRIAGE_PEAK_MIB)} |",
        f"| Re-triage of one client in a warm process (what a page does), median of 20 "
        f"| {_ms(t['warm'])} | {t['floor']['one_client_seconds'] * 1000:.1f} ms: that "
        f"client's rows, held in memory, grouped by month | "
        f"{t['warm'] / t['floor']['one_client_seconds']:.0f}× | ≤ 20 ms | "
        f"{_met(t['warm'] <= RETRIAGE_WARM)} |",
        f"| Re-triage of one client in a fresh process (the command line), median of "
        f"{len(t['cold_all'])} | {_ms(t['cold'])} | start-up (Python, Django, imports) "
        f"{_ms(t['start_up'])}, not counted | | ≤ 100 ms | {_met(t['cold'] <= RETRIAGE_COLD)} |",
        f"| Import of a {imp['rows']:,}-row Toggl CSV ({imp['mib']:.0f} MiB), median of "
        f"{len(imp['all'])} | {imp['seconds']:.2f} s | {imp['polars']:.2f} s: "
        f"`polars.read_csv` of the same file | {import_ratio:.1f}× | ≤ {IMPORT_RATIO:.0f}× | "
        f"{_met(import_ratio <= IMPORT_RATIO)} |",
        f"| — the database's share of that floor: the file's rows, as Polars read them, "
        f"inserted into an empty SQLite table by ADBC's bulk ingest (no index, key or check) "
        f"| {imp['sqlite_write']:.2f} s | {imp['polars']:.2f} s: the read | "
        f"{(imp['polars'] + imp['sqlite_write']) / imp['polars']:.1f}× read and write | | "
        f"floor |",
        f"| Peak memory of that import | {imp['peak_mib']:,.0f} MiB | | | ≤ 1 GB | "
        f"{_met(imp['peak_mib'] <= IMPORT_PEAK_MIB)} |",
    ]
    for args in LIGHT_COMMANDS:
        name = " ".join(args)
        lines.append(
            f"| `partways {name}`, median of {f['light_runs']} | {light[name]:.2f} s | "
            f"{light['python']:.2f} s: the interpreter starting and stopping | | ≤ 0.3 s | "
            f"{_met(light[name] <= LIGHT_SECONDS)} |"
        )
    lines += [
        f"| Tier 0 text analysis, mixed languages, one core ({text['messages']:,} messages, "
        f"best of 5) | {text['rate']:,.0f} a second | {text['floor']:,.0f} a second: the same "
        f"messages split into words | {text['floor'] / text['rate']:.1f}× | ≥ {TEXT_RATE:,} "
        f"a second | {_met(text['rate'] >= TEXT_RATE)} |",
        "",
        "Where the full triage's time goes (the median run):",
        "",
        "| Phase | Wall time | Peak resident memory |",
        "|---|---:|---:|",
        *[
            f"| `{name}` | {p['seconds']:.2f} s | {p['peak_rss_mib']:,.0f} MiB |"
            for name, p in t["phases"].items()
        ],
        "",
        f"All full runs: {', '.join(f'{s:.2f} s' for s in t['full_all'])}; reading the "
        f"database took {t['uncopied_load']:.2f} s without copies and "
        f"{t['phases']['load_dataset']['seconds']:.2f} s with them. Warm re-triage, "
        f"median split: {_ms(t['warm_split']['load'])} load, "
        f"{_ms(t['warm_split']['compute'])} signals, {_ms(t['warm_split']['triage'])} triage. "
        f"Fresh-process re-triages: {', '.join(_ms(s) for s in t['cold_all'])}. CSV imports: "
        f"{', '.join(f'{s:.2f} s' for s in imp['all'])} (extract {imp['extract']:.2f} s, "
        f"write {imp['write']:.2f} s in the median). Analyzer `{text['analyzer']}`, "
        f"process {text['pinned']}.",
        "",
        "How each is measured: the timed runs follow one untimed triage, which labels "
        "every message and answers every proposal's feedback (what the first triage after "
        "an import does once). The floor writes every engine table the full triage reads "
        "as Parquet (not timed), then scans and groups them all by client and month in the "
        "business's time zone, summing every number, in one `polars.collect_all` (median of "
        "3). The warm re-triage follows the full triage in its process, reusing its "
        "portfolio figures, as the server does; the fresh-process one is `run_triage` for "
        "one client, as `partways client` runs it, timed after Django has started. Light "
        "commands are timed from the outside, each a new process.",
        "",
        END,
    ]
    return "\n".join(lines)


SIZES = {"clients": 2000, "time_entries": 5_000_000, "invoices": 200_000, "messages": 2_000_000}


def run(
    home: Path,
    runs: int,
    out: Path,
    sizes: dict[str, int] = SIZES,
    rows: int = 1_000_000,
    light_runs: int = 15,
    text_messages: int = 20_000,
) -> dict[str, Any]:
    """Measure every target into the database in ``home`` (generating the portfolio of
    ``sizes`` unless it is there), write ``out``'s speed section; return the figures."""
    os.environ["PARTWAYS_HOME"] = str(home)
    os.environ.pop("DATABASE_URL", None)
    from .machine import describe

    _say("portfolio")
    generated = _portfolio(sizes)
    if generated is not None:
        _say(f"  generated in {generated:.0f} s")
    figures: dict[str, Any] = {"machine": describe(), "date": time.strftime("%Y-%m-%d")}
    figures["triage"] = _triage(runs)
    _say("import")
    scratch = Path(tempfile.mkdtemp(prefix="partways-bench-speed-"))
    try:
        figures["import"] = _import(rows, runs, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _say("light commands")
    figures["light"] = _light(light_runs)
    figures["light_runs"] = light_runs
    _say("text")
    figures["text"] = _text(text_messages)
    replace_section(out, START, END, section(figures))
    _say(f"wrote {out}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m partways.bench.speed")
    parser.add_argument("--home", type=Path, help="A folder for the portfolio (kept).")
    parser.add_argument("--runs", type=int, default=3)
    for name, size in SIZES.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=size)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--light-runs", type=int, default=15)
    parser.add_argument("--text-messages", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    parser.add_argument("--measure-text", type=int, metavar="PER_LANGUAGE")
    args = parser.parse_args()
    if args.measure_text:
        print(json.dumps(measure_text(args.measure_text)))
        return
    home = args.home or Path(tempfile.mkdtemp(prefix="partways-bench-speed-home-"))
    sizes = {name: getattr(args, name) for name in SIZES}
    try:
        figures = run(
            home,
            args.runs,
            args.out.resolve(),
            sizes,
            args.rows,
            args.light_runs,
            args.text_messages,
        )
    finally:
        if args.home is None:
            shutil.rmtree(home, ignore_errors=True)
    print(json.dumps(figures, default=str))


if __name__ == "__main__":
    main()
