"""``partways triage``, ``partways client`` and ``partways pareto``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from .common import err, find_client, out, parse_date, progress
from .lang import gettext as _

if TYPE_CHECKING:
    from partways.core.triage import Decision
    from partways.store.triage import TriageOutcome

AsOf = Annotated[
    str | None, typer.Option("--as-of", help="Judge as of this date (YYYY-MM-DD); default today.")
]


def _run(as_of_text: str | None, client_ids: list[int] | None = None) -> TriageOutcome:
    """Migrate if needed, then triage with a progress bar (Django loads lazily)."""
    from partways.store.bootstrap import ensure_database

    as_of = parse_date(as_of_text)
    ensure_database()
    from partways.store.triage import run_triage

    from .analyze_cmd import label_stored

    label_stored()
    with progress(_("Reading and judging")) as bar:

        def step(name: str) -> None:
            bar.update(bar.task_ids[0], step=name)

        return run_triage(as_of, client_ids, progress=step)


def triage(
    as_of: AsOf = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Rank every active client: keep, watch, repair, end at contract end, or end now."""
    from . import render
    from .common import UserError

    if fmt not in ("table", "json"):
        raise UserError(
            _("--format: %(given)s is not a format; expected 'table' or 'json'.")
            % {"given": repr(fmt)}
        )
    outcome = _run(as_of)
    if fmt == "json":
        out.print_json(
            json.dumps([d.to_json() for d in outcome.decisions], ensure_ascii=False),
            ensure_ascii=False,
        )
        return
    if not outcome.decisions:
        err.print(_("No active clients yet: run `partways demo`, or import your data."))
        return
    out.print(render.triage_table(outcome.decisions, outcome.result.as_of, out.width))
    out.print(render.summary(outcome.decisions))


def client(
    name: Annotated[str, typer.Argument(help="The client's name, an alias, or part of it.")],
    as_of: AsOf = None,
) -> None:
    """Show every signal for one client, with its evidence and a trend sparkline."""
    from partways.core.triage import with_series
    from partways.store.bootstrap import ensure_database

    from . import render
    from .common import UserError

    ensure_database()
    client_id, client_name = find_client(name)
    outcome = _run(as_of, [client_id])
    if not outcome.decisions:
        raise UserError(
            _("%(client)s is archived: its relationship has ended.") % {"client": client_name}
        )
    decision = with_series(outcome.decisions[0], outcome.result)
    out.print(render.decision_panel(decision))
    out.print(render.signals_table(decision.signals, out.width))
    for table in render.evidence_tables(decision.signals):
        out.print(table)
    _show_flagged(decision)


def _show_flagged(decision: Decision) -> None:
    """The messages the evidence cites, with the words that were read as signs highlighted."""
    from partways.store.analysis import cited_messages, flagged_messages

    from .render_text import flagged_table, legend

    messages = flagged_messages(cited_messages(e for s in decision.signals for e in s.evidence))
    if messages:
        out.print(flagged_table(messages, _("Flagged messages: the words read as signs")))
        out.print(legend(label for m in messages for label in m.labels))


def pareto(as_of: AsOf = None) -> None:
    """The portfolio view: what share of hours and trouble the top 20% of clients cause."""
    from partways.core.pareto import pareto as compute_pareto
    from partways.core.signals.context import Context
    from partways.store.analysis import current_analyzer
    from partways.store.bootstrap import ensure_database
    from partways.store.business import load_business
    from partways.store.loader import load_dataset

    from . import render

    date = parse_date(as_of)
    ensure_database()
    from .analyze_cmd import label_stored

    label_stored()
    business, cfg = load_business()
    with progress(_("Reading")) as bar:
        ds = load_dataset(business, progress=lambda n: bar.update(bar.task_ids[0], step=n))
    rows = compute_pareto(Context(ds, cfg, date, current_analyzer()))
    out.print(render.pareto_table(rows, cfg["pareto.top_share"]))


def register(app: typer.Typer) -> None:
    app.command()(triage)
    app.command()(client)
    app.command()(pareto)
