"""``partways settings`` (the business's settings and the thresholds of the registry)
and ``partways rate`` (its exchange rates)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from .common import UserError, out, safe
from .lang import gettext as _

T = TypeVar("T")


def rate(
    currency: Annotated[str, typer.Argument(help="ISO 4217 code, e.g. USD.")],
    value: Annotated[
        str | None,
        typer.Argument(help="Units of the base currency per unit; left out: show the rate."),
    ] = None,
    remove: Annotated[
        bool, typer.Option("--remove", help="Delete CURRENCY's rate instead of setting it.")
    ] = False,
) -> None:
    """Set the exchange rate from CURRENCY to the business's base currency."""
    from partways.store.bootstrap import ensure_database
    from partways.web.settings_forms import parse_currency, parse_rate

    code = _parse(parse_currency, currency)
    amount = None if value is None else _parse(parse_rate, value)
    if amount is not None and remove:
        raise UserError(_("give a rate or --remove, not both."))
    ensure_database()
    from partways.store.business import remove_rate, set_rate, stored_rates
    from partways.store.models import BusinessSettings

    base = BusinessSettings.load().base_currency
    if remove:
        if not remove_rate(code):
            raise UserError(_("%(code)s has no exchange rate to remove.") % {"code": code})
        out.print(_("Removed the exchange rate of %(code)s.") % {"code": code}, highlight=False)
        return
    if amount is None:
        stored = next((r for r in stored_rates() if r.currency == code), None)
        if stored is None:
            raise UserError(
                _("%(code)s has no exchange rate; set one with `partways rate %(code)s RATE`.")
                % {"code": code}
            )
        if stored.value is None:
            raise UserError(
                _(
                    "the stored rate of %(code)s (%(stored)s) is not usable; set it again "
                    "with `partways rate %(code)s RATE`, or delete it with "
                    "`partways rate %(code)s --remove`."
                )
                % {"code": code, "stored": safe(stored.stored)}
            )
        out.print(f"1 {code} = {stored.value.normalize():f} {base}", highlight=False)
        return
    if code == base:
        raise UserError(
            _("%(code)s is the base currency: 1 %(code)s is always 1 %(code)s.") % {"code": code}
        )
    set_rate(code, amount)
    out.print(f"1 {code} = {amount} {base}", highlight=False)


def _parse(parse: Callable[[str], T], text: str) -> T:
    """``parse(text)`` with the web form's rules and words; a refusal is a UserError."""
    from partways.web.settings_forms import SettingError

    try:
        return parse(text)
    except SettingError as exc:
        raise UserError(safe(exc)) from None


settings = typer.Typer(
    help="Show and change the business's settings and the thresholds of the registry.",
    no_args_is_help=False,
    invoke_without_command=True,
)


@settings.callback()
def _settings(ctx: typer.Context) -> None:
    """Show and change the business's settings and the thresholds of the registry.

    Without a subcommand: show them.
    """
    if ctx.invoked_subcommand is None:
        show(every=False)


@settings.command()
def show(
    every: Annotated[
        bool, typer.Option("--all", help="Every threshold, not only the ones you changed.")
    ] = False,
) -> None:
    """The business's settings, then the thresholds changed from their defaults."""
    from rich.table import Table

    from partways.core.config import SETTINGS
    from partways.store.bootstrap import ensure_database

    from .business_edit import FIELDS, shown_value, stored_values

    ensure_database()
    values = stored_values()
    table = Table(title=_("Business"), show_header=False, title_justify="left")
    table.add_column(_("Setting"), style="bold")
    table.add_column(_("Value"))
    for field in FIELDS:
        table.add_row(field.key, safe(shown_value(field.key, values)) or _("(none)"))
    out.print(table)
    from partways.web.settings_forms import shown_number, threshold_field_name

    rows = [
        (s, values.get(threshold_field_name(s.key)))
        for s in SETTINGS
        if every or threshold_field_name(s.key) in values
    ]
    if not rows:
        out.print(
            _(
                "Every threshold is at its default (%(n)s in all; `partways settings show "
                "--all` lists them, docs/settings.md explains them)."
            )
            % {"n": len(SETTINGS)},
            highlight=False,
        )
        return
    from partways.i18n.terms import unit_label

    thresholds = Table(title=_("Thresholds"), title_justify="left")
    thresholds.add_column(_("Key"), style="bold", no_wrap=True)
    thresholds.add_column(_("Value"), justify="right")
    thresholds.add_column(_("Default"), justify="right")
    thresholds.add_column(_("Unit"))
    for s, value in rows:
        thresholds.add_row(
            s.key,
            value if value is not None else shown_number(s.default),
            shown_number(s.default),
            unit_label(s.unit),
        )
    out.print(thresholds)


@settings.command()
def get(
    key: Annotated[str, typer.Argument(help="A business setting or a threshold's key.")],
) -> None:
    """Print one setting's value, as you would type it back."""
    from partways.store.bootstrap import ensure_database

    from .business_edit import stored_values

    ensure_database()
    out.print(safe(_shown(key, stored_values())), highlight=False)


@settings.command("set")
def set_(
    pairs: Annotated[
        list[str],
        typer.Argument(
            help="KEY VALUE pairs, e.g. base_currency USD time_zone Asia/Jakarta "
            "pessimism.low 0.2.",
            metavar="KEY VALUE",
        ),
    ],
) -> None:
    """Change settings: every pair is checked first, and all are saved or none."""
    from partways.store.bootstrap import ensure_database

    from .business_edit import apply, field_named, stored_values

    if len(pairs) % 2:
        raise UserError(
            _(
                "%(key)s has no value; give KEY VALUE pairs, e.g. "
                "`partways settings set base_currency USD`."
            )
            % {"key": repr(safe(pairs[-1]))}
        )
    ensure_database()
    changes: dict[str, str] = {}
    thresholds: dict[str, str] = {}
    for key, value in zip(pairs[::2], pairs[1::2], strict=True):
        field = field_named(key)
        if field is not None:
            changes[field.key] = value
        else:
            thresholds[_threshold(key).key] = value
    dropped = apply(changes, thresholds, currency_chosen="base_currency" in changes)
    if "own_addresses" in changes:
        from .setup_cmd import claim_own_mail

        claim_own_mail()
    values = stored_values()
    for key in [*changes, *thresholds]:
        out.print(f"{key} = {safe(_shown(key, values))}", highlight=False)
    if dropped:
        out.print(
            _("Removed overrides of settings that no longer exist: %(keys)s.")
            % {"keys": ", ".join(dropped)}
        )


@settings.command()
def reset(
    keys: Annotated[list[str], typer.Argument(help="Thresholds to put back to their default.")],
) -> None:
    """Put thresholds back to the registry's default."""
    from partways.store.bootstrap import ensure_database

    from .business_edit import apply, field_named, stored_values

    ensure_database()
    for key in keys:
        if field_named(key) is not None:
            raise UserError(
                _(
                    "%(key)s is a business setting, not a threshold: give it a value with "
                    "`partways settings set %(key)s VALUE`."
                )
                % {"key": safe(key)}
            )
    chosen = [_threshold(key).key for key in keys]
    apply({}, reset=chosen)
    values = stored_values()
    for key in chosen:
        out.print(
            _("%(key)s = %(value)s (the default)") % {"key": key, "value": _shown(key, values)},
            highlight=False,
        )


def _threshold(key: str) -> Any:
    """The registry's setting called ``key``; a UserError naming close keys otherwise."""
    import difflib

    from partways.core.config import SETTINGS

    from .business_edit import FIELDS

    by_key = {s.key: s for s in SETTINGS}
    setting = by_key.get(key.strip())
    if setting is not None:
        return setting
    close = difflib.get_close_matches(key, [*by_key, *(f.key for f in FIELDS)], n=3, cutoff=0.6)
    said = _("no setting called %(key)s.") % {"key": repr(safe(key))}
    if close:
        said += " " + _("Did you mean: %(names)s?") % {"names": ", ".join(close)}
    raise UserError(said + " " + _("`partways settings show --all` lists them."))


def _shown(key: str, values: dict[str, Any]) -> str:
    """A business setting or threshold as it would be typed back, from ``values``
    (:func:`~.business_edit.stored_values`)."""
    from partways.web.settings_forms import shown_number, threshold_field_name

    from .business_edit import field_named, shown_value

    field = field_named(key)
    if field is not None:
        return shown_value(field.key, values)
    setting = _threshold(key)
    stored = values.get(threshold_field_name(setting.key))
    return stored if stored is not None else shown_number(setting.default)


def register(app: typer.Typer) -> None:
    app.add_typer(settings, name="settings")
    app.command()(rate)
