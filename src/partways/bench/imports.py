"""The import benchmark of issue 3: a million-row Toggl CSV and a 100,000-message mbox.

``python -m partways.bench.imports`` generates both files in a scratch folder, then
imports each into a fresh, empty SQLite database in a fresh interpreter (so each
figure's peak memory is its own), and, in the same run, times a plain Polars read of
the same CSV for the ratio. Figures go to the "Import (issue 3)" section of
docs/benchmarks.md. Not a timed test: absolute times drift on a shared machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

from .machine import describe
from .sections import replace_section

START, END = "<!-- bench:import -->", "<!-- /bench:import -->"
TARGET_CSV_SECONDS = 10.0
TARGET_CSV_MIB = 1e9 / 2**20  # 1 GB, read as 10⁹ bytes: the stricter reading
TARGET_MBOX_SECONDS = 30.0

PEOPLE = [
    "Ana Horvat",
    "Marko Kovač",
    "Siti Rahmawati",
    "Omar Haddad",
    "Ivana Perić",
    "Budi Santoso",
    "Layla Nasser",
    "Tom Baker",
]
DESCRIPTIONS = [
    "Homepage design",
    "Call with the client",
    "Bug fixing, again",
    "Copywriting: landing page",
    "Revisions after feedback",
    "Weekly check-in",
    "Izrada ponude",
    "Rapat mingguan",
    "مراجعة التصميم",
    "Deployment",
]
SIGN_OFFS = ["Best regards,\nIva", "Salam,\nBudi", "Lijep pozdrav,\nMarko", "مع التحية\nليلى"]


def write_toggl_csv(path: Path, rows: int, seed: int = 7) -> None:
    """A Toggl Track detailed report of ``rows`` entries: 120 clients, 4 projects each."""
    n = rows
    clients = [f"Client {i:03d} d.o.o." for i in range(120)]
    day = pl.date_range(dt.date(2024, 1, 1), dt.date(2025, 12, 31), eager=True)
    frame = pl.DataFrame(
        {
            "client": pl.Series(clients).sample(n, with_replacement=True, seed=seed),
            "p": pl.int_range(0, 4, eager=True).sample(n, with_replacement=True, seed=seed + 1),
            "User": pl.Series(PEOPLE).sample(n, with_replacement=True, seed=seed + 2),
            "Description": pl.Series(DESCRIPTIONS).sample(n, with_replacement=True, seed=seed + 3),
            "day": day.sample(n, with_replacement=True, seed=seed + 4),
            # Working hours only, so no entry falls in the hour skipped by daylight saving.
            "minute": pl.int_range(7 * 60, 19 * 60, eager=True).sample(
                n, with_replacement=True, seed=seed + 5
            ),
            "s": pl.int_range(300, 4 * 3600, eager=True).sample(
                n, with_replacement=True, seed=seed + 6
            ),
            "Billable": pl.Series(["Yes", "Yes", "No"]).sample(
                n, with_replacement=True, seed=seed + 7
            ),
        }
    ).sort("day", "minute")

    def clock(seconds: pl.Expr) -> pl.Expr:
        parts = [seconds // 3600, seconds % 3600 // 60, seconds % 60]
        return pl.format("{}:{}:{}", *[p.cast(pl.String).str.zfill(2) for p in parts])

    end = pl.col("minute") * 60 + pl.col("s")
    out = frame.select(
        "User",
        pl.concat_str(
            [pl.col("User").str.to_lowercase().str.replace_all(" ", "."), pl.lit("@studio.example")]
        ).alias("Email"),
        pl.col("client").alias("Client"),
        pl.format("{} project {}", pl.col("client").str.slice(0, 10), pl.col("p")).alias("Project"),
        pl.lit("").alias("Task"),
        "Description",
        "Billable",
        pl.col("day").dt.strftime("%Y-%m-%d").alias("Start date"),
        clock(pl.col("minute") * 60).alias("Start time"),
        pl.col("day").dt.strftime("%Y-%m-%d").alias("End date"),
        clock(end % 86400).alias("End time"),
        clock(pl.col("s")).alias("Duration"),
        pl.lit("").alias("Tags"),
        (pl.col("s") / 3600 * 85).round(2).cast(pl.String).alias("Amount (EUR)"),
    )
    with path.open("wb") as fh:
        fh.write(b"\xef\xbb\xbf")  # Toggl writes a byte-order mark
        out.write_csv(fh)


def write_mbox(path: Path, messages: int, seed: int = 11) -> None:
    """An mbox of ``messages`` short messages between a studio and its clients."""
    rng = random.Random(seed)
    start = dt.datetime(2024, 1, 1, 8, tzinfo=dt.UTC)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for i in range(messages):
            sent = start + dt.timedelta(minutes=7 * i)
            client = rng.randrange(120)
            inbound = rng.random() < 0.6
            them, us = f"contact{client}@client{client:03d}.example", "ana@studio.example"
            author, to = (them, us) if inbound else (us, them)
            reply = f"In-Reply-To: <m{i - 1}@bench.example>\n" if i and rng.random() < 0.5 else ""
            body = rng.choice(DESCRIPTIONS) + ": can you send the update today?\n\n"
            if reply:
                body += "On Monday, Ana wrote:\n> Here is the draft.\n> Thanks\n\n"
            body += rng.choice(SIGN_OFFS) + "\n"
            fh.write(
                f"From {author} {sent:%a %b %d %H:%M:%S %Y}\n"
                f"From: {author}\nTo: {to}\nSubject: Project update {i % 500}\n"
                f"Date: {sent:%a, %d %b %Y %H:%M:%S +0000}\n"
                f"Message-ID: <m{i}@bench.example>\n{reply}"
                "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                "Content-Transfer-Encoding: 8bit\n\n"
                f"{body}\n"
            )


def _peak_mib() -> float:
    # The process's own high-water mark. Not getrusage's ru_maxrss: Linux carries that
    # across fork and exec, so a child started by a large process reports the parent's.
    from .measure import peak_mib

    return peak_mib()


def measure_import(path: str, again: bool = False) -> dict[str, Any]:
    """Import ``path`` into the (empty) database Django is configured with; timings.

    With ``again``, the timings are those of importing it a second time (everything
    already there: keys computed and looked up, nothing written).
    """
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.importers import registry
    from partways.store.imports.apply import write_records

    if again:
        measure_import(path)
    started = time.perf_counter()
    importer = registry.identify(Path(path))
    assert importer is not None, f"no importer for {path}"
    importer.time_zone = "Europe/Zagreb"
    records, errors = importer.extract(Path(path))
    extracted = time.perf_counter()
    report = write_records(
        records, errors, importer=importer.name, title=importer.title, source=path
    )
    done = time.perf_counter()
    assert report.written and not report.errors, report.errors[:3]
    assert not again or not report.new, report.new
    return {
        "seconds": done - started,
        "extract": extracted - started,
        "write": done - extracted,
        "new": dict(report.new),
        "peak_mib": _peak_mib(),
    }


def measure_polars(path: str) -> dict[str, Any]:
    started = time.perf_counter()
    frame = pl.read_csv(path)
    return {"seconds": time.perf_counter() - started, "rows": frame.height, "peak_mib": _peak_mib()}


def measure_sqlite(path: str, home: str) -> dict[str, Any]:
    """The database's own floor: ``path`` read by Polars, then its rows inserted into an
    empty table of a new SQLite file by ADBC's bulk ingest, in one transaction, with no
    index, key or check (nothing an import could write faster). Timed apart."""
    import adbc_driver_sqlite.dbapi as adbc

    started = time.perf_counter()
    frame = pl.read_csv(path)
    read = time.perf_counter()
    Path(home).mkdir(parents=True, exist_ok=True)
    with adbc.connect(str(Path(home) / "floor.sqlite3")) as db:
        with db.cursor() as cur:
            cur.adbc_ingest("rows", frame.to_arrow(compat_level=pl.CompatLevel.oldest()))
        db.commit()
    done = time.perf_counter()
    return {"read": read - started, "write": done - read, "peak_mib": _peak_mib()}


def _child(mode: str, path: Path, home: Path) -> dict[str, Any]:
    env = {**os.environ, "PARTWAYS_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "partways.bench.imports", "--measure", mode, str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{mode} failed:\n{done.stdout}\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(rows: int, messages: int, runs: int, out: Path) -> dict[str, Any]:
    scratch = Path(tempfile.mkdtemp(prefix="partways-bench-import-"))
    # The machine description names the database; describe a scratch one.
    os.environ["PARTWAYS_HOME"] = str(scratch / "describe")
    os.environ.pop("DATABASE_URL", None)
    from partways.store.bootstrap import ensure_database

    ensure_database()
    csv, mbox = scratch / "toggl.csv", scratch / "mail.mbox"
    t = time.perf_counter()
    write_toggl_csv(csv, rows)
    write_mbox(mbox, messages)
    generated = time.perf_counter() - t
    csv_runs, polars_runs, mbox_runs, again_runs = [], [], [], []
    for i in range(runs):
        # Interleaved, so drift on a shared machine touches both sides alike.
        polars_runs.append(_child("polars", csv, scratch / f"p{i}"))
        csv_runs.append(_child("import", csv, scratch / f"c{i}"))
        mbox_runs.append(_child("import", mbox, scratch / f"m{i}"))
        again_runs.append(_child("reimport", csv, scratch / f"a{i}"))
        print(
            f"run {i + 1}/{runs}: csv {csv_runs[-1]['seconds']:.2f} s, polars "
            f"{polars_runs[-1]['seconds']:.2f} s, mbox {mbox_runs[-1]['seconds']:.2f} s",
            file=sys.stderr,
            flush=True,
        )
    figures = {
        "machine": describe(),
        "rows": rows,
        "messages": messages,
        "runs": runs,
        "csv_mib": csv.stat().st_size / 2**20,
        "mbox_mib": mbox.stat().st_size / 2**20,
        "generated_seconds": generated,
        "csv": _median(csv_runs),
        "polars": _median(polars_runs),
        "mbox": _median(mbox_runs),
        "again": _median(again_runs),
        "csv_peak_mib": max(r["peak_mib"] for r in csv_runs),
        "mbox_peak_mib": max(r["peak_mib"] for r in mbox_runs),
    }
    write_section(out, figures)
    shutil.rmtree(scratch, ignore_errors=True)
    return figures


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    ordered = sorted(runs, key=lambda r: r["seconds"])
    middle = dict(ordered[len(ordered) // 2])
    middle["all"] = [round(r["seconds"], 2) for r in runs]
    middle["median"] = statistics.median(r["seconds"] for r in runs)
    return middle


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def section(f: dict[str, Any]) -> str:
    m, csv, pol, mbox, again = f["machine"], f["csv"], f["polars"], f["mbox"], f["again"]
    ratio = csv["median"] / pol["median"]
    lines = [
        START,
        "## Import (issue 3)",
        "",
        f"Measured on {m['date']} with `partways bench-import` (`partways.bench.imports`): "
        "generated files imported into a fresh SQLite database, each run in a fresh "
        f"interpreter; median of {f['runs']} interleaved runs.",
        "",
        f"**Machine:** {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['os']}; "
        f"Python {m['python']}, Polars {m['polars']}, Django {m['django']}, SQLite "
        f"{sqlite3.sqlite_version}.",
        "",
        f"**Data:** a Toggl Track detailed CSV of {f['rows']:,} rows ({f['csv_mib']:.0f} MiB, "
        f"UTF-8 with BOM, 120 clients, 480 projects, 8 people) and an mbox of "
        f"{f['messages']:,} short messages ({f['mbox_mib']:.0f} MiB, half of them replies "
        f"with quotes and sign-offs in four languages). Generating them took "
        f"{f['generated_seconds']:.0f} s.",
        "",
        "| Figure | Measured | Target | |",
        "|---|---|---|---|",
        f"| Toggl CSV import, {f['rows']:,} rows (read, parse, match, dedupe, write) | "
        f"{csv['median']:.2f} s (runs: {', '.join(map(str, csv['all']))}) | ≤ 10 s | "
        f"{_met(csv['median'] <= TARGET_CSV_SECONDS)} |",
        f"| — of which extract (read + parse) / write (keys, matching, database) | "
        f"{csv['extract']:.2f} s / {csv['write']:.2f} s | | |",
        f"| Peak resident memory of the CSV import | {f['csv_peak_mib']:,.0f} MiB | "
        f"≤ 1 GB ({TARGET_CSV_MIB:,.0f} MiB) | {_met(f['csv_peak_mib'] <= TARGET_CSV_MIB)} |",
        f"| Plain `polars.read_csv` of the same file, same runs | {pol['median']:.2f} s, "
        f"{pol['peak_mib']:,.0f} MiB | | |",
        f"| Import / plain Polars read | {ratio:.1f}× | | |",
        f"| The same CSV imported again (every row found unchanged, nothing written) | "
        f"{again['median']:.2f} s (runs: {', '.join(map(str, again['all']))}) | | |",
        f"| mbox import, {f['messages']:,} messages | {mbox['median']:.2f} s (runs: "
        f"{', '.join(map(str, mbox['all']))}) | ≤ 30 s | "
        f"{_met(mbox['median'] <= TARGET_MBOX_SECONDS)} |",
        f"| — of which extract (parse, strip quotes) / write | {mbox['extract']:.2f} s / "
        f"{mbox['write']:.2f} s | | |",
        f"| Peak resident memory of the mbox import | {f['mbox_peak_mib']:,.0f} MiB | | |",
        "",
        END,
    ]
    return "\n".join(lines)


def write_section(path: Path, figures: dict[str, Any]) -> None:
    """Replace the import section of ``path`` (appending it the first time)."""
    replace_section(path, START, END, section(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    parser.add_argument("--measure", nargs=2, metavar=("MODE", "PATH"))
    args = parser.parse_args()
    if args.measure:
        mode, path = args.measure
        if mode == "polars":
            result = measure_polars(path)
        elif mode == "sqlite":
            result = measure_sqlite(path, os.environ["PARTWAYS_HOME"])
        else:
            result = measure_import(path, again=mode == "reimport")
        print(json.dumps(result))
        return
    run(args.rows, args.messages, args.runs, args.out)


if __name__ == "__main__":
    main()
