"""``partways bench``: the triage benchmark (see docs/benchmarks.md)."""

from __future__ import annotations

from typing import Annotated

import typer


def bench(
    clients: Annotated[int, typer.Option(help="Clients to generate.")] = 2000,
    time_entries: Annotated[int, typer.Option(help="Time entries to generate.")] = 5_000_000,
    invoices: Annotated[int, typer.Option(help="Invoices to generate.")] = 200_000,
    messages: Annotated[int, typer.Option(help="Messages to generate.")] = 2_000_000,
    naive_clients: Annotated[
        int, typer.Option(help="Clients in the per-client ORM comparison.")
    ] = 100,
) -> None:
    """Generate a large portfolio in a scratch database and time a full triage."""
    from .common import UserError

    raise UserError("the benchmark is being wired in")  # replaced below once bench lands


def register(app: typer.Typer) -> None:
    app.command()(bench)
