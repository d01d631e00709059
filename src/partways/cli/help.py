"""Help pages in a person's terms, not Python's.

Typer labels each option with its annotation (``<str>``, ``<list[str]>``, ``<bool>``)
and brackets required arguments in the usage line (``{paths}...``). Here every
parameter of the built command tree is given a class that shows what Click always
showed: an upper-case placeholder (``TEXT``, ``PATHS...``) for values and nothing
for flags.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from typer._coercion import PassThroughRuntimeParam
from typer.core import TyperArgument, TyperOption

from partways.core.phrase import marked

from .lang import current, gettext

# Typer carries its own copy of Click: its commands and types are reached by their
# attributes here, not by Click's classes.


class _Option(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        if self.metavar is not None:
            return self.metavar
        return _placeholder(super().display_type_rich(ctx))

    def get_runtime_param(self) -> Any:
        return _passed_through(self) or super().get_runtime_param()


def _passed_through(param: Any) -> Any:
    """For a text option or a flag, a conversion that passes the value on, set as the
    parameter's own; None for any other. Its value is already text (or True/False), and
    Typer would build a Pydantic adapter to pass it through: importing Pydantic takes a
    tenth of a second, the whole budget of a help page, whose root options are read
    first."""
    if param._runtime_param is None and param.type_descriptor.annotation in (str, bool):
        param._runtime_param = PassThroughRuntimeParam(
            annotation=param.type_descriptor.annotation,
            parameter_info=param.type_descriptor.parameter_info,
        )
    return param._runtime_param


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


def _flag_runtime_param(self: Any) -> Any:
    # The flag's class is made below as a subclass of Typer's: its parent's method.
    parent: Any = type(self).__mro__[1]
    return _passed_through(self) or parent.get_runtime_param(self)


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
        option.__class__ = type(
            "_Flag",
            (type(option),),
            {"display_type_rich": _no_type, "get_runtime_param": _flag_runtime_param},
        )
    for sub in getattr(command, "commands", {}).values():
        plain_help(sub)
    return command


def _texts(command: Any) -> Iterator[tuple[Any, str]]:
    """Every (object, attribute) of the command tree that holds help text."""
    for name in ("help", "short_help"):
        if getattr(command, name, None):
            yield command, name
    # --help itself, made (and kept) by plain_help.
    for param in [*command.params, getattr(command, "_help_option", None)]:
        if getattr(param, "help", None):
            yield param, "help"
    for sub in getattr(command, "commands", {}).values():
        yield from _texts(sub)


def help_texts(command: Any) -> list[str]:
    """The help texts of ``command`` and its subcommands, in English, each once: what
    ``help_catalog.py`` lists for the translators."""
    return list(dict.fromkeys(getattr(owner, name) for owner, name in _texts(command)))


# Typer's own words on a help page (its panel titles and labels), read when a page is
# shown: set here to the active language's.
_TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": marked("Arguments"),
    "OPTIONS_PANEL_TITLE": marked("Options"),
    "COMMANDS_PANEL_TITLE": marked("Commands"),
    "ERRORS_PANEL_TITLE": marked("Error"),
    "ABORTED_TEXT": marked("Aborted."),
    "DEFAULT_STRING": marked("[default: {}]"),
    "REQUIRED_LONG_STRING": marked("[required]"),
    "RICH_HELP": marked("Try [blue]'{command_path} {help_option}'[/] for help."),
}


def translate_help(command: Any) -> Any:
    """``command``'s help pages in the active language. English stays as written, and
    costs nothing: Typer's help module is not even imported (a tenth of a second)."""
    if current() == "en":
        return command
    from typer import rich_utils

    from . import usage_words

    for constant, english in _TYPER_WORDS.items():
        setattr(rich_utils, constant, gettext(english))
    for owner, name in _texts(command):
        setattr(owner, name, gettext(getattr(owner, name)))
    usage_words.install()
    return command


# A line break with no blank line around it, and the indentation beside it.
_SOFT_BREAK = re.compile(r"[ \t]*(?<!\n)\n(?!\n)[ \t]*")


def joined_paragraphs(command: Any) -> Any:
    """``command``'s help texts with each paragraph on one line, for the terminal to wrap.

    Typer (since 0.16) keeps a docstring's line breaks inside a paragraph, so a page
    narrower than the source broke every line twice; older Typers joined them, as here.
    Applied after translating: the catalog keeps the texts as written."""
    for owner, name in _texts(command):
        setattr(owner, name, _SOFT_BREAK.sub(" ", getattr(owner, name)))
    return command


def catalog_source(command: Any) -> str:
    """The Python source of ``help_catalog.py``: every help text of ``command`` marked
    for the catalog extractor (help texts are written inline, in Typer's decorators and
    docstrings, where xgettext cannot see them)."""
    lines = [
        '"""Every help text of the command line, for the catalog extractor.',
        "",
        "Generated by ``make messages`` from the command tree (cli/help.py); a test fails",
        'when it is out of date. Not imported: read only by xgettext."""',
        "# ruff: noqa: E501",
        "",
        "from partways.core.phrase import marked",
        "",
        "# fmt: off",
        "HELP_TEXTS = (",
        *(line for text in help_texts(command) for line in _catalog_lines(text)),
        ")",
        "# fmt: on",
        "",
    ]
    return "\n".join(lines)


def _catalog_lines(text: str) -> list[str]:
    # A help text is shown as written, never %-formatted: "the top 20% of clients" must
    # not be read as a format ("% o") that its translations would have to keep.
    flag = ["    # xgettext:no-python-format"] if "%" in text else []
    return [*flag, f"    marked({text!r}),"]
