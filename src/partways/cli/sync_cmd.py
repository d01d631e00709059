"""``partways connect``, ``sync``, ``connections``, ``disconnect``: live sync with a service.

Secrets are never taken as command-line arguments (they would stay in the shell's
history and show in the process list): ``connect`` asks for them without echo, or
reads ``PARTWAYS_<SERVICE>_<FIELD>`` from the environment for an unattended set-up.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from .common import UserError, err, out
from .import_cmd import _counts, _details, _number
from .lang import day, words
from .lang import gettext as _

if TYPE_CHECKING:  # Django is set up only when a command runs
    from partways.connectors import Connector, CredentialField
    from partways.store.imports.apply import FileReport
    from partways.store.models import Connection


def env_name(service: str, field: str) -> str:
    """The environment variable that gives ``field`` of ``service``: PARTWAYS_TOGGL_TOKEN."""
    return f"PARTWAYS_{service}_{field}".upper()


def connect(
    service: Annotated[
        str,
        typer.Argument(
            help="toggl, harvest, clockify, stripe or invoiceninja.", show_default=False
        ),
    ],
    label: Annotated[
        str | None,
        typer.Option("--label", help="A name for this connection (default: the service's)."),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option("--url", help="The API's address, for a self-hosted Invoice Ninja."),
    ] = None,
) -> None:
    """Connect SERVICE: check its token or key with the service, then keep it, encrypted.

    Each value is asked for without echo, or read from PARTWAYS_<SERVICE>_<FIELD>
    (e.g. PARTWAYS_TOGGL_TOKEN). Connecting again replaces the credentials.
    """
    from partways.connectors import SyncFailed
    from partways.connectors.registry import connector_class
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.sync.run import connect as store_connect

    cls = connector_class(service)
    credentials = {f.name: _value(cls, f) for f in cls.fields}
    try:
        connection = store_connect(
            cls.service,
            {k: v for k, v in credentials.items() if v},
            label=label or "",
            base_url=(url or "").strip(),
        )
    except SyncFailed as exc:
        raise UserError(words(exc.phrase)) from None
    out.print(
        _("Connected %(label)s: %(account)s. Run `partways sync %(label)s` to read it.")
        % {"label": connection.label, "account": connection.account},
        highlight=False,
        markup=False,
    )
    if (connection.last_result or {}).get("other_account"):
        out.print(another_account(), highlight=False, markup=False)


def another_account() -> str:
    """What connecting a name to another account did, in the reader's language."""
    return _(
        "This name now opens another account: what it synced before stays, and is no "
        "longer followed; the next sync reads the new account in full."
    )


def _value(cls: type[Connector], field: CredentialField) -> str:
    """A credential from the environment, else asked for (secrets without echo)."""
    name = env_name(cls.service, field.name)
    given = os.environ.get(name, "").strip()
    if given or not sys.stdin.isatty():
        if not given and field.required:
            raise UserError(
                _("%(field)s is needed: set %(variable)s, or run this at a terminal to be asked.")
                % {"field": _(field.label), "variable": name}
            )
        return given
    if field.help:
        out.print(_(field.help), highlight=False, markup=False)
    answer: str = typer.prompt(
        _(field.label),
        hide_input=field.secret,
        default="" if not field.required else None,
        show_default=False,
    )
    return answer.strip()


def sync(
    labels: Annotated[
        list[str] | None,
        typer.Argument(help="Connections to sync (default: every one).", show_default=False),
    ] = None,
) -> None:
    """Read what changed at each connected service since its last sync.

    All of a connection's changes are written, or none: a refused token or a network
    failure changes nothing, and the next sync starts from the same place.
    """
    from partways.connectors import SyncFailed
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.sync.run import sync as store_sync

    connections = _chosen(labels or [])
    reports: list[tuple[Connection, FileReport]] = []
    failed = False
    for connection in connections:
        try:
            reports.append((connection, store_sync(connection)))
        except SyncFailed as exc:
            failed = True
            err.print(
                f"[bold red]{escape(connection.label)}[/]: {escape(words(exc.phrase))}",
                highlight=False,
            )
    if reports:
        _print(reports)
    if failed or any(r.refused for _c, r in reports):
        raise typer.Exit(2)


def _chosen(labels: list[str]) -> list[Connection]:
    from partways.store.models import Connection

    every = list(Connection.objects.all())
    if not every:
        raise UserError(
            _("Nothing is connected yet; connect a service first: partways connect SERVICE.")
        )
    if not labels:
        return every
    by_label = {c.label: c for c in every}
    unknown = [label for label in labels if label not in by_label]
    if unknown:
        raise UserError(
            _("No connection named %(names)s; the connections are: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(by_label)}
        )
    return [by_label[label] for label in labels]


def _print(reports: list[tuple[Connection, FileReport]]) -> None:
    table = Table(title=_("Sync"), title_justify="left")
    for column in (
        _("Connection"),
        _("New"),
        _("Updated"),
        _("Unchanged"),
        _("Removed"),
        _("Skipped"),
    ):
        table.add_column(column, overflow="fold")
    for connection, r in reports:
        skipped = sum(r.skipped.values())
        name = escape(connection.label)
        if r.refused:
            name += f" [red]({escape(_('not written'))})[/]"
        table.add_row(
            name,
            _counts(r.new),
            _counts(r.updated),
            _counts(r.unchanged),
            _counts(r.removed),
            _number(skipped) if skipped else "–",
        )
    out.print(table)
    for _connection, r in reports:
        _details(r)


def connections() -> None:
    """List the connected services, with their last sync and what it did."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.models import Connection

    table = Table(title=_("Connections"), title_justify="left")
    for column in (_("Name"), _("Service"), _("Account"), _("Last sync"), _("Result")):
        table.add_column(column, overflow="fold")
    for c in Connection.objects.all():
        table.add_row(
            escape(c.label),
            c.service,
            escape(c.account),
            day(c.last_sync_at.date()) if c.last_sync_at else _("never"),
            escape(result_text(c)),
        )
    out.print(table)


def result_text(connection: Connection) -> str:
    """What the last sync did ("3 new, 1 removed"), or why it failed, in the reader's
    language."""
    from partways.store.sync.run import last_problem, last_totals

    problem = last_problem(connection)
    if problem is not None:
        return words(problem)
    if connection.last_ok is None:
        return "–"
    totals = last_totals(connection)
    parts = [
        f"{_number(totals[key])} {label}"
        for key, label in (("new", _("new")), ("updated", _("updated")), ("removed", _("removed")))
        if totals[key]
    ]
    return ", ".join(parts) or _("nothing changed")


def disconnect(
    label: Annotated[str, typer.Argument(help="The connection to remove.", show_default=False)],
) -> None:
    """Remove a connection and its credentials; what it synced stays."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    (connection,) = _chosen([label])
    connection.delete()
    out.print(
        _("Removed the connection %(label)s; the records it synced stay.") % {"label": label},
        highlight=False,
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(connect)
    app.command()(sync)
    app.command()(connections)
    app.command()(disconnect)
