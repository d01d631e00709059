"""``partways clients``: list clients and resolve the names an import could not match."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from .common import UserError, find_client, out

clients = typer.Typer(
    help="List clients; teach partways their other names; merge duplicates.", no_args_is_help=True
)


@clients.command("list")
def list_clients() -> None:
    """Every client with its aliases, contact addresses and domains."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.models import Client

    table = Table(title_justify="left")
    for column in ("Client", "Also known as", "Addresses", "Archived"):
        table.add_column(column, overflow="fold")
    for c in Client.objects.prefetch_related("aliases", "contacts", "domains"):
        addresses = [x.email for x in c.contacts.all() if x.email]
        addresses += [f"@{d.domain}" for d in c.domains.all()]
        table.add_row(
            c.name,
            ", ".join(a.alias for a in c.aliases.all()),
            ", ".join(addresses),
            "yes" if c.archived else "",
        )
    out.print(table)


@clients.command()
def alias(
    name: Annotated[str, typer.Argument(help="Another name, an e-mail address, or @domain.")],
    client: Annotated[str, typer.Argument(help="The client it means.")],
) -> None:
    """Make NAME (a name, an address or @domain) mean CLIENT, in this and later imports.

    Messages kept without a client that the address or domain now matches are
    claimed at once.
    """
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.imports.resolve import ResolveError, add_alias

    client_id, client_name = find_client(client)
    try:
        result = add_alias(name, client_id)
    except ResolveError as exc:
        raise UserError(str(exc)) from None
    claimed = (
        f"; {result.claimed_messages:,} waiting message(s) now belong to it"
        if result.kind != "name"
        else ""
    )
    out.print(f"{name} → {client_name} ({result.kind}){claimed}.", highlight=False)


@clients.command()
def forget(
    name: Annotated[str, typer.Argument(help="An address, @domain or other name a client has.")],
) -> None:
    """Undo NAME (an address, @domain or other name, claimed by hand or learned by an
    import): later imports no longer match it, and its messages are matched again."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.imports.resolve import ResolveError
    from partways.store.imports.resolve import forget as forget_alias

    try:
        result = forget_alias(name)
    except ResolveError as exc:
        raise UserError(str(exc)) from None
    said = f"{name} no longer means {result.client} ({result.kind})"
    if result.released:
        said += (
            f"; {result.released:,} of its messages are no longer theirs"
            f" ({result.waiting:,} now waiting for a client: `partways clients unmatched`)"
        )
    out.print(said + ".", highlight=False)


@clients.command()
def merge(
    source: Annotated[str, typer.Argument(help="The duplicate client, which goes away.")],
    target: Annotated[str, typer.Argument(help="The client that keeps every record.")],
) -> None:
    """Move every record of SOURCE to TARGET and keep SOURCE's name as an alias."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.imports.resolve import ResolveError
    from partways.store.imports.resolve import merge as merge_clients

    source_id, source_name = find_client(source)
    target_id, target_name = find_client(target)
    try:
        moved = merge_clients(source_id, target_id)
    except ResolveError as exc:
        raise UserError(str(exc)) from None
    summary = ", ".join(f"{n:,} {what}" for what, n in moved.items()) or "no records"
    out.print(f"Merged {source_name} into {target_name}: moved {summary}.", highlight=False)


@clients.command()
def language(
    client: Annotated[str, typer.Argument(help="The client's name, an alias, or part of it.")],
    lang: Annotated[str, typer.Argument(help="en, id, hr or ar (ms, bs and sr fold in).")],
) -> None:
    """Set the language CLIENT is written to: letters and sheets use it by default."""
    from partways.letters import check_language
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.models import Client

    client_id, name = find_client(client)
    code = check_language(lang)
    Client.objects.filter(pk=client_id).update(language=code)
    out.print(f"{name} is written to in {code}.", highlight=False, markup=False)


@clients.command()
def unmatched() -> None:
    """Addresses that wrote messages no client claims, most frequent first."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.imports.resolve import unmatched_addresses

    rows = unmatched_addresses()
    if not rows:
        out.print("Every imported message belongs to a client.")
        return
    table = Table(title="Messages without a client", title_justify="left")
    table.add_column("Address")
    table.add_column("Messages", justify="right")
    for address, count in rows:
        table.add_row(address or "(no sender)", f"{count:,}")
    out.print(table)
    out.print("Claim one with `partways clients alias ADDRESS CLIENT` (or @domain).")


def register(app: typer.Typer) -> None:
    app.add_typer(clients, name="clients")
