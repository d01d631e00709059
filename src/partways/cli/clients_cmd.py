"""``partways clients``: list clients and resolve the names an import could not match."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from .common import UserError, find_client, out
from .lang import gettext as _
from .lang import ngettext

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
    for column in (_("Client"), _("Also known as"), _("Addresses"), _("Archived")):
        table.add_column(column, overflow="fold")
    for c in Client.objects.prefetch_related("aliases", "contacts", "domains"):
        addresses = [x.email for x in c.contacts.all() if x.email]
        addresses += [f"@{d.domain}" for d in c.domains.all()]
        table.add_row(
            c.name,
            ", ".join(a.alias for a in c.aliases.all()),
            ", ".join(addresses),
            _("yes") if c.archived else "",
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
    said = _("%(name)s → %(client)s (%(kind)s)") % {
        "name": name,
        "client": client_name,
        "kind": _alias_kind(result.kind),
    }
    if result.kind != "name":
        said += ngettext(
            "; %(n)s waiting message now belongs to it",
            "; %(n)s waiting messages now belong to it",
            result.claimed_messages,
        ) % {"n": f"{result.claimed_messages:,}"}
    out.print(said + ".", highlight=False)


def _alias_kind(kind: str) -> str:
    """What a claimed name is ("address", "domain", "name"), in the CLI's language."""
    from .lang import current

    if current() == "en":
        return kind
    return {"address": _("address"), "domain": _("domain"), "name": _("name")}.get(kind, kind)


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
    said = _("%(name)s no longer means %(client)s (%(kind)s)") % {
        "name": name,
        "client": result.client,
        "kind": _alias_kind(result.kind),
    }
    if result.released:
        said += _(
            "; %(released)s of its messages are no longer theirs (%(waiting)s now waiting "
            "for a client: `partways clients unmatched`)"
        ) % {"released": f"{result.released:,}", "waiting": f"{result.waiting:,}"}
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
    # Each kind is the model's plural name, in the active language.
    summary = ", ".join(f"{n:,} {what}" for what, n in moved.items()) or _("no records")
    out.print(
        _("Merged %(source)s into %(target)s: moved %(summary)s.")
        % {"source": source_name, "target": target_name, "summary": summary},
        highlight=False,
    )


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
    out.print(
        _("%(name)s is written to in %(language)s.") % {"name": name, "language": code},
        highlight=False,
        markup=False,
    )


@clients.command()
def unmatched() -> None:
    """Addresses that wrote messages no client claims, most frequent first."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.imports.resolve import unmatched_addresses

    rows = unmatched_addresses()
    if not rows:
        out.print(_("Every imported message belongs to a client."))
        return
    table = Table(title=_("Messages without a client"), title_justify="left")
    table.add_column(_("Address"))
    table.add_column(_("Messages"), justify="right")
    for address, count in rows:
        table.add_row(address or _("(no sender)"), f"{count:,}")
    out.print(table)
    out.print(_("Claim one with `partways clients alias ADDRESS CLIENT` (or @domain)."))


def register(app: typer.Typer) -> None:
    from . import clients_details

    clients_details.register(clients)
    app.add_typer(clients, name="clients")
