"""``partways letter``: a client's letter in their language, in any format."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import UserError, err, find_client, parse_date, safe
from .lang import gettext as _
from .lang import words

BINARY = {"docx", "pdf", "eml"}


def letter(
    client: Annotated[str, typer.Argument(help="The client's name, an alias, or part of it.")],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "--reason",
            help="too_demanding, mistreats_staff, unethical, payment, not_a_fit, generic, "
            "apology or expectations (default: the case's reason, else the triage's).",
        ),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="en, id, hr or ar (default: the client's).")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="text, md, html, eml, docx, pdf, or ics (key dates)")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="As of this date (YYYY-MM-DD); default today.")
    ] = None,
    about: Annotated[
        str,
        typer.Option(
            "--about",
            help="For an apology: what went wrong, in the letter's language, as the client "
            'will read it (e.g. "the launch was two weeks late").',
        ),
    ] = "",
) -> None:
    """Write CLIENT's letter: the ending letter for their case, an apology, or the
    expectations sheet; or, with --format ics, the case's key dates as a calendar."""
    from partways.letters.compose import without_isolates
    from partways.letters.formats import FORMATS, render, to_ics
    from partways.store.bootstrap import ensure_database
    from partways.store.cases.letters import ApologyNeedsWhat, NotEnding, key_dates, letter_for

    today = parse_date(as_of)
    if fmt not in FORMATS and fmt != "ics":
        raise UserError(
            _("--format: %(given)s is not a format; expected one of %(formats)s.")
            % {"given": repr(fmt), "formats": ", ".join([*FORMATS, "ics"])}
        )
    if output is None and fmt in BINARY:
        raise UserError(
            _("--format %(format)s writes a file: give it with -o FILE.") % {"format": fmt}
        )
    ensure_database()
    client_id, name = find_client(client)
    now = dt.datetime.now(dt.UTC)
    if fmt == "ics":
        data = to_ics(
            key_dates(client_id, words),
            calendar_name=f"partways: {name}",
            uid_seed=f"partways-client-{client_id}",
            stamp=now,
        )
    else:
        try:
            addressed = letter_for(client_id, kind=kind, lang=lang, today=today, about=about)
        except ApologyNeedsWhat:
            raise UserError(
                _(
                    "an apology says what went wrong, in your words: give it with --about, "
                    'in the letter\'s language (e.g. --about "the launch was two weeks late").'
                )
            ) from None
        except NotEnding as exc:
            raise UserError(
                _(
                    "%(client)s has no offboarding case and the triage says "
                    "%(recommendation)s, so there is no ending letter to write. For a client "
                    "you keep: --kind expectations (the expectations sheet) or --kind "
                    "apology. To end the relationship anyway: open a case with `partways "
                    "offboard %(quoted)s`, or name the reason with --kind (e.g. --kind "
                    "not_a_fit)."
                )
                % {
                    "client": exc.client,
                    "recommendation": _recommendation(exc.recommendation),
                    "quoted": _quoted(exc.client),
                }
            ) from None
        if addressed.warnings:
            # Said before the letter is written out: a gate still open, a date that rests
            # on more than the contract's notice terms, a letterhead not filled in.
            err.print(_("Before you send this letter:"), markup=False, highlight=False)
            for warning in addressed.warnings:
                err.print(f"- {words(warning)}", markup=False, highlight=False)
        data = render(
            addressed.letter,
            fmt,
            sender=addressed.sender,
            to=addressed.to,
            date=now,
            domain=addressed.domain,
        )
    if output is None:
        text = data.decode()
        # On a terminal, names and notes from the data must not act as escape codes;
        # piped, the letter goes out exactly as written (CRLF lines and all).
        if sys.stdout.isatty():
            # A terminal draws no bidirectional text, and may show the isolates an Arabic
            # letter keeps around values as boxes: there they go (files keep them).
            text = safe(without_isolates(text))
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise UserError(
            _("cannot write %(path)s: %(why)s.") % {"path": output, "why": exc.strerror or exc}
        ) from None
    err.print(
        _("Wrote %(path)s (%(size)s bytes).") % {"path": output, "size": f"{len(data):,}"},
        markup=False,
        highlight=False,
    )


def _recommendation(key: str) -> str:
    """A recommendation ("end_at_contract_end") as the command line says it."""
    from partways.web import labels

    from .lang import current

    if current() == "en":
        return key.replace("_", " ")
    return labels.label(labels.RECOMMENDATIONS, key)


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


def register(app: typer.Typer) -> None:
    app.command()(letter)
