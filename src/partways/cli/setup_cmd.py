"""``partways setup``: the first run, answered at a prompt or given as flags.

It asks for what the triage cannot guess and would otherwise get wrong: the base
currency (figures are summed in it), the time zone and working hours (what counts as
"after hours"), the rates, the business's own addresses (what mail is outbound) and the
team. Each answer is also a flag, so a script can run it; run again, it offers what is
stored as the default and shows the result.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import UserError, out, safe
from .lang import gettext as _
from .lang import ngettext

if TYPE_CHECKING:  # Django is set up only when a command runs
    from partways.store.team import Member


def parse_member(text: str) -> Member:
    """A ``--member`` value as a team member. Raises :class:`UserError`."""
    from partways.store.team import MemberError
    from partways.store.team import parse_member as parse

    try:
        return parse(text)
    except MemberError:
        raise UserError(
            _(
                "--member: %(text)s is not a team member; expected a name, an address "
                "and a role (owner, manager or staff; staff when left out), e.g. "
                "'Owen Price <owen@studio.hr> manager'."
            )
            % {"text": repr(safe(text))}
        ) from None


def setup(
    name: Annotated[str | None, typer.Option(help="The business's name.")] = None,
    currency: Annotated[
        str | None,
        typer.Option(help="Base currency, ISO 4217 (USD, EUR, IDR): figures are summed in it."),
    ] = None,
    time_zone: Annotated[
        str | None,
        typer.Option(help="Time zone, e.g. Europe/Zagreb (default: this machine's)."),
    ] = None,
    work_days: Annotated[
        str | None, typer.Option(help="Working days, e.g. mon-fri or sun-thu.")
    ] = None,
    work_hours: Annotated[str | None, typer.Option(help="Working hours, e.g. 09:00-17:30.")] = None,
    target_rate: Annotated[
        str | None,
        typer.Option(help="Target hourly rate in the base currency, e.g. 80."),
    ] = None,
    cost_rate: Annotated[
        str | None,
        typer.Option(help="What an hour of work costs you, in the base currency."),
    ] = None,
    me: Annotated[
        list[str] | None,
        typer.Option(
            "--me",
            help="Your own address or @domain (repeat, or comma-separate): mail from "
            "these is outbound.",
        ),
    ] = None,
    member: Annotated[
        list[str] | None,
        typer.Option(
            "--member",
            help="A team member: 'Name <address> role' (owner, manager or staff); repeat.",
        ),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", "-y", help="Ask nothing: what is not given keeps its value or default."
        ),
    ] = False,
) -> None:
    """Set up the business: currency, time zone, working hours, rates, your addresses
    and your team. Asks for what is not given as a flag; shows what is set."""
    from django.utils import timezone

    from partways import machine
    from partways.store.bootstrap import ensure_database
    from partways.store.models import BusinessSettings

    from . import business_edit as edit

    ensure_database()
    members = [parse_member(m) for m in member or []]
    ask = not yes and sys.stdin.isatty()
    stored = edit.stored_values()
    first_time = BusinessSettings.load().configured_at is None
    given: dict[str, Any] = {
        "name": name,
        "base_currency": currency,
        "time_zone": time_zone,
        "work_days": work_days,
        "work_hours": work_hours,
        "target_rate": target_rate,
        "cost_rate": cost_rate,
        "own_addresses": edit.split_addresses(me) if me else None,
    }
    # The set-up asks what the triage needs; the letterhead (legal name, address, …) is
    # asked for when a letter needs it, and set with `partways settings set`.
    asked = [f for f in edit.FIELDS if f.key in given]
    proposed = {f.key: edit.shown_value(f.key, stored) for f in asked}
    if first_time and stored["time_zone"] == "UTC":
        # The default is nobody's zone: this machine's is the likelier answer.
        proposed["time_zone"] = machine.time_zone()
    changes: dict[str, Any] = {}
    for field in asked:
        value = given[field.key]
        if value is None and ask:
            value = _ask(field, proposed[field.key])
        if value is None:
            value = proposed[field.key]
        changes[field.key] = value
    # Given or answered, the currency is the person's; left to its default, the first
    # import whose money is all in one currency may still set it.
    chosen = currency is not None or ask
    if ask and not members:
        members = _ask_members()
    dropped = edit.apply(changes, currency_chosen=chosen)
    saved_members = _save_members(members)
    business = BusinessSettings.load()
    business.configured_at = timezone.now()
    business.save(update_fields=["configured_at"])
    if saved_members or edit.stored_values()["own_addresses"] != stored["own_addresses"]:
        claim_own_mail()
    from .settings_cmd import show

    show(every=False)
    _show_team()
    if dropped:
        out.print(
            _("Removed overrides of settings that no longer exist: %(keys)s.")
            % {"keys": ", ".join(dropped)}
        )
    out.print(
        _(
            "Next: import your exports with `partways import FOLDER --me YOUR-ADDRESS`, then "
            "`partways triage`. Change any of this later with `partways settings set KEY VALUE`."
        ),
        highlight=False,
    )


def _ask(field: Any, default: str) -> str:
    """One question, asked again until the answer is one the setting accepts."""
    from . import business_edit as edit

    while True:
        answer = typer.prompt(f"{_field_what(field)} ({field.example})", default=default)
        try:
            if field.key == "work_days":
                edit.parse_work_days(answer)
            elif field.key == "work_hours":
                edit.parse_work_hours(answer)
            else:
                _check(field, answer)
        except UserError as exc:
            out.print(f"[red]{safe(exc)}[/]")
            continue
        return str(answer)


def _check(field: Any, answer: str) -> None:
    from partways.web.settings_forms import (
        SettingError,
        parse_currency,
        parse_money,
        parse_own_address,
        parse_time_zone,
    )

    from . import business_edit as edit

    try:
        if field.key == "base_currency":
            parse_currency(answer)
        elif field.key == "time_zone":
            parse_time_zone(answer)
        elif field.key in ("target_rate", "cost_rate"):
            parse_money(answer, above_zero=field.key == "target_rate")
        elif field.key == "own_addresses":
            for address in edit.split_addresses([answer]):
                parse_own_address(address)
    except SettingError as exc:
        raise UserError(f"{field.key}: {exc}") from None


def _field_what(field: Any) -> str:
    """The question for a business setting, in the command line's language."""
    what = _(field.what)  # the registry's words are collected through marked()
    return what[:1].upper() + what[1:]


def _ask_members() -> list[Member]:
    members: list[Member] = []
    out.print(_("Your team (their mail counts as yours; leave the name empty to finish)."))
    while True:
        name = typer.prompt("  " + _("Name"), default="", show_default=False).strip()
        if not name:
            return members
        email = typer.prompt("  " + _("Address")).strip()
        role = typer.prompt("  " + _("Role (owner, manager, staff)"), default="staff").strip()
        try:
            members.append(parse_member(f"{name},{email},{role}"))
        except UserError as exc:
            out.print(f"[red]{safe(exc)}[/]")


def _save_members(members: list[Member]) -> int:
    from partways.store.team import MemberError, save_members

    try:
        return save_members(members)
    except MemberError as exc:
        raise UserError(
            _("--member: %(name)s is the last owner who can log in; make someone else owner first.")
            % {"name": safe(exc.text)}
        ) from None


def claim_own_mail() -> None:
    """Mail already imported from an address now known as yours is outbound."""
    from partways.store.imports.resolve import reclassify_own_mail

    moved = reclassify_own_mail()
    if moved:
        out.print(
            ngettext(
                "%(n)s imported message now reads as yours or your team's.",
                "%(n)s imported messages now read as yours or your team's.",
                moved,
            )
            % {"n": f"{moved:,}"}
        )


def _show_team() -> None:
    from rich.table import Table

    from partways.store.models import TeamMember

    team = list(TeamMember.objects.order_by("role", "name"))
    if not team:
        out.print(_("No team members yet (add them with --member 'Name <address> role')."))
        return
    from partways.web import labels
    from partways.web.settings_team import ROLES

    from .lang import current

    table = Table(title=_("Team"), title_justify="left")
    for column in (_("Name"), _("Address"), _("Role")):
        table.add_column(column)
    for m in team:
        # In English the role as --member takes it; in another language its name.
        role = m.role if current() == "en" else labels.label(ROLES, m.role)
        table.add_row(safe(m.name), safe(m.email), role)
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command()(setup)
