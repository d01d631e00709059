"""The ``partways`` command line: a thin layer over the store and the domain core."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.markup import escape

from . import (
    analyze_cmd,
    bench_cmd,
    clients_cmd,
    demo_cmd,
    eval_cmd,
    import_cmd,
    letter_cmd,
    notify_cmd,
    offboard_cmd,
    repair_cmd,
    serve_cmd,
    settings_cmd,
    setup_cmd,
    sync_cmd,
    token_cmd,
    triage_cmd,
    worker_cmd,
)
from .common import UserError, err, error_label, said

app = typer.Typer(
    name="partways",
    help="Find the clients who cost more than they are worth, repair what can be "
    "repaired, and end the rest professionally.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _show_version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version

        from .common import out

        out.print(f"partways {version('partways')}", highlight=False)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_show_version, is_eager=True
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="The language to answer in: en, id, hr or ar. Default: PARTWAYS_LANG, "
            "else your locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English.",
        ),
    ] = None,
) -> None:
    from .lang import choose

    choose(lang)


for module in (
    setup_cmd,
    demo_cmd,
    serve_cmd,
    worker_cmd,
    import_cmd,
    sync_cmd,
    clients_cmd,
    triage_cmd,
    repair_cmd,
    offboard_cmd,
    letter_cmd,
    analyze_cmd,
    settings_cmd,
    token_cmd,
    notify_cmd,
    bench_cmd,
    eval_cmd,
):
    module.register(app)


def _user_errors() -> tuple[type[BaseException], ...]:
    from partways.connectors import SyncFailed
    from partways.core.config import UnknownSetting
    from partways.core.errors import DataError
    from partways.core.offboarding.contract import EndDateError
    from partways.core.offboarding.reasons import UnknownReason
    from partways.core.offboarding.steps import StepRefused
    from partways.core.text.lexicon import LexiconError
    from partways.core.text.registry import UnknownAnalyzer
    from partways.core.text.transformers_analyzer import ModelConfigError, ModelsExtraMissing
    from partways.demo.generator import DemoExists
    from partways.importers import ImportFailed
    from partways.letters import LetterError, UnknownLanguage
    from partways.letters.formats import UnknownFormat
    from partways.store.cases.records import CaseError
    from partways.store.loader_child import ChildReadFailed

    return (
        UserError,
        DataError,
        UnknownSetting,
        DemoExists,
        ImportFailed,
        SyncFailed,
        CaseError,
        ChildReadFailed,
        EndDateError,
        UnknownReason,
        StepRefused,
        LetterError,
        UnknownLanguage,
        UnknownFormat,
        UnknownAnalyzer,
        LexiconError,
        ModelConfigError,
        ModelsExtraMissing,
    )


def _start_django() -> None:
    """Start Django (settings, apps, the chosen language) unless it already runs.

    Called as a command starts, not before: a help page, ``--version`` and a usage
    error need none of it, and appear in a fraction of the time.
    """
    from django.apps import apps

    from .lang import django_started

    if apps.ready:
        return
    from partways.store.bootstrap import setup

    # What `serve` decides about the settings (production mode, the local key) must be
    # in the environment before setup() loads them: they are read once, at load.
    serve_cmd.prepare(sys.argv[1:])
    if sys.argv[1:2] in (["setup"], ["serve"]):
        # Their first-run default; Django's settings replace TZ as they load.
        from partways import machine

        machine.remember_time_zone()
    from django.core.exceptions import ImproperlyConfigured

    try:
        setup()
    except ImproperlyConfigured as exc:
        # A setting given in the environment that cannot be used (PARTWAYS_*=abc).
        err.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False)
        sys.exit(2)
    django_started()


def _after_django(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        _start_django()
        return callback(*args, **kwargs)

    return run


def _starting_django(command: Any, root: bool = True) -> Any:
    """``command``'s tree with every command but the root starting Django before it
    runs (the root's callback only chooses the language)."""
    if not root and command.callback is not None:
        command.callback = _after_django(command.callback)
    for sub in getattr(command, "commands", {}).values():
        _starting_django(sub, root=False)
    return command


def main() -> None:
    """Entry point: run the app, turning user errors into a message and exit status 2.

    Usage errors (unknown options, missing arguments) are reported by Typer itself.
    """
    from .help import joined_paragraphs, plain_help, translate_help
    from .lang import choose, given_language

    # --lang, else the environment's language, chosen before the command tree is built:
    # its help pages and a usage error are worded in it too.
    choose(given_language(sys.argv[1:]))
    command = joined_paragraphs(translate_help(plain_help(typer.main.get_command(app))))
    try:
        _starting_django(command)()
    except Exception as exc:
        _said_or_raised(exc)


def _said_or_raised(exc: Exception) -> None:
    """Say a user error (exit status 2); raise anything else.

    Before Django has started (a help page, a usage error), only the command line's own
    errors can occur: the domain's error classes are not even imported.
    """
    from django.apps import apps

    if isinstance(exc, _user_errors() if apps.ready else (UserError,)):
        # The message may hold a client's name or a path: never read it as markup.
        err.print(f"[bold red]{error_label()}[/] {escape(said(exc))}", highlight=False)
        sys.exit(2)
    from django.db.utils import OperationalError

    if apps.ready and isinstance(exc, OperationalError):
        # A database that cannot be opened is a set-up problem the user can fix.
        from .lang import gettext as _

        err.print(
            f"[bold red]{error_label()}[/] "
            + escape(
                _(
                    "cannot use the database: %(why)s\nCheck DATABASE_URL (PostgreSQL) or "
                    "PARTWAYS_HOME (the SQLite file's folder)."
                )
                % {"why": str(exc).strip()}
            ),
            highlight=False,
        )
        sys.exit(2)
    raise exc
