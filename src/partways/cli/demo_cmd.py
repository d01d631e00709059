"""``partways demo``: build the demo agency and show its triage."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import out, parse_date, progress
from .lang import gettext as _


def demo(
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="The demo's 'today' (YYYY-MM-DD); default today.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Delete every client in the database first.")
    ] = False,
) -> None:
    """Build a demo workspace (an agency with 45 clients over two years) and triage it."""
    from partways.demo.generator import build_demo
    from partways.demo.profiles import profiles
    from partways.store.bootstrap import ensure_database

    from . import render
    from .lang import day

    date = parse_date(as_of)
    ensure_database()
    with progress(_("Building the demo agency"), total=len(profiles()) + 1) as bar:
        task = bar.task_ids[0]

        def step(name: str) -> None:
            bar.update(task, advance=1, step=name)

        count = build_demo(date, replace=replace, progress=step)
    out.print(
        _("Built the demo agency 'Studio Horvat' with %(n)s clients as of %(day)s.")
        % {"n": count, "day": day(date)}
    )
    from .triage_cmd import _run

    outcome = _run(date.isoformat())
    out.print(render.triage_table(outcome.decisions, date, out.width))
    out.print(render.summary(outcome.decisions))
    _show_flagged()
    out.print(
        _(
            "Next: `partways client NAME` for one client's evidence, "
            "`partways pareto` for the vital few, `partways repair NAME` for a repair plan, "
            "`partways offboard NAME` to end a relationship step by step."
        )
    )


def _show_flagged() -> None:
    """A few messages per language that the analyzer flagged, evidence highlighted."""
    from partways.store.analysis import flagged_sample

    from .render_text import flagged_table, legend

    labels = ("abuse", "disrespect", "negative", "payment_excuse")
    sample = flagged_sample(labels)
    if sample:
        title = _("What the clients wrote: signs read from their messages, in their languages")
        out.print(flagged_table(sample, title))
        out.print(legend(label for m in sample for label in m.labels))


def register(app: typer.Typer) -> None:
    app.command()(demo)
