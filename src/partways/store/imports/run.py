"""Importing paths as the user names them: files, folders of exports, mailbox URLs.

A folder is one export when an importer reads it whole (a maildir, an unpacked
Slack export); otherwise every file in it is imported on its own, and files no
importer recognises are listed as ignored. A file named explicitly that no importer
recognises is an error that lists the formats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from partways.core.phrase import TEXT, Phrase, as_phrase, marked, say
from partways.importers import Importer, ImportFailed, RowError, registry
from partways.importers.base import located
from partways.store.models import BusinessSettings, ImportCursor

from .apply import FileReport, write_records

URL_SCHEMES = ("imap://", "imaps://")


@dataclass
class ImportOptions:
    format: str | None = None
    dry_run: bool = False
    skip_bad_rows: bool = False
    time_zone: str | None = None
    options: dict[str, str] = field(default_factory=dict)


@dataclass
class Source:
    """One thing to import and the importer that reads it (None: not recognised)."""

    location: str
    importer: Importer | None
    explicit: bool  # named by the user, not found inside a folder


# The order a careful person imports in: who the clients are first (records, client
# lists, projects), then the work and the money (time, invoices, expenses), then the
# payments that settle those invoices, then the talk (mail, chat, calendars), which is
# matched to clients by the addresses and names the earlier files taught.
IMPORT_PHASES: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "clients",
            "contacts",
            "client_aliases",
            "projects",
            "contracts",
            "deliverables",
            "proposals",
            "incidents",
            "flags",
        }
    ),
    frozenset({"time_entries", "invoices", "expenses"}),
    frozenset({"payments"}),
    frozenset({"messages", "meetings"}),
)


def import_phase(importer: Importer | None) -> int:
    """Where a source's records come in :data:`IMPORT_PHASES` (unrecognised: last)."""
    kinds = set(getattr(importer, "kinds", ()) or ())
    return next((i for i, phase in enumerate(IMPORT_PHASES) if kinds & phase), len(IMPORT_PHASES))


def sources(paths: list[str], fmt: str | None) -> list[Source]:
    """What to import for the arguments, in :data:`IMPORT_PHASES` order (the given
    order within a phase). Raises ImportFailed for a missing path."""
    found = list(_sources(paths, fmt))
    return sorted(found, key=lambda s: import_phase(s.importer))


def _sources(paths: list[str], fmt: str | None) -> Iterator[Source]:
    for arg in paths:
        if arg.startswith(URL_SCHEMES):
            yield Source(arg, _url_importer(arg, fmt), True)
            continue
        path = Path(arg).expanduser()
        if not path.exists():
            raise ImportFailed(say("import.no_such_path", "no such file or folder."), arg)
        if not (path.is_file() or path.is_dir()):
            # /dev/zero or a pipe would be read for ever, a socket not at all.
            raise ImportFailed(
                say(
                    "import.not_a_file",
                    "not a file or a folder (a device, a pipe or a socket); "
                    "expected an exported file or a folder of them.",
                ),
                arg,
            )
        if fmt is not None:
            yield Source(str(path), registry.get(fmt), True)
            continue
        found = registry.identify(path)
        if found is not None or not path.is_dir():
            yield Source(str(path), found, True)
            continue
        yield from _walk(path)


def _walk(folder: Path) -> Iterator[Source]:
    """Files and whole-folder exports inside ``folder``; hidden entries, pipes and
    devices are left out."""
    for child in sorted(folder.iterdir()):
        # Hidden entries, and pipes or devices (reading one could wait for ever).
        if child.name.startswith(".") or not (child.is_file() or child.is_dir()):
            continue
        found = registry.identify(child)
        if child.is_dir() and found is None:
            yield from _walk(child)
        else:
            yield Source(str(child), found, False)


def _url_importer(url: str, fmt: str | None) -> Importer | None:
    if fmt is not None:
        return registry.get(fmt)
    scheme = url.split("://", 1)[0]
    for cls in registry.importer_classes().values():
        if scheme in getattr(cls, "url_schemes", ()):
            return cls()
    return None


# The title of a file no importer recognises.
NOT_RECOGNISED = marked("not recognised")


def _within(exc: ImportFailed, location: str) -> Phrase:
    """Why the file at ``location`` failed, without naming it again: the problem after
    the rest of its place (an entry of an archive, a line)."""
    path = exc.path
    if path is None and exc.problem.code == TEXT:
        # Plain text from an importer written before problems were phrases: the place
        # is written into the sentence, as it always was.
        text = exc.problem.english()
        if text.startswith(location):
            return as_phrase(text[len(location) :].lstrip(":, "))
    if path is None or not path.startswith(location):
        return exc.phrase
    rest = path[len(location) :].lstrip(":, ")
    return located(exc.problem, rest or None, exc.line, exc.column)


def import_source(
    source: Source, opts: ImportOptions, progress: Callable[[int, int | None], None] | None = None
) -> FileReport:
    """Extract and write one source; a file that cannot be read gives a refused report."""
    importer = source.importer
    if importer is None:
        report = FileReport(source.location, "", NOT_RECOGNISED)
        if source.explicit:
            report.refused = True
            names = ", ".join(sorted(registry.importer_classes()))
            problem = say(
                "import.not_recognised",
                "no importer recognises this file; name its format "
                "with --format (one of: {formats})",
                formats=names,
            )
            report.errors.append(RowError(source.location, None, None, problem))
        return report
    importer.time_zone = opts.time_zone or BusinessSettings.load().time_zone
    importer.options.update(opts.options)
    if progress is not None:
        importer.progress = progress
    incremental = source.location if source.location.startswith(URL_SCHEMES) else None
    if incremental:
        importer.cursor = (
            ImportCursor.objects.filter(source=incremental).values_list("cursor", flat=True).first()
        )
    try:
        if incremental:
            records, errors = importer.extract_url(source.location)  # type: ignore[attr-defined]
        else:
            records, errors = importer.extract(Path(source.location))
    except ImportFailed as exc:
        report = FileReport(source.location, importer.name, importer.title)
        report.errors.append(RowError(source.location, None, None, _within(exc, source.location)))
        report.refused = True
        return report
    return write_records(
        records,
        errors,
        importer=importer.name,
        title=importer.title,
        source=source.location,
        skip_bad_rows=opts.skip_bad_rows,
        dry_run=opts.dry_run,
        cursor_source=incremental,
    )
