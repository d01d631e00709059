"""``partways import``: bring in exports from the tools the business already uses."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from .common import UserError, err, out, progress
from .lang import current, ngettext, words
from .lang import gettext as _

if TYPE_CHECKING:  # Django is set up only when a command runs
    from partways.store.imports.apply import FileReport

# An address (ana@studio.hr) or a whole domain (@studio.hr).
_OWN_ADDRESS = re.compile(r"^([^@\s]+)?@[^@\s]+\.[^@\s]+$")
# How many errors to print per file; the count says how many more there are.
SHOWN_ERRORS = 25


def import_(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Export files, folders of exports, or an IMAP folder as a URL "
            "(imaps://user@host/INBOX; the password from PARTWAYS_IMAP_PASSWORD).",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="Read every path in this format (see `partways formats`)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    skip_bad_rows: Annotated[
        bool, typer.Option("--skip-bad-rows", help="Import a file's good rows; list the bad ones.")
    ] = False,
    time_zone: Annotated[
        str | None,
        typer.Option(
            "--time-zone", help="Zone of times written without an offset (default: the business's)."
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option("--mapping", help="Column-mapping file for the generic CSV importer."),
    ] = None,
    me: Annotated[
        list[str] | None,
        typer.Option(
            "--me",
            help="Your own address or @domain (repeatable): mail from it is outbound. Remembered.",
        ),
    ] = None,
) -> None:
    """Import PATHS: each file's format is recognised, unless --format names it.

    A file with errors writes nothing (unless --skip-bad-rows); importing the same
    or an overlapping export again adds nothing twice.
    """
    from partways.importers import ImportFailed
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.imports.apply import own_addresses
    from partways.store.imports.run import ImportOptions, import_source, sources

    _check_time_zone(time_zone)
    if mapping and fmt is None:
        fmt = "mapped-csv"  # a mapping file only means something to the mapped CSV importer
    options = {"mapping": mapping} if mapping else {}
    opts = ImportOptions(fmt, dry_run, skip_bad_rows, time_zone, options)
    for address in me or []:
        if not _OWN_ADDRESS.match(address.strip()):
            raise UserError(
                _(
                    "--me: %(address)s is neither an address nor a domain; expected e.g. "
                    "ana@studio.hr or @studio.hr."
                )
                % {"address": repr(address)}
            )
    try:
        found = list(sources(paths, fmt))
    except ImportFailed as exc:
        raise UserError(words(exc.phrase)) from None
    if me and not dry_run:
        own_addresses([a.strip() for a in me])
    reports = []
    for source in found:
        with progress(_("Importing %(source)s") % {"source": source.location}) as bar:
            reports.append(import_source(source, opts, _advance(bar)))
    _print(reports, dry_run)
    if not dry_run:
        from .analyze_cmd import label_stored

        label_stored()
    if any(r.refused for r in reports):
        raise typer.Exit(2)


def _advance(bar: Progress) -> Callable[[int, int | None], None]:
    """A progress callback for importers that moves ``bar`` (its only task)."""
    task = bar.tasks[0].id

    def advance(done: int, total: int | None) -> None:
        bar.update(task, completed=done, total=total, step=f"{done:,}")

    return advance


def _check_time_zone(name: str | None) -> None:
    if name is None:
        return
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            _(
                "--time-zone: %(name)s is not a time zone; expected a name such as "
                "Europe/Zagreb, Asia/Jakarta or UTC."
            )
            % {"name": repr(name)}
        ) from None


def _number(n: int) -> str:
    """A count as the command line's language writes it (1,234 in English)."""
    from partways.i18n import format_number

    return format_number(n, current())


def _kind(kind: str) -> str:
    """A record kind ("time_entries") in the command line's language."""
    from partways.web.views.imports import KINDS

    label = KINDS.get(kind)
    return str(label) if label is not None else kind.replace("_", " ")


def _counts(counter: Counter[str]) -> str:
    # Translators: a count of records of one kind, e.g. "3 time entries"; where the
    # language needs it, write "%(kind)s: %(count)s".
    shown = [
        _("%(count)s %(kind)s") % {"count": _number(n), "kind": _kind(kind)}
        for kind, n in counter.items()
        if n
    ]
    return ", ".join(shown) or "–"


def _print(reports: list[FileReport], dry_run: bool) -> None:
    table = Table(
        title=_("Import (dry run: nothing was written)") if dry_run else _("Import"),
        title_justify="left",
    )
    for column in (_("File"), _("Format"), _("New"), _("Updated"), _("Unchanged"), _("Skipped")):
        table.add_column(column, overflow="fold")
    ignored = [r for r in reports if not r.importer and not r.errors]
    for r in reports:
        if r in ignored:
            continue
        skipped = sum(r.skipped.values())
        not_imported = escape(_("not imported"))
        status = r.importer if not r.refused else f"{r.importer or '?'} [red]({not_imported})[/]"
        table.add_row(
            escape(r.source),
            status,
            _counts(r.new),
            _counts(r.updated),
            _counts(r.unchanged),
            _number(skipped) if skipped else "–",
        )
    out.print(table)
    for r in reports:
        _details(r)
    if ignored:
        out.print(
            ngettext(
                "Ignored %(n)s file(s) no importer recognises, e.g. %(files)s.",
                "Ignored %(n)s file(s) no importer recognises, e.g. %(files)s.",
                len(ignored),
            )
            % {"n": len(ignored), "files": ", ".join(r.source for r in ignored[:3])},
            markup=False,
        )


def _details(r: FileReport) -> None:
    from partways.store.imports.apply import LEARNED

    lines: list[str] = []
    for reason, n in r.skipped.items():
        lines.append(_("skipped %(n)s: %(reason)s") % {"n": _number(n), "reason": words(reason)})
    if r.clients_created:
        names = ", ".join(r.clients_created[:8]) + (" …" if len(r.clients_created) > 8 else "")
        lines.append(
            _(
                "new clients (%(n)s): %(names)s — if one is a client you already have under "
                "another name, run `partways clients merge NEW EXISTING`"
            )
            % {"n": len(r.clients_created), "names": names}
        )
    for alias, client in r.aliases_added[:8]:
        lines.append(
            _("matched %(alias)s to %(client)s (kept as an alias)")
            % {"alias": repr(alias), "client": repr(client)}
        )
    if r.unmatched_messages:
        top = ", ".join(f"{a} ({n})" for a, n in r.unmatched_addresses.most_common(5))
        lines.append(
            ngettext(
                "%(n)s message(s) matched no client; most from: %(top)s. Claim an address "
                "with `partways clients alias ADDRESS CLIENT` (or @domain).",
                "%(n)s message(s) matched no client; most from: %(top)s. Claim an address "
                "with `partways clients alias ADDRESS CLIENT` (or @domain).",
                r.unmatched_messages,
            )
            % {"n": _number(r.unmatched_messages), "top": top}
        )
    if r.proposed_own:
        lines.append(
            _(
                "nearly every message here is to or from %(address)s: if that is you, "
                "import again with --me %(address)s (mail from it is then yours, outbound)"
            )
            % {"address": r.proposed_own}
        )
    lines.extend(words(note) for note in r.notes)
    if any(note.code in LEARNED for note in r.notes):
        lines.append(
            _("a learned address that is not the client's: `partways clients forget ADDRESS`")
        )
    if lines:
        # File names, client names and addresses come from the user's data: not markup.
        out.print(f"[bold]{escape(r.source)}[/]", highlight=False)
        for line in lines:
            out.print(f"  {line}", highlight=False, markup=False)
    if r.errors:
        _errors(r)


def _errors(r: FileReport) -> None:
    verdict = (
        _("nothing was written")
        if r.refused
        else _("these rows were skipped")
        if r.written or r.dry_run
        else ""
    )
    heading = ngettext(
        "%(n)s error(s) in %(file)s", "%(n)s error(s) in %(file)s", len(r.errors)
    ) % {"n": len(r.errors), "file": r.source}
    err.print(
        f"[bold red]{escape(heading)}[/]" + (f" — {escape(verdict)}" if verdict else ""),
        highlight=False,
    )
    for e in r.errors[:SHOWN_ERRORS]:
        # Under the file's own heading, each error names only its line and column.
        shown = words(e.located(with_path=e.path != r.source))
        err.print(f"  {shown}", highlight=False, markup=False)
    if len(r.errors) > SHOWN_ERRORS:
        left = len(r.errors) - SHOWN_ERRORS
        more = _("… and %(n)s more") % {"n": left if current() == "en" else _number(left)}
        err.print(f"  {escape(more)}", highlight=False)
    if r.refused and any(e.line is not None for e in r.errors):
        err.print(
            "  "
            + _(
                "Fix the file and import it again, or use --skip-bad-rows to import the good rows."
            ),
            highlight=False,
            markup=False,
        )


def formats() -> None:
    """List the export formats partways reads."""
    from partways.importers import registry

    table = Table(title=_("Formats (for --format)"), title_justify="left")
    table.add_column(_("Name"))
    table.add_column(_("What"))
    table.add_column(_("Records"))
    for name, cls in registry.importer_classes().items():
        # Titles are marked for the catalog where the importers define them.
        table.add_row(name, _(cls.title), ", ".join(_kind(k) for k in cls.kinds))
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command()(formats)
