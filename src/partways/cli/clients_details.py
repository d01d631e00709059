"""``partways clients contact | address | contract``: what a formal letter needs to know
about a client that no export carries: how to address the contact, the client's
registered name and postal address, and how its contract may be ended."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import UserError, find_client, out, parse_date
from .lang import gettext as _

# What --gender takes: the recorded choices, and "unknown" to clear one (--ending too).
GENDERS = ("female", "male", "unknown")


def contact(
    client: Annotated[str, typer.Argument(help="The client's name, an alias, or part of it.")],
    gender: Annotated[
        str | None,
        typer.Option(
            "--gender", help="female or male (Ms/Mr, gospođo/gospodine, Ibu/Bapak), or unknown."
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help='e.g. Dr., Prof.; "" for none.')
    ] = None,
    latin_name: Annotated[
        str | None,
        typer.Option(
            "--latin-name",
            help="The name in Latin letters, for letters in English, Indonesian or Croatian "
            "when it is written in another script.",
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="The contact to change (default: the primary).")
    ] = None,
) -> None:
    """How CLIENT's contact is addressed in letters; without options, shows it."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.models import Contact

    client_id, client_name = find_client(client)
    people = Contact.objects.filter(client_id=client_id).order_by("-is_primary", "pk")
    person = people.filter(name__iexact=name.strip()).first() if name else people.first()
    if person is None:
        raise UserError(
            _("%(client)s has no contact called %(name)s.") % {"client": client_name, "name": name}
            if name
            else _("%(client)s has no contact on record.") % {"client": client_name}
        )
    if gender is not None:
        if gender not in GENDERS:
            raise UserError(
                _("--gender: %(given)s is not one of %(choices)s.")
                % {"given": repr(gender), "choices": ", ".join(GENDERS)}
            )
        person.gender = "" if gender == "unknown" else gender
    if title is not None:
        person.title = title.strip()[:50]
    if latin_name is not None:
        person.latin_name = latin_name.strip()[:200]
    person.save(update_fields=["gender", "title", "latin_name"])
    out.print(
        _("%(name)s (%(client)s): gender %(gender)s; title %(title)s; in Latin letters %(latin)s.")
        % {
            "name": person.name,
            "client": client_name,
            "gender": person.gender or _("not recorded"),
            "title": person.title or _("none"),
            "latin": person.latin_name or _("not recorded"),
        },
        markup=False,
        highlight=False,
    )


def address(
    client: Annotated[str, typer.Argument(help="The client's name, an alias, or part of it.")],
    legal_name: Annotated[
        str | None, typer.Option("--legal-name", help="The registered name, e.g. Acme d.o.o.")
    ] = None,
    postal: Annotated[
        str | None,
        typer.Option(
            "--address",
            help='The postal address, its lines separated by "|", e.g. "Savska 12|10000 Zagreb".',
        ),
    ] = None,
) -> None:
    """CLIENT's registered name and postal address, for the recipient block of letters;
    without options, shows them."""
    from partways.store.bootstrap import ensure_database

    from .business_edit import parse_address

    ensure_database()
    from partways.store.models import Client

    client_id, client_name = find_client(client)
    row = Client.objects.get(pk=client_id)
    if legal_name is not None:
        row.legal_name = legal_name.strip()[:200]
    if postal is not None:
        row.address = parse_address(postal)
    row.save(update_fields=["legal_name", "address"])
    shown = " | ".join(row.address.splitlines()) or _("not recorded")
    out.print(
        _("%(client)s: registered name %(legal)s; address %(address)s.")
        % {"client": client_name, "legal": row.legal_name or _("not recorded"), "address": shown},
        markup=False,
        highlight=False,
    )


def contract(
    client: Annotated[str, typer.Argument(help="The client's name, an alias, or part of it.")],
    ending: Annotated[
        str | None,
        typer.Option(
            "--ending",
            help="How the contract may be ended, read from its termination clause: any_time "
            "(with notice), term_end (only at the end of a term, with notice), for_cause "
            "(early only for cause), or unknown.",
        ),
    ] = None,
    signed_on: Annotated[
        str | None, typer.Option("--signed-on", help="The day it was signed (YYYY-MM-DD).")
    ] = None,
) -> None:
    """How CLIENT's current contract may be ended, and when it was signed; without
    options, shows them."""
    from partways.core.offboarding.contract import ENDINGS as RECORDED
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.cases.records import contract_row
    from partways.store.models import Client

    client_id, client_name = find_client(client)
    row = contract_row(Client.objects.get(pk=client_id))
    if row is None:
        raise UserError(
            _(
                "%(client)s has no contract on record: import one (a records file's "
                "contracts section) first."
            )
            % {"client": client_name}
        )
    if ending is not None:
        choices = (*RECORDED, "unknown")
        if ending not in choices:
            raise UserError(
                _("--ending: %(given)s is not one of %(choices)s.")
                % {"given": repr(ending), "choices": ", ".join(choices)}
            )
        row.ending = "" if ending == "unknown" else ending
    if signed_on is not None:
        row.signed_on = parse_date(signed_on, "--signed-on")
    row.save(update_fields=["ending", "signed_on"])
    out.print(
        _("%(client)s, contract of %(start)s: ending %(ending)s; signed on %(signed)s.")
        % {
            "client": client_name,
            "start": row.start.isoformat(),
            "ending": row.ending or _("not recorded"),
            "signed": row.signed_on.isoformat() if row.signed_on else _("not recorded"),
        },
        markup=False,
        highlight=False,
    )


def register(clients: typer.Typer) -> None:
    clients.command()(contact)
    clients.command()(address)
    clients.command()(contract)
