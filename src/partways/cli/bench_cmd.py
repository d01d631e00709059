"""``partways bench`` and ``bench-import``: the benchmarks of docs/benchmarks.md."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from .common import UserError, out
from .lang import gettext as _

# The generated data's sizes, as ``bench`` and ``bench-speed`` both take them.
Clients = Annotated[int, typer.Option(help="Clients to generate.")]
TimeEntries = Annotated[int, typer.Option(help="Time entries to generate.")]
Invoices = Annotated[int, typer.Option(help="Invoices to generate.")]
Messages = Annotated[int, typer.Option(help="Messages to generate.")]
CsvRows = Annotated[int, typer.Option(help="Rows of the generated Toggl CSV.")]


def bench(
    clients: Clients = 2000,
    time_entries: TimeEntries = 5_000_000,
    invoices: Invoices = 200_000,
    messages: Messages = 2_000_000,
    naive_clients: Annotated[
        int, typer.Option(help="Clients in the per-client ORM comparison.")
    ] = 100,
    full_runs: Annotated[int, typer.Option(help="Full triages to time (median).")] = 3,
    report: Annotated[
        Path, typer.Option("--out", help="The Markdown file whose triage section is rewritten.")
    ] = Path("docs/benchmarks.md"),
    keep: Annotated[
        bool, typer.Option(help="Keep the scratch database (its path is printed).")
    ] = False,
) -> None:
    """Generate a large portfolio in a scratch SQLite database and time a full triage.

    Your own data is never touched: the benchmark runs in a temporary data directory.
    """
    if min(clients, time_entries, invoices, messages, naive_clients, full_runs) < 1:
        raise UserError(_("every size must be at least 1."))
    scratch = Path(tempfile.mkdtemp(prefix="partways-bench-"))
    env = {**os.environ, "PARTWAYS_HOME": str(scratch)}
    env.pop("DATABASE_URL", None)
    args = [
        "--clients", str(clients), "--time-entries", str(time_entries),
        "--invoices", str(invoices), "--messages", str(messages),
        "--naive-clients", str(naive_clients), "--full-runs", str(full_runs),
        "--out", str(report.resolve()),
    ]  # fmt: skip
    try:
        done = subprocess.run([sys.executable, "-m", "partways.bench", *args], env=env)
    finally:
        if keep:
            out.print(_("The benchmark database is in %(path)s.") % {"path": scratch})
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    if done.returncode != 0:
        raise UserError(
            _("the benchmark failed (exit status %(code)s); see above.") % {"code": done.returncode}
        )
    out.print(_("Figures written to %(path)s.") % {"path": report})


def bench_import(
    rows: CsvRows = 1_000_000,
    messages: Annotated[int, typer.Option(help="Messages of the generated mbox.")] = 100_000,
    runs: Annotated[int, typer.Option(help="Interleaved runs to time (median).")] = 3,
    report: Annotated[
        Path, typer.Option("--out", help="The Markdown file whose import section is rewritten.")
    ] = Path("docs/benchmarks.md"),
) -> None:
    """Time importing a generated Toggl CSV and mbox into scratch SQLite databases.

    Your own data is never touched: every import runs in a temporary data directory.
    """
    if min(rows, messages, runs) < 1:
        raise UserError(_("every size must be at least 1."))
    args = [
        "--rows",
        str(rows),
        "--messages",
        str(messages),
        "--runs",
        str(runs),
        "--out",
        str(report.resolve()),
    ]
    done = subprocess.run([sys.executable, "-m", "partways.bench.imports", *args])
    if done.returncode != 0:
        raise UserError(
            _("the benchmark failed (exit status %(code)s); see above.") % {"code": done.returncode}
        )
    out.print(_("Figures written to %(path)s.") % {"path": report})


def bench_text(
    per_language: Annotated[
        int, typer.Option("--messages", help="Generated messages per language.")
    ] = 20_000,
    runs: Annotated[int, typer.Option(help="Runs to time (the best counts).")] = 3,
    data: Annotated[
        Path | None,
        typer.Option(help="The labelled datasets folder, for OLID scores beside the speeds."),
    ] = None,
    report: Annotated[
        Path, typer.Option("--out", help="The Markdown file whose text section is rewritten.")
    ] = Path("docs/benchmarks.md"),
) -> None:
    """Time tier-0 text analysis per core, beside alt-profanity-check on the same messages."""
    from partways.bench.text import run, write_section

    try:
        import profanity_check  # noqa: F401
    except ImportError:
        raise UserError(
            _(
                "bench-text compares with alt-profanity-check: pip install "
                "alt-profanity-check (it comes with the dev extra)."
            )
        ) from None
    if min(per_language, runs) < 1:
        raise UserError(_("every size must be at least 1."))
    if data is not None and not data.is_dir():
        raise UserError(_("--data: %(path)s is not a folder.") % {"path": data})
    figures = run(per_language, runs, data)
    write_section(report, figures)
    out.print(_("Figures written to %(path)s.") % {"path": report})


def bench_web(
    clients: Annotated[int, typer.Option(help="Clients in the generated portfolio.")] = 2000,
    users: Annotated[int, typer.Option(help="Concurrent logged-in users.")] = 20,
    requests: Annotated[
        int, typer.Option("--requests-per-user", help="Requests each user makes.")
    ] = 100,
    threads: Annotated[int, typer.Option(help="Server threads (partways serve --threads).")] = 8,
    postgres: Annotated[
        str | None,
        typer.Option(help="A PostgreSQL server URL; a scratch database is made and dropped."),
    ] = None,
    report: Annotated[
        Path, typer.Option("--out", help="The Markdown file whose web section is rewritten.")
    ] = Path("docs/benchmarks.md"),
) -> None:
    """The portfolio page under concurrent users, on SQLite (and PostgreSQL if given)."""
    if min(clients, users, requests, threads) < 1:
        raise UserError(_("every size must be at least 1."))
    args = [
        "--clients", str(clients), "--users", str(users), "--requests-per-user", str(requests),
        "--threads", str(threads), "--out", str(report.resolve()),
        *(["--postgres", postgres] if postgres else []),
    ]  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "partways.bench.web", *args])
    if done.returncode != 0:
        raise UserError(
            _("the benchmark failed (exit status %(code)s); see above.") % {"code": done.returncode}
        )
    out.print(_("Figures written to %(path)s.") % {"path": report})


def bench_speed(
    home: Annotated[
        Path | None,
        typer.Option(
            help="A folder to generate the portfolio in and keep, or to reuse one from an "
            "earlier run. Default: a scratch folder, removed afterwards."
        ),
    ] = None,
    runs: Annotated[int, typer.Option(help="Full triages and imports to time (median).")] = 3,
    clients: Clients = 2000,
    time_entries: TimeEntries = 5_000_000,
    invoices: Invoices = 200_000,
    messages: Messages = 2_000_000,
    rows: CsvRows = 1_000_000,
    text_messages: Annotated[
        int, typer.Option(help="Generated messages per language for the text analysis.")
    ] = 20_000,
    report: Annotated[
        Path, typer.Option("--out", help="The Markdown file whose speed section is rewritten.")
    ] = Path("docs/benchmarks.md"),
) -> None:
    """Every speed target beside its floor, in one run: full and one-client triage, a
    large import, light commands and text analysis.

    Your own data is never touched: the benchmark runs in a data folder of its own.
    """
    if min(runs, clients, time_entries, invoices, messages, rows, text_messages) < 1:
        raise UserError(_("every size must be at least 1."))
    args = [
        "--runs", str(runs), "--clients", str(clients), "--time-entries", str(time_entries),
        "--invoices", str(invoices), "--messages", str(messages), "--rows", str(rows),
        "--text-messages", str(text_messages), "--out", str(report.resolve()),
    ]  # fmt: skip
    if home is not None:
        args += ["--home", str(home.resolve())]
    env = {**os.environ}
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "partways.bench.speed", *args], env=env)
    if done.returncode != 0:
        raise UserError(
            _("the benchmark failed (exit status %(code)s); see above.") % {"code": done.returncode}
        )
    out.print(_("Figures written to %(path)s.") % {"path": report})


def register(app: typer.Typer) -> None:
    app.command()(bench)
    app.command("bench-web")(bench_web)
    app.command("bench-import")(bench_import)
    app.command("bench-text")(bench_text)
    app.command("bench-speed")(bench_speed)
