"""Typer's own words (a usage error, the "Usage:" line) in the command line's language.

Typer carries its own copy of Click, whose messages are English f-strings with no
catalog behind them. The few a person meets (an unknown option, a missing argument, a
value that is not a number) are recognised here by their shape and said again in the
active language; anything else keeps Typer's English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .lang import gettext as _

Wording = Callable[[dict[str, str]], str]


def _worded(table: tuple[tuple[re.Pattern[str], Wording], ...], text: str) -> str:
    """``text`` said again by the first entry of ``table`` whose shape it has; as it is
    when none has."""
    for pattern, say in table:
        found = pattern.fullmatch(text)
        if found:
            return say(found.groupdict())
    return text


def _why(text: str) -> str:
    """A value's problem as Typer's adapters word it, in the active language."""
    return _worded(_WHY, text)


_WHY: tuple[tuple[re.Pattern[str], Wording], ...] = (
    (
        re.compile(r"Input should be a valid integer.*"),
        lambda p: _("expected a whole number."),
    ),
    (
        re.compile(r"Input should be a valid number.*"),
        lambda p: _("expected a number."),
    ),
    (
        re.compile(r"Input should be greater than or equal to (?P<n>\S+)"),
        lambda p: _("expected at least %(n)s.") % p,
    ),
    (
        re.compile(r"Input should be less than or equal to (?P<n>\S+)"),
        lambda p: _("expected at most %(n)s.") % p,
    ),
)

_MESSAGES: tuple[tuple[re.Pattern[str], Wording], ...] = (
    (
        re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)"),
        lambda p: _("No such option: %(name)s (did you mean one of %(options)s?)") % p,
    ),
    (re.compile(r"No such option: (?P<name>\S+)"), lambda p: _("No such option: %(name)s") % p),
    (re.compile(r"No such command (?P<name>.+)\."), lambda p: _("No such command %(name)s.") % p),
    (
        re.compile(r"Missing argument (?P<name>.+)\."),
        lambda p: _("Missing argument %(name)s.") % p,
    ),
    (re.compile(r"Missing option (?P<name>.+)\."), lambda p: _("Missing option %(name)s.") % p),
    (
        re.compile(r"Option (?P<name>.+) requires an argument\."),
        lambda p: _("Option %(name)s requires an argument.") % p,
    ),
    (
        re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<extra>.*)\)"),
        lambda p: _("Unexpected extra argument(s): %(extra)s") % p,
    ),
    (
        re.compile(r"Invalid value for (?P<name>.+?): (?P<why>.*)", re.DOTALL),
        lambda p: _("Invalid value for %(name)s: %(why)s") % {**p, "why": _why(p["why"])},
    ),
)


def said(message: str) -> str:
    """Typer's error ``message`` in the active language, when its shape is known."""
    return _worded(_MESSAGES, message)


def install() -> None:
    """Word Typer's usage errors and "Usage:" lines in the active language from now on."""
    from typer import rich_utils
    from typer._click.formatting import HelpFormatter

    if getattr(rich_utils.rich_format_error, "_partways", False):
        return
    shown = rich_utils.rich_format_error
    write_usage = HelpFormatter.write_usage

    def rich_format_error(self: Any) -> None:
        message = self.format_message()
        # The instance's own method, for this one print: the class stays as it is.
        self.format_message = lambda: said(message)
        shown(self)

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, _("Usage:") + " " if prefix is None else prefix)

    rich_format_error._partways = True  # type: ignore[attr-defined]
    rich_utils.rich_format_error = rich_format_error
    HelpFormatter.write_usage = usage  # type: ignore[method-assign]
