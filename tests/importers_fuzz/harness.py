"""One input through the import path the CLI uses, and what counts as a good outcome.

Two levels, as the fuzz suite splits its cases:

* :func:`extract` runs an importer's ``identify`` and ``extract`` (where nearly all
  parsing happens; fast, no database);
* :func:`import_path` runs ``partways import``'s own functions (``sources`` and
  ``import_source``, dry run or not) against the test database.

Either way the only acceptable outcomes are records (with or without row errors) or
a refusal (:class:`ImportFailed`, or a refused report) whose every message names the
file; anything else is a crash. :func:`time_limit` turns a hang into a failure, and
:func:`fingerprint` tells whether a refused or dry-run import wrote anything.
"""

from __future__ import annotations

import hashlib
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from partways.importers import ImportFailed, RowError, registry

CASE_SECONDS = 30
TIME_ZONE = "Europe/Zagreb"


class Hang(AssertionError):
    """A case ran past :data:`CASE_SECONDS`."""


class BadOutcome(AssertionError):
    """A case ended in something other than records or a refusal naming the file."""


@dataclass
class Outcome:
    """What one input gave: records, row errors, or a refusal (with its messages)."""

    refused: bool
    records: int = 0
    errors: list[str] = field(default_factory=list)
    importer: str | None = None
    identified: str | None = None  # what ``identify`` made of the file
    seconds: float = 0.0

    def said(self, text: str) -> bool:
        return any(text in e for e in self.errors)


@contextmanager
def time_limit(seconds: float = CASE_SECONDS) -> Iterator[None]:
    """Fail a case that runs past ``seconds`` (wall clock), interrupting it if it hangs."""

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"the case ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - started > seconds:
        raise Hang(f"the case took {time.monotonic() - started:.1f} s")


def _check_names(message: str, path: Path) -> None:
    """A user-facing message must name the file (or the export it is part of)."""
    if path.name not in message and str(path) not in message:
        raise BadOutcome(f"the message does not name {path.name}: {message!r}")
    # The CLI prints it: it must be text a terminal can show.
    message.encode("utf-8")


def _check_error(error: RowError, path: Path) -> str:
    if not isinstance(error, RowError):
        raise BadOutcome(f"an error is not a RowError: {error!r}")
    text = str(error)
    _check_names(error.path, path)
    text.encode("utf-8")
    return text


def extract(path: Path, fmt: str | None = None, options: dict[str, str] | None = None) -> Outcome:
    """``identify`` then ``extract`` of ``path``, as ``partways import [--format FMT]`` would.

    Raises :class:`BadOutcome` for any exception other than :class:`ImportFailed`
    (which Python raises itself: the test fails with the traceback) and for a
    message that does not name the file.
    """
    started = time.monotonic()
    found = registry.identify(path)  # must not raise, whatever the file holds
    identified = found.name if found is not None else None
    importer = registry.get(fmt) if fmt is not None else found
    if importer is None:
        return Outcome(refused=True, errors=["not recognised"])
    importer.time_zone = TIME_ZONE
    importer.options.update(options or {})
    try:
        records, errors = importer.extract(path)
    except ImportFailed as exc:
        # import_source files the message under the file's name (a RowError with its
        # path, see import_path); here it must only be a sentence a terminal can show.
        if not str(exc).strip():
            raise BadOutcome("an ImportFailed without a message") from exc
        str(exc).encode("utf-8")
        return Outcome(
            refused=True,
            errors=[str(exc)],
            importer=importer.name,
            identified=identified,
            seconds=time.monotonic() - started,
        )
    texts = [_check_error(e, path) for e in errors]
    for kind in records.kinds():
        frame = records.frames[kind]
        lowest = frame["line"].min() if "line" in frame.columns else None
        if isinstance(lowest, int) and lowest < 0:
            raise BadOutcome(f"{kind}: a negative line number")
    return Outcome(
        refused=False,
        records=records.count(),
        errors=texts,
        importer=importer.name,
        identified=identified,
        seconds=time.monotonic() - started,
    )


def import_path(
    path: Path | str,
    fmt: str | None = None,
    dry_run: bool = True,
    options: dict[str, str] | None = None,
) -> Outcome:
    """``partways import [--dry-run] [--format FMT] PATH`` through the CLI's own functions.

    Needs the database. Raises :class:`BadOutcome` when a refused file or a dry run
    changed the database, or a message does not name the file.
    """
    from partways.store.imports.run import ImportOptions, import_source, sources

    started = time.monotonic()
    location = Path(path) if not str(path).startswith(("imap://", "imaps://")) else None
    opts = ImportOptions(fmt, dry_run, False, TIME_ZONE, dict(options or {}))
    before = fingerprint()
    try:
        found = list(sources([str(path)], fmt))
    except ImportFailed as exc:
        if location is not None:
            _check_names(str(exc), location)
        return Outcome(refused=True, errors=[str(exc)])
    refused = False
    records = 0
    texts: list[str] = []
    for source in found:
        report = import_source(source, opts)
        refused = refused or report.refused
        for error in report.errors:
            if location is not None:
                texts.append(_check_error(error, location))
            else:
                texts.append(str(error))
        records += sum(report.new.values()) + sum(report.updated.values())
        records += sum(report.unchanged.values())
    if (dry_run or refused) and fingerprint() != before:
        raise BadOutcome(f"{'a dry run' if dry_run else 'a refused import'} changed the database")
    return Outcome(
        refused=refused, records=records, errors=texts, seconds=time.monotonic() - started
    )


def fingerprint() -> dict[str, str]:
    """A digest of every partways table's rows: equal before and after means unchanged."""
    from django.db import connection

    out = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if not table.startswith("partways_"):
                continue
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 - our own names
            out[table] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return out
