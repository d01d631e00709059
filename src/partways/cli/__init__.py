"""The ``partways`` command line: a thin layer over the store and the domain core."""

from __future__ import annotations

import sys

import typer

from . import bench_cmd, clients_cmd, demo_cmd, import_cmd, settings_cmd, triage_cmd
from .common import UserError, err

app = typer.Typer(
    name="partways",
    help="Find the clients who cost more than they are worth, repair what can be "
    "repaired, and end the rest professionally.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
for module in (demo_cmd, import_cmd, clients_cmd, triage_cmd, settings_cmd, bench_cmd):
    module.register(app)


def _user_errors() -> tuple[type[BaseException], ...]:
    from partways.core.config import UnknownSetting
    from partways.core.dataset import DataError
    from partways.demo.generator import DemoExists
    from partways.importers import ImportFailed

    return (UserError, DataError, UnknownSetting, DemoExists, ImportFailed)


def main() -> None:
    """Entry point: run the app, turning user errors into a message and exit status 2.

    Usage errors (unknown options, missing arguments) are reported by Typer itself.
    """
    from partways.store.bootstrap import setup

    setup()
    from django.db.utils import OperationalError

    try:
        app()
    except _user_errors() as exc:
        err.print(f"[bold red]Error:[/] {exc}", highlight=False)
        sys.exit(2)
    except OperationalError as exc:
        # A database that cannot be opened is a set-up problem the user can fix.
        err.print(
            f"[bold red]Error:[/] cannot use the database: {str(exc).strip()}\n"
            "Check DATABASE_URL (PostgreSQL) or PARTWAYS_HOME (the SQLite file's folder).",
            highlight=False,
        )
        sys.exit(2)
