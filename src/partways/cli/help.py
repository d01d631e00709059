"""Help pages in a person's terms, not Python's.

Typer labels each option with its annotation (``<str>``, ``<list[str]>``, ``<bool>``)
and brackets required arguments in the usage line (``{paths}...``). Here every
parameter of the built command tree is given a class that shows what Click always
showed: an upper-case placeholder (``TEXT``, ``PATHS...``) for values and nothing
for flags.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from typer.core import TyperArgument, TyperOption

# Typer carries its own copy of Click: its commands and types are reached by their
# attributes here, not by Click's classes.


class _Option(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        if self.metavar is not None:
            return self.metavar
        return _placeholder(super().display_type_rich(ctx))


class _Argument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # the name column already shows PATHS...

    @property
    def display_name_raw(self) -> str:
        return self.metavar if self.metavar is not None else (self.name or "").upper()

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return f"{name}..." if self.nargs != 1 else name


# Typer's labels (``<str>``, ``<list[int]>``) and what Click would have shown instead.
_PLACEHOLDERS = {"str": "TEXT", "int": "NUMBER", "float": "NUMBER", "path": "PATH"}


def _placeholder(label: str | None) -> str | None:
    """``<str>`` → ``TEXT``, ``<list[str]>`` → ``TEXT...``, ``<bool>`` (a flag) → nothing;
    choices (``<a|b>``) are kept as ``[a|b]``."""
    if not label:
        return label
    inner = label.strip().removeprefix("<").split(">")[0]
    many = inner.startswith("list[")
    inner = inner.removeprefix("list[").removesuffix("]")
    if inner == "bool":
        return None
    shown = _PLACEHOLDERS.get(inner, f"[{inner}]" if "|" in inner else inner.upper())
    return f"{shown}..." if many or label.endswith("...") else shown


def _no_type(self: Any, ctx: Any) -> None:
    return None


def plain_help(command: Any) -> Any:
    """``command`` and every subcommand with placeholders instead of Python types."""
    for param in command.params:
        if type(param) is TyperOption:
            param.__class__ = _Option
        elif type(param) is TyperArgument:
            param.__class__ = _Argument

    # --help is made on first use and kept (Click caches it): made here, it is shown
    # as a flag like the others.
    names = (getattr(command, "context_settings", None) or {}).get("help_option_names")
    option = command.get_help_option(SimpleNamespace(help_option_names=names or ["--help"]))
    if option is not None:
        option.__class__ = type("_Flag", (type(option),), {"display_type_rich": _no_type})
    for sub in getattr(command, "commands", {}).values():
        plain_help(sub)
    return command
