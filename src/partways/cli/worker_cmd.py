"""``partways worker``: run the background jobs, and start the scheduled ones.

Imports started from the web, triages started from the portfolio page, PDF letters,
the nightly triage and the digests all wait in the database until a worker takes
them. ``partways serve`` starts one beside itself; a larger installation runs as
many as it likes, on any machine that reaches the database (docs/web.md).
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from .common import err
from .lang import gettext as _


def worker(
    once: Annotated[
        bool,
        typer.Option("--once", help="Run every job waiting now, then stop."),
    ] = False,
    schedule: Annotated[
        bool,
        typer.Option(
            "--schedule/--no-schedule",
            help="Start the nightly triage and the digests when they are due.",
        ),
    ] = True,
    parent: Annotated[
        int | None,
        typer.Option(hidden=True, help="Stop when the process with this id has ended."),
    ] = None,
    interval: Annotated[
        float,
        typer.Option(help="Seconds between two looks for a job, when none is waiting.", min=0.1),
    ] = 1.0,
) -> None:
    """Run the background jobs: imports from the web, triages, letters and digests."""
    from partways.store.bootstrap import ensure_database, setup

    setup()
    ensure_database()
    from partways.jobs.worker import Worker

    # The worker's own lines (a job taken back, a scheduled run started) go to stderr.
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    worker = Worker(
        interval=interval,
        batch=once,
        startup_delay=not once,
        scheduler=schedule,
        parent_pid=parent,
    )
    if not once:
        err.print(
            _("partways worker %(id)s is waiting for jobs (Ctrl+C to stop).")
            % {"id": worker.worker_id}
        )
    # SIGINT and SIGTERM stop it after the job in hand; a second one at once.
    worker.configure_signals()
    worker.run()


def register(app: typer.Typer) -> None:
    app.command()(worker)
