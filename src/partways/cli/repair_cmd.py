"""``partways repair``: open a repair plan, or judge it at its review date (PLAYBOOK §3)."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import find_client, out, parse_date


def repair(
    client: Annotated[str, typer.Argument(help="The client's name, an alias, or part of it.")],
    review_on: Annotated[
        str | None, typer.Option("--review-on", help="The review date (default: in 60 days).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Open a plan even when the triage does not say repair.")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Act as of this date (YYYY-MM-DD); default today.")
    ] = None,
) -> None:
    """Open a repair plan for CLIENT; show it while it runs; review it when it is due."""
    from partways.store.bootstrap import ensure_database
    from partways.store.cases.repair import repair as run_repair

    from .render_cases import repair_panels

    today = parse_date(as_of)
    ensure_database()
    client_id, _ = find_client(client)
    outcome = run_repair(
        client_id,
        today=today,
        review_on=parse_date(review_on, "--review-on") if review_on else None,
        force=force,
    )
    for part in repair_panels(outcome):
        out.print(part)


def register(app: typer.Typer) -> None:
    app.command()(repair)
